import { DEADLINE_NOTICE_DAYS } from './constants.ts'
import { daysUntil, deadlinesOf, type DeadlineKind, type ProgramDates } from './status.ts'

// Which deadline notices fall due today: followers hear of each deadline 14 days before and again
// 2 days before. A deadline first seen closer than 14 days (a late follow, a date moved) gets the
// notice of the window it is in, once: the key of a notice names the deadline's day and its window.

export type DueNotice = {
	kind: DeadlineKind
	on: Date
	window: (typeof DEADLINE_NOTICE_DAYS)[number]
	daysLeft: number
}

export function noticesDue(dates: ProgramDates, now: Date): DueNotice[] {
	const [early, late] = [...DEADLINE_NOTICE_DAYS].sort((a, b) => b - a) as [number, number]
	return deadlinesOf(dates).flatMap(({ kind, on }) => {
		const daysLeft = daysUntil(on, now)
		if (daysLeft < 0 || daysLeft > early) return []
		const window = (daysLeft > late ? early : late) as DueNotice['window']
		return [{ kind, on, window, daysLeft }]
	})
}

/** The once-key of a notice to one follower: a rerun, a restart or another instance sends it once. */
export function noticeKey(programId: string, notice: DueNotice, userId: string): string {
	return `vendors.deadline:${programId}:${notice.kind}:${notice.on.toISOString().slice(0, 10)}:${notice.window}d:${userId}`
}
