import { announceNotifications } from '#app/modules/notifications/notifications.server.ts'
import type { ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { closeCycleIn, cycleCloseKey, cycleOpenKey, openCycleIn } from './cycles.server.ts'
import { DAY_MS } from './days.ts'
import { QUARTERLY_CYCLE } from './subjects.server.ts'

const FIVE_MINUTES = 5 * 60 * 1000
// Enough to keep one run short; the rest are found at the next run.
const BATCH = 200

/**
 * Cycles open and close on their dates by themselves: a draft opens on the morning (UTC) of its
 * opening day, and its members are told; an open cycle closes once its due day is over
 * (lifecycle.ts). Each move is done through `once`, under a key a moderator's own open or close
 * also records (cycles.server.ts), so a rerun, a restart or a second instance never repeats it,
 * and a cycle is never opened twice.
 */
export const cycleSchedulerJob: ScheduledJob = {
	name: 'quarterly.cycles',
	everyMs: FIVE_MINUTES,
	async run({ now, once, realtime }) {
		// Opening: drafts whose opening day has come (opensOn is a UTC midnight).
		const toOpen = await db.reviewCycle.findMany({
			where: { status: 'draft', opensOn: { lte: now } },
			select: { id: true },
			orderBy: { opensOn: 'asc' },
			take: BATCH,
		})
		for (const cycle of toOpen) {
			await once(cycleOpenKey(cycle.id), async (tx) => {
				const recipients = await openCycleIn(tx, cycle.id, { now, actorId: null })
				if (recipients) return () => announceNotifications(realtime, { kind: QUARTERLY_CYCLE, id: cycle.id }, recipients)
			})
		}
		// Closing: open cycles whose due day is over (now ≥ dueOn + one day, as lifecycle.ts says).
		const toClose = await db.reviewCycle.findMany({
			where: { status: 'open', dueOn: { lte: new Date(now.getTime() - DAY_MS) } },
			select: { id: true },
			orderBy: { dueOn: 'asc' },
			take: BATCH,
		})
		for (const cycle of toClose) {
			await once(cycleCloseKey(cycle.id), async (tx) => {
				await closeCycleIn(tx, cycle.id, now)
			})
		}
	},
}
