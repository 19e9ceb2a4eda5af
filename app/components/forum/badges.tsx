import { CircleCheck, Lock, Pin, type LucideIcon } from 'lucide-react'
import { BLOCKER_LABELS, THREAD_KIND_LABELS, type Blocker, type ThreadKind } from '#app/modules/forums/constants.ts'
import { cn } from '#app/utils/misc.ts'

const pill = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium'

export function KindBadge({ kind }: { kind: string }) {
	if (kind === 'discussion') return null
	return (
		<span className={cn(pill, kind === 'lesson' ? 'bg-amber-100 text-amber-900' : 'bg-violet-100 text-violet-900')}>
			{THREAD_KIND_LABELS[kind as ThreadKind] ?? kind}
		</span>
	)
}

const STATES = {
	pinned: { icon: Pin, label: 'Pinned', className: 'text-brand-700' },
	locked: { icon: Lock, label: 'Locked', className: 'text-slate-600' },
	answered: { icon: CircleCheck, label: 'Answered', className: 'text-emerald-700' },
} satisfies Record<string, { icon: LucideIcon; label: string; className: string }>

/**
 * A thread's state (pinned, locked, answered): an icon and its word. In a list the word is for
 * screen readers only (and the tooltip), so rows stay short; the thread's page writes it out.
 */
export function StateBadge({ state, compact = false }: { state: keyof typeof STATES; compact?: boolean }) {
	const { icon: Icon, label, className } = STATES[state]
	return (
		<span className={cn('inline-flex items-center gap-1 text-xs font-semibold', className)} title={compact ? label : undefined}>
			<Icon aria-hidden="true" className="h-3.5 w-3.5 shrink-0" strokeWidth={2.25} />
			<span className={compact ? 'sr-only' : undefined}>{label}</span>
		</span>
	)
}

export function BlockerBadge({ blocker }: { blocker: string | null }) {
	if (!blocker) return null
	return <span className={cn(pill, 'bg-orange-50 text-orange-900 ring-1 ring-orange-200')}>{BLOCKER_LABELS[blocker as Blocker] ?? blocker}</span>
}

export function TagList({ tags, hrefFor }: { tags: string[]; hrefFor?: (tag: string) => string }) {
	if (tags.length === 0) return null
	return (
		<ul className="flex flex-wrap gap-1" aria-label="Tags">
			{tags.map((tag) => (
				<li key={tag}>
					{hrefFor ? (
						<a href={hrefFor(tag)} className={cn(pill, 'min-h-6 bg-slate-100 text-slate-700 no-underline hover:bg-slate-200')}>
							#{tag}
						</a>
					) : (
						<span className={cn(pill, 'bg-slate-100 text-slate-700')}>#{tag}</span>
					)}
				</li>
			))}
		</ul>
	)
}
