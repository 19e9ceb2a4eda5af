import { cn, initials } from '#app/utils/misc.ts'

// A stable colour per person, so a member is recognisable at a glance across pages.
const palette = ['bg-sky-600', 'bg-emerald-600', 'bg-amber-600', 'bg-rose-600', 'bg-violet-600', 'bg-teal-600', 'bg-slate-600']

function colourFor(seed: string): string {
	let hash = 0
	for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0
	return palette[Math.abs(hash) % palette.length]!
}

export function Avatar({ name, seed, size = 'md' }: { name: string; seed?: string; size?: 'sm' | 'md' | 'lg' }) {
	return (
		<span
			aria-hidden="true"
			className={cn(
				'inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white',
				colourFor(seed ?? name),
				size === 'sm' && 'h-7 w-7 text-xs',
				size === 'md' && 'h-9 w-9 text-sm',
				size === 'lg' && 'h-16 w-16 text-xl',
			)}
		>
			{initials(name)}
		</span>
	)
}
