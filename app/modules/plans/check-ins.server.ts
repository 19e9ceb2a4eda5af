import { db } from '#app/utils/db.server.ts'
import { isStale as isQuietSince } from './buddies.ts'
import type { GoalStatus } from './constants.ts'
import { PlanError } from './plan-error.ts'
import type { CheckInInput } from './schemas.ts'
import { announceCheckIn, recordCheckInNotifications } from './check-in-notifications.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { latestDayAnywhere } from './check-in-days.ts'
import { indexCheckIn } from './plan-search.server.ts'

/**
 * A goal is stale when nobody has checked in on it for 30 days (counted from its creation while it
 * has none), unless it was dropped or is done: those need no more check-ins.
 */
export function isStale(
	goal: { createdAt: Date; droppedAt: Date | null; done?: boolean },
	lastCheckInAt: Date | null,
	now: Date,
): boolean {
	if (goal.droppedAt || goal.done) return false
	const since = lastCheckInAt ?? goal.createdAt
	return isQuietSince(since, now)
}

/**
 * Where a goal stands today, recorded by its owner (the route checked that). The goal must belong
 * to the plan, be still open, and the date must not lie ahead. One transaction; the check-in comes
 * back with its plan and owner for whoever announces it.
 */
export async function recordCheckIn(
	planId: string,
	goalId: string,
	input: CheckInInput,
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<{
	id: string
	goalId: string
	planId: string
	ownerId: string
	status: GoalStatus
	checkedAt: Date
}> {
	const day = input.date ?? isoDay(now)
	if (day > latestDayAnywhere(now))
		throw new PlanError('A check-in cannot be dated in the future', 'date')
	// Today's check-in keeps its time, so two on one day stay in order (today by UTC, or the day
	// that has already begun east of it); an earlier day is its noon (UTC).
	const checkedAt = day >= isoDay(now) ? now : new Date(`${day}T12:00:00Z`)
	const { checkIn, notice } = await db.$transaction(async (tx) => {
		const goal = await tx.goal.findFirst({
			where: { id: goalId, planId },
			select: { measure: true, droppedAt: true, plan: { select: { ownerId: true } } },
		})
		if (!goal) throw new PlanError('That goal is no longer in this plan')
		if (goal.droppedAt) throw new PlanError('This goal was dropped: it takes no more check-ins')
		const isNumber = goal.measure === 'number'
		if (isNumber && input.value === undefined)
			throw new PlanError('Enter the value you have reached', 'value')
		const done = isNumber ? input.status === 'done' : Boolean(input.done) || input.status === 'done'
		const created = await tx.checkIn.create({
			data: {
				goalId,
				value: isNumber ? input.value! : null,
				done,
				status: done ? 'done' : input.status,
				note: input.note ?? '',
				checkedAt,
			},
			select: { id: true, status: true, checkedAt: true },
		})
		await indexCheckIn(tx, created.id)
		// The owner's buddies are told in the same commit (their notifications), and live after it.
		const notice = await recordCheckInNotifications(tx, { id: created.id, goalId })
		return {
			checkIn: {
				...created,
				status: created.status as GoalStatus,
				goalId,
				planId,
				ownerId: goal.plan.ownerId,
			},
			notice,
		}
	})
	announceCheckIn(realtime, notice)
	return checkIn
}

/** A goal's check-ins, newest first. */
export function checkInHistory(goalId: string) {
	return db.checkIn.findMany({
		where: { goalId },
		orderBy: [{ checkedAt: 'desc' }, { createdAt: 'desc' }],
		select: {
			id: true,
			value: true,
			done: true,
			status: true,
			note: true,
			checkedAt: true,
			// What the buddies said of it: the plan shows which progress a buddy confirmed.
			reviews: {
				orderBy: { createdAt: 'asc' },
				select: { verdict: true, buddy: { select: { name: true } } },
			},
			_count: { select: { comments: true } },
		},
	})
}
