// Followers hear of a program's deadlines 14 and 2 days before each (deadlines.ts says which notice
// falls due on a day). A scheduled job looks every hour; each notice to each follower goes through
// `once` under its noticeKey, so a rerun, a restart or a second instance sends it once. Only
// followers who may still see the program are told (followersToTell); a merge moves the follows
// to the program merged into (mergeProgram), so its followers hear of that one's deadlines.
import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import type { ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { DEADLINE_NOTICE_DAYS } from './constants.ts'
import { noticeKey, noticesDue } from './deadlines.ts'
import { followersToTell } from './follows.server.ts'
import { deadlineNoticeType } from './program-dates.ts'
import { VENDORS_PROGRAM } from './program-subjects.server.ts'
import { startOfUtcDay } from './status.ts'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const BATCH = 200

export const deadlineNoticesJob: ScheduledJob = {
	name: 'vendors.deadline-notices',
	everyMs: HOUR,
	async run({ now, once, realtime }) {
		// A deadline is noticed from DEADLINE_NOTICE_DAYS before until its day: only programs with
		// a deadline in that span, and a follower, are read.
		const from = startOfUtcDay(now)
		const to = new Date(from.getTime() + (Math.max(...DEADLINE_NOTICE_DAYS) + 1) * DAY)
		const span = { gte: from, lt: to }
		let cursor: string | undefined
		for (;;) {
			const programs = await db.vendorProgram.findMany({
				where: {
					state: 'approved',
					follows: { some: {} },
					OR: [{ enrollClosesOn: span }, { claimClosesOn: span }, { proofDueOn: span }],
					...(cursor ? { id: { gt: cursor } } : {}),
				},
				select: {
					id: true,
					state: true,
					proposedById: true,
					enrollOpensOn: true,
					enrollClosesOn: true,
					claimOpensOn: true,
					claimClosesOn: true,
					proofDueOn: true,
				},
				orderBy: { id: 'asc' },
				take: BATCH,
			})
			for (const program of programs) {
				const notices = noticesDue(program, now)
				if (notices.length === 0) continue
				const subject = { kind: VENDORS_PROGRAM, id: program.id }
				for (const userId of await followersToTell(program)) {
					for (const notice of notices) {
						await once(noticeKey(program.id, notice, userId), async (tx) => {
							await recordNotifications(tx, {
								subject,
								actorId: null,
								recipients: [{ userId, type: deadlineNoticeType(notice) }],
							})
							return () => announceNotifications(realtime, subject, [userId])
						})
					}
				}
			}
			if (programs.length < BATCH) return
			cursor = programs[programs.length - 1]!.id
		}
	},
}
