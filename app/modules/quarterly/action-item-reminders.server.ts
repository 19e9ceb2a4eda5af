import { announceNotifications, recordNotifications } from '#app/modules/notifications/notifications.server.ts'
import type { ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { QUARTERLY_ACTION_ITEM } from './action-item-subjects.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const BATCH = 500

export const actionItemReminderKey = (actionItemId: string, day: string) => `quarterly.action-item:${actionItemId}:${day}`

/**
 * "Your action item is due" (on its day) and "…is overdue" (each day after), to its owner, once
 * per item per day: each notice goes through `once` under a key of the item and the day, so a
 * rerun, a restart or a second instance never sends it twice. Only open items whose owner is
 * still in the item's group (the quarterly rule) are reminded.
 */
export const actionItemRemindersJob: ScheduledJob = {
	name: 'quarterly.action-item-reminders',
	everyMs: HOUR,
	async run({ now, once, realtime }) {
		const today = isoDay(now)
		const endOfToday = new Date(Date.parse(`${today}T00:00:00Z`) + DAY)
		let cursor: string | undefined
		for (;;) {
			const items = await db.actionItem.findMany({
				where: {
					doneAt: null,
					dueOn: { lt: endOfToday },
					owner: { memberships: { some: activeMembershipWhere() } },
					...(cursor ? { id: { gt: cursor } } : {}),
				},
				select: { id: true, ownerId: true, createdById: true, dueOn: true, groupId: true, owner: { select: { memberships: { where: activeMembershipWhere(), select: { groupId: true } } } } },
				orderBy: { id: 'asc' },
				take: BATCH,
			})
			for (const item of items) {
				if (!item.owner.memberships.some((m) => m.groupId === item.groupId)) continue
				const subject = { kind: QUARTERLY_ACTION_ITEM, id: item.id }
				// Read as "<moderator who captured it> noted your action item, due today: <text>".
				const type = isoDay(item.dueOn) === today ? 'action-due' : 'action-overdue'
				await once(actionItemReminderKey(item.id, today), async (tx) => {
					await recordNotifications(tx, { subject, actorId: item.createdById, recipients: [{ userId: item.ownerId, type }] })
					await tx.actionItem.update({ where: { id: item.id }, data: { lastRemindedAt: now } })
					return () => announceNotifications(realtime, subject, [item.ownerId])
				})
			}
			if (items.length < BATCH) return
			cursor = items[items.length - 1]!.id
		}
	},
}
