import { PHASE_LABELS, type CyclePhase } from '#app/modules/quarterly/lifecycle.ts'
import { cn } from '#app/utils/misc.ts'

const CLASSES: Record<CyclePhase, string> = {
	draft: 'bg-slate-100 text-slate-700',
	open: 'bg-emerald-50 text-emerald-800',
	due: 'bg-amber-50 text-amber-800',
	closed: 'bg-slate-100 text-slate-600',
}

export function PhaseBadge({ phase }: { phase: CyclePhase }) {
	return <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', CLASSES[phase])}>{PHASE_LABELS[phase]}</span>
}
