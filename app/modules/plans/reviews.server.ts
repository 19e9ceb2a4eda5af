import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import { db, dbEngine, type DbTransaction } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { planAccess, planReadersWhere, type PlanRole } from './access.server.ts'
import { acceptedBuddyIds } from './buddies.server.ts'
import { isDoneCheckIn, isStale, startOfUtcDay, type Verdict } from './buddies.ts'
import { PLAN_EVENTS } from './events.ts'
import { indexCheckIn } from './plan-search.server.ts'
import { PLAN_CHECK_IN, PLAN_GOAL } from './subjects.server.ts'

// What buddies do with an owner's check-ins: confirm one or ask to talk about it, comment on it,
// and nudge a goal that has gone quiet. Every function asks the plans access rule first and
// answers null (the route's 404) where it refuses; only a buddy reviews and nudges.

type Viewer = { id: string }

/** The check-in, when it belongs to the plan and the viewer may see the plan. */
async function findCheckIn(viewer: Viewer, planId: string, checkInId: string) {
	const access = await planAccess(viewer, planId)
	if (!access) return null
	const checkIn = await db.checkIn.findFirst({
		where: { id: checkInId, goal: { planId } },
		select: { id: true, goalId: true },
	})
	return checkIn ? { access, checkIn } : null
}

/** One check-in as its page shows it, with the verdicts and comments; null → 404. */
export async function checkInView(viewer: Viewer, planId: string, checkInId: string) {
	const found = await findCheckIn(viewer, planId, checkInId)
	if (!found) return null
	const checkIn = await db.checkIn.findUniqueOrThrow({
		where: { id: checkInId },
		select: {
			id: true,
			value: true,
			done: true,
			status: true,
			note: true,
			checkedAt: true,
			goal: {
				select: {
					id: true,
					title: true,
					measure: true,
					unit: true,
					targetValue: true,
					plan: { select: { id: true, year: true, owner: { select: { id: true, name: true } } } },
				},
			},
			reviews: {
				select: {
					buddyId: true,
					verdict: true,
					note: true,
					createdAt: true,
					buddy: { select: { name: true } },
				},
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			},
			comments: {
				select: {
					id: true,
					body: true,
					createdAt: true,
					author: { select: { id: true, name: true } },
				},
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			},
		},
	})
	const role: PlanRole = found.access.role
	return {
		role,
		checkIn,
		ownVerdict: checkIn.reviews.find((review) => review.buddyId === viewer.id) ?? null,
		can: { review: role === 'buddy', comment: role === 'owner' || role === 'buddy' },
	}
}

/** The owner and the owner's accepted buddies who may read the plan: those a check-in concerns. */
async function peopleOfPlan(
	tx: DbTransaction,
	planId: string,
): Promise<{ ownerId: string; people: string[] }> {
	const plan = await tx.plan.findUniqueOrThrow({
		where: { id: planId },
		select: { ownerId: true, sharedWithModerators: true },
	})
	const candidates = [plan.ownerId, ...(await acceptedBuddyIds(tx, plan.ownerId))]
	const people = await tx.user.findMany({
		where: { AND: [{ id: { in: candidates } }, planReadersWhere(plan)] },
		select: { id: true },
	})
	return { ownerId: plan.ownerId, people: people.map((person) => person.id) }
}

/**
 * A buddy's verdict on a check-in: "confirmed", or "talk" with a note. Giving it again changes it.
 * The owner is notified and the plan's room told. Null when the viewer is not a buddy of the plan.
 */
export async function reviewCheckIn(
	viewer: Viewer,
	input: { planId: string; checkInId: string; verdict: Verdict; note: string },
	realtime: RealtimePublisher,
): Promise<{ changed: boolean } | null> {
	const found = await findCheckIn(viewer, input.planId, input.checkInId)
	if (!found || found.access.role !== 'buddy') return null
	const note = input.verdict === 'talk' ? input.note : ''
	const { ownerId, changed } = await db.$transaction(async (tx) => {
		const before = await tx.checkInReview.findUnique({
			where: { checkInId_buddyId: { checkInId: input.checkInId, buddyId: viewer.id } },
			select: { verdict: true, note: true },
		})
		await tx.checkInReview.upsert({
			where: { checkInId_buddyId: { checkInId: input.checkInId, buddyId: viewer.id } },
			create: { checkInId: input.checkInId, buddyId: viewer.id, verdict: input.verdict, note },
			update: { verdict: input.verdict, note },
		})
		const changed = !before || before.verdict !== input.verdict || before.note !== note
		if (changed) {
			await recordNotifications(tx, {
				subject: { kind: PLAN_CHECK_IN, id: input.checkInId },
				actorId: viewer.id,
				recipients: [{ userId: found.access.ownerId, type: 'review' }],
			})
		}
		return { ownerId: found.access.ownerId, changed }
	})
	if (changed) {
		announceNotifications(realtime, { kind: PLAN_CHECK_IN, id: input.checkInId }, [ownerId])
		realtime.toRoom(rooms.plan(input.planId), PLAN_EVENTS.review, {
			planId: input.planId,
			checkInId: input.checkInId,
			buddyId: viewer.id,
			verdict: input.verdict,
		})
	}
	return { changed }
}

