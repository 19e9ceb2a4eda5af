// Plans, goals and check-ins written directly for tests of buddies and reviews (the plans core's
// own forms are not needed to test what buddies do with them).
import { db } from '#app/utils/db.server.ts'
import { createGroupWith } from './helpers.ts'
import { person, type Person } from './forum-helpers.ts'

export const DAY = 24 * 60 * 60 * 1000

export async function addPlan(ownerId: string, fields: { year?: number; kind?: string; reminderCadence?: string; sharedWithModerators?: boolean } = {}) {
	return db.plan.create({
		data: {
			ownerId,
			year: fields.year ?? new Date().getUTCFullYear(),
			kind: fields.kind ?? 'business',
			reminderCadence: fields.reminderCadence ?? 'monthly',
			sharedWithModerators: fields.sharedWithModerators ?? false,
		},
		select: { id: true, ownerId: true, year: true },
	})
}

let position = 0
export async function addGoal(planId: string, fields: { title?: string; createdAt?: Date; droppedAt?: Date } = {}) {
	position += 1
	return db.goal.create({
		data: {
			planId,
			position,
			title: fields.title ?? `Goal ${position}`,
			area: 'sales',
			measure: 'number',
			unit: 'k€',
			startValue: 0,
			targetValue: 100,
			dueQuarter: 4,
			createdAt: fields.createdAt,
			droppedAt: fields.droppedAt,
		},
		select: { id: true, planId: true, title: true },
	})
}

export async function addCheckIn(goalId: string, fields: { checkedAt?: Date; status?: string; done?: boolean; value?: number; note?: string } = {}) {
	return db.checkIn.create({
		data: {
			goalId,
			value: fields.value ?? 40,
			status: fields.status ?? 'on_track',
			done: fields.done ?? false,
			note: fields.note ?? 'Two new clients.',
			checkedAt: fields.checkedAt,
		},
		select: { id: true, goalId: true },
	})
}

export async function pairUp(inviterId: string, inviteeId: string, status: 'pending' | 'accepted' | 'declined' | 'ended' = 'accepted') {
	return db.buddyPair.create({ data: { inviterId, inviteeId, status }, select: { id: true } })
}

/**
 * Alice owns a plan; in her group are Bob (her buddy), Carol (a member, no pairing), Mona (the
 * moderator; the plan is not shared) and pending, declined and ended buddies; Dave is in another
 * group; Ada is a site admin.
 */
export async function planWorld() {
	const [alice, bob, carol, mona, dave, ada, pen, dec, ended] = await Promise.all([
		person({ name: 'Alice Owner' }),
		person({ name: 'Bob Buddy' }),
		person({ name: 'Carol Member' }),
		person({ name: 'Mona Moderator' }),
		person({ name: 'Dave Elsewhere' }),
		person({ name: 'Ada Admin', isSiteAdmin: true }),
		person({ name: 'Pete Pending' }),
		person({ name: 'Dora Declined' }),
		person({ name: 'Ed Ended' }),
	])
	const group = await createGroupWith({ moderator: mona, members: [alice, bob, carol, pen, dec, ended] })
	await createGroupWith({ moderator: dave })
	const plan = await addPlan(alice.id)
	const goal = await addGoal(plan.id, { title: 'Grow recurring revenue' })
	const checkIn = await addCheckIn(goal.id)
	await pairUp(alice.id, bob.id, 'accepted')
	await pairUp(alice.id, pen.id, 'pending')
	await pairUp(dec.id, alice.id, 'declined')
	await pairUp(ended.id, alice.id, 'ended')
	return { alice, bob, carol, mona, dave, ada, pen, dec, ended, group, plan, goal, checkIn }
}

export type PlanWorld = Awaited<ReturnType<typeof planWorld>>
export type { Person }
