import { DAY_MS, startOfDay } from './days.ts'

// Where a cycle stands on a day, for pages and for the rule "updates change until the cycle
// closes". A cycle opens on the morning (UTC) of its opening day and closes after its due day; the
// scheduler moves `status` at those moments (cycle-scheduler.server.ts), and a moderator may move
// it by hand. Between the end of the due day and the scheduler's next run the cycle still says
// "open": the date decides, so nobody slips an edit into that gap.

export const CYCLE_STATUSES = ['draft', 'open', 'closed'] as const
export type CycleStatus = (typeof CYCLE_STATUSES)[number]

export type CyclePhase = 'draft' | 'open' | 'due' | 'closed'

type Dated = { status: string; opensOn: Date | string; dueOn: Date | string }

/** The moment the cycle stops taking updates: the end of its due day (UTC). */
export function closesAt(cycle: Pick<Dated, 'dueOn'>): Date {
	return new Date(startOfDay(new Date(cycle.dueOn)).getTime() + DAY_MS)
}

/** Whether members may save or change their update now. */
export function acceptsUpdates(cycle: Dated, now: Date): boolean {
	return cycle.status === 'open' && now < closesAt(cycle)
}

/** "due" is an open cycle on its due day: the last day to submit. */
export function cyclePhase(cycle: Dated, now: Date): CyclePhase {
	if (cycle.status === 'draft') return 'draft'
	if (cycle.status === 'closed' || !acceptsUpdates(cycle, now)) return 'closed'
	return startOfDay(now).getTime() === startOfDay(new Date(cycle.dueOn)).getTime() ? 'due' : 'open'
}

export const PHASE_LABELS: Record<CyclePhase, string> = {
	draft: 'Draft',
	open: 'Open',
	due: 'Due today',
	closed: 'Closed',
}

/** The scheduler's two moves: a draft opens on its opening day, an open cycle closes after its due day. */
export function isDueToOpen(cycle: Dated, now: Date): boolean {
	return cycle.status === 'draft' && startOfDay(new Date(cycle.opensOn)).getTime() <= now.getTime()
}
export function isDueToClose(cycle: Dated, now: Date): boolean {
	return cycle.status === 'open' && now >= closesAt(cycle)
}
