import { cn, initials } from '#app/utils/misc.ts'

// A stable colour per person, so a member is recognisable at a glance across pages.
// 700 shades: white initials on them keep WCAG AA contrast (4.5:1) at the small sizes.
const palette = ['bg-sky-700', 'bg-emerald-700', 'bg-amber-700', 'bg-rose-700', 'bg-violet-700', 'bg-teal-700', 'bg-slate-700']

function colourFor(seed: string): string {
	let hash = 0
	for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0
	return palette[Math.abs(hash) % palette.length]!
}

// Decorative: the name is always written next to it or in the control's label. The initials are
// drawn by CSS (not a text node), so they are not copied with the text and do not count as the
// visible label of a control that holds the avatar (the account menu is named "Your account").
export function Avatar({ name, seed, size = 'md' }: { name: string; seed?: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
	return (
		<span
			aria-hidden="true"
			data-initials={initials(name)}
			className={cn(
				'inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white before:content-[attr(data-initials)]',
				colourFor(seed ?? name),
				size === 'xs' && 'h-5 w-5 text-[0.6rem]',
				size === 'sm' && 'h-7 w-7 text-xs',
				size === 'md' && 'h-9 w-9 text-sm',
				size === 'lg' && 'h-16 w-16 text-xl',
			)}
		/>
	)
}
