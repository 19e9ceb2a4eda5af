import type { ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'

const HOUR = 60 * 60 * 1000
// Enough to keep one run short however long the server was down; the rest go at the next run.
const BATCH = 500

/**
 * Sessions past their expiry are removed (a session is checked when used, but one never used
 * again would stay for ever) and their live connections end: an expired session must not keep
 * receiving events on a socket opened while it was valid.
 */
export const expiredSessionsJob: ScheduledJob = {
	name: 'auth.expired-sessions',
	everyMs: HOUR,
	async run({ now, realtime }) {
		for (;;) {
			const expired = await db.session.findMany({
				where: { expiresAt: { lte: now } },
				select: { id: true, userId: true },
				take: BATCH,
			})
			if (expired.length === 0) return
			await db.session.deleteMany({ where: { id: { in: expired.map((session) => session.id) } } })
			await Promise.all(expired.map((session) => realtime.disconnectUser(session.userId, { sessionId: session.id })))
			if (expired.length < BATCH) return
		}
	},
}