/**
 * The owner or a buddy comments on a check-in; the others of the two (the owner and the buddies)
 * are notified. Null when the viewer may not comment (a moderator reads, but does not comment).
 */
export async function commentOnCheckIn(
	viewer: Viewer,
	input: { planId: string; checkInId: string; body: string },
	realtime: RealtimePublisher,
): Promise<{ commentId: string } | null> {
	const found = await findCheckIn(viewer, input.planId, input.checkInId)
	if (!found || (found.access.role !== 'owner' && found.access.role !== 'buddy')) return null
	const { commentId, recipients } = await db.$transaction(async (tx) => {
		const comment = await tx.checkInComment.create({
			data: { checkInId: input.checkInId, authorId: viewer.id, body: input.body },
			select: { id: true },
		})
		await indexCheckIn(tx, input.checkInId)
		const { people } = await peopleOfPlan(tx, input.planId)
		const recipients = people.filter((id) => id !== viewer.id)
		await recordNotifications(tx, {
			subject: { kind: PLAN_CHECK_IN, id: input.checkInId },
			actorId: viewer.id,
			recipients: recipients.map((userId) => ({ userId, type: 'comment' })),
		})
		return { commentId: comment.id, recipients }
	})
	announceNotifications(realtime, { kind: PLAN_CHECK_IN, id: input.checkInId }, recipients)
	realtime.toRoom(rooms.plan(input.planId), PLAN_EVENTS.comment, {
		planId: input.planId,
		checkInId: input.checkInId,
		commentId,
	})
	return { commentId }
}

export type NudgeRefusal = 'not-found' | 'closed' | 'not-stale' | 'limit'

export const NUDGE_REFUSALS: Record<Exclude<NudgeRefusal, 'not-found'>, string> = {
	closed: 'That goal is done or dropped: there is nothing to nudge about.',
	'not-stale': 'That goal had a check-in within the last 30 days: no nudge needed yet.',
	limit: 'That goal was already nudged today. Try again tomorrow.',
}

/**
 * A buddy nudges a goal that has gone quiet (no check-in for 30 days, not done nor dropped): at
 * most one nudge per goal per calendar day (UTC), whoever sends it. The owner is notified.
 */
export async function nudgeGoal(
	viewer: Viewer,
	input: { planId: string; goalId: string; now?: Date },
	realtime: RealtimePublisher,
): Promise<{ ok: true } | { ok: false; reason: NudgeRefusal }> {
	const now = input.now ?? new Date()
	const access = await planAccess(viewer, input.planId)
	if (!access || access.role !== 'buddy') return { ok: false, reason: 'not-found' }
	const outcome = await db.$transaction(async (tx) => {
		// Two buddies nudging at once: on PostgreSQL the goal's row is locked so the second sees the
		// first's nudge (SQLite runs one transaction at a time).
		if (dbEngine() === 'postgresql')
			await tx.$queryRaw`SELECT "id" FROM "Goal" WHERE "id" = ${input.goalId} FOR UPDATE`
		const goal = await tx.goal.findFirst({
			where: { id: input.goalId, planId: input.planId },
			select: {
				droppedAt: true,
				createdAt: true,
				checkIns: {
					select: { checkedAt: true, done: true, status: true },
					orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }],
					take: 1,
				},
			},
		})
		if (!goal) return { ok: false as const, reason: 'not-found' as const }
		const last = goal.checkIns[0]
		if (goal.droppedAt || isDoneCheckIn(last))
			return { ok: false as const, reason: 'closed' as const }
		if (!isStale(last?.checkedAt ?? goal.createdAt, now))
			return { ok: false as const, reason: 'not-stale' as const }
		const today = await tx.nudge.findFirst({
			where: { goalId: input.goalId, createdAt: { gte: startOfUtcDay(now) } },
			select: { id: true },
		})
		if (today) return { ok: false as const, reason: 'limit' as const }
		await tx.nudge.create({ data: { goalId: input.goalId, buddyId: viewer.id, createdAt: now } })
		await recordNotifications(tx, {
			subject: { kind: PLAN_GOAL, id: input.goalId },
			actorId: viewer.id,
			recipients: [{ userId: access.ownerId, type: 'nudge' }],
		})
		return { ok: true as const }
	})
	if (outcome.ok)
		announceNotifications(realtime, { kind: PLAN_GOAL, id: input.goalId }, [access.ownerId])
	return outcome
}
