import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import type { DbTransaction } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { planReadersWhere } from './access.server.ts'
import { acceptedBuddyIds } from './buddies.server.ts'
import { PLAN_EVENTS } from './events.ts'
import { PLAN_CHECK_IN } from './subjects.server.ts'

// What a new check-in tells others. The plans core's recordCheckIn calls the pair: the first in
// its transaction, the second after the commit with what the first returned.

export type CheckInNotice = {
	checkInId: string
	goalId: string
	planId: string
	recipients: string[]
}

/**
 * In the check-in's transaction: a "check-in" notification for each of the owner's accepted
 * buddies who may read the plan now (the access rule's reader list).
 */
export async function recordCheckInNotifications(
	tx: DbTransaction,
	checkIn: { id: string; goalId: string },
): Promise<CheckInNotice> {
	const goal = await tx.goal.findUniqueOrThrow({
		where: { id: checkIn.goalId },
		select: { planId: true, plan: { select: { ownerId: true, sharedWithModerators: true } } },
	})
	const buddies = await acceptedBuddyIds(tx, goal.plan.ownerId)
	const recipients =
		buddies.length === 0
			? []
			: (
					await tx.user.findMany({
						where: { AND: [{ id: { in: buddies } }, planReadersWhere(goal.plan)] },
						select: { id: true },
					})
				).map((user) => user.id)
	await recordNotifications(tx, {
		subject: { kind: PLAN_CHECK_IN, id: checkIn.id },
		actorId: goal.plan.ownerId,
		recipients: recipients.map((userId) => ({ userId, type: 'check-in' })),
	})
	return { checkInId: checkIn.id, goalId: checkIn.goalId, planId: goal.planId, recipients }
}

/** After the commit: the buddies' bells, and the plan's room (the buddy dashboard, the plan's pages). */
export function announceCheckIn(realtime: RealtimePublisher, notice: CheckInNotice): void {
	announceNotifications(realtime, { kind: PLAN_CHECK_IN, id: notice.checkInId }, notice.recipients)
	realtime.toRoom(rooms.plan(notice.planId), PLAN_EVENTS.checkIn, {
		planId: notice.planId,
		goalId: notice.goalId,
		checkInId: notice.checkInId,
	})
}
