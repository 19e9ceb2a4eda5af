import { STATUS_LABELS, type GoalStatus } from '#app/modules/plans/constants.ts'
import { cn } from '#app/utils/misc.ts'

const statusClasses: Record<GoalStatus, string> = {
	on_track: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	at_risk: 'bg-amber-50 text-amber-800 ring-amber-200',
	off_track: 'bg-red-50 text-red-800 ring-red-200',
	done: 'bg-sky-50 text-sky-800 ring-sky-200',
}

const badge =
	'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset'

export function StatusBadge({ status }: { status: GoalStatus | null }) {
	if (!status)
		return (
			<span className={cn(badge, 'bg-slate-50 text-slate-600 ring-slate-200')}>
				No check-in yet
			</span>
		)
	return <span className={cn(badge, statusClasses[status])}>{STATUS_LABELS[status]}</span>
}

export function StaleBadge() {
	return (
		<span
			className={cn(badge, 'bg-orange-50 text-orange-800 ring-orange-200')}
			title="No check-in for 30 days or more"
		>
			Needs a check-in
		</span>
	)
}

export function DroppedBadge() {
	return <span className={cn(badge, 'bg-slate-100 text-slate-600 ring-slate-300')}>Dropped</span>
}
