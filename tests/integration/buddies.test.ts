// Accountability buddies: who may pair with whom, what a pairing grants and what ending it takes
// away (at once, live rooms included), verdicts, comments, nudges with their daily limit,
// notifications that reach only the plan's readers, and the reminder job with a fixed clock.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { listNotifications, unreadNotificationCount } from '#app/modules/notifications/notifications.server.ts'
import { planAccess } from '#app/modules/plans/access.server.ts'
import {
	endPairing,
	invitableMembers,
	inviteBuddy,
	listPairs,
	respondToInvitation,
	withdrawInvitation,
} from '#app/modules/plans/buddies.server.ts'
import { announceCheckIn, recordCheckInNotifications } from '#app/modules/plans/check-in-notifications.server.ts'
import { buddyDashboard } from '#app/modules/plans/dashboard.server.ts'
import { PLAN_EVENTS, type PlanCheckInEvent, type PlanCommentEvent, type PlanReviewEvent } from '#app/modules/plans/events.ts'
import { planRemindersJob, reminderKey, reminderPeriod } from '#app/modules/plans/reminders.server.ts'
import { checkInView, commentOnCheckIn, nudgeGoal, reviewCheckIn } from '#app/modules/plans/reviews.server.ts'
import { PLAN_CHECK_IN, PLAN_GOAL, PLAN_PLAN } from '#app/modules/plans/subjects.server.ts'
import { runJobs } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher, rooms } from '#app/utils/realtime.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { createGroupWith } from '#tests/helpers.ts'
import { person } from '#tests/forum-helpers.ts'
import { addCheckIn, addGoal, addPlan, DAY, pairUp, planWorld, type PlanWorld } from '#tests/plan-helpers.ts'
import { connected, connectSocket, nextEvent } from '#tests/running-server.ts'

const quiet = offlinePublisher

async function notificationsOf(userId: string, kind?: string) {
	return db.notification.findMany({
		where: { userId, ...(kind ? { subjectKind: kind } : {}) },
		select: { type: true, subjectKind: true, subjectId: true, actorId: true },
		orderBy: { createdAt: 'asc' },
	})
}

/** A check-in as the plans core records it: the row and the buddies' notifications in one transaction, then the announcement. */
async function checkInNow(goalId: string, realtime = quiet, fields: Parameters<typeof addCheckIn>[1] = {}) {
	const notice = await db.$transaction(async (tx) => {
		const checkIn = await tx.checkIn.create({
			data: { goalId, value: 55, status: fields.status ?? 'on_track', done: fields.done ?? false, note: 'Closed the Hansen deal.', checkedAt: fields.checkedAt },
			select: { id: true, goalId: true },
		})
		return recordCheckInNotifications(tx, checkIn)
	})
	announceCheckIn(realtime, notice)
	return notice
}

describe('pairing', () => {
	test('only members who share a group, never oneself, never twice while an invitation or pairing stands', async () => {
		const w = await planWorld()
		const zoe = await person({ name: 'Zoe Newcomer' })
		await createGroupWith({ moderator: w.carol, members: [zoe] })

		expect(await inviteBuddy({ inviterId: w.carol.id, inviteeId: w.carol.id })).toEqual({ ok: false, reason: 'self' })
		// Dave shares no group with Carol.
		expect(await inviteBuddy({ inviterId: w.carol.id, inviteeId: w.dave.id })).toEqual({ ok: false, reason: 'not-invitable' })
		expect(await inviteBuddy({ inviterId: w.carol.id, inviteeId: 'no-such-user' })).toEqual({ ok: false, reason: 'not-invitable' })

		// The members of both of Carol's groups, but not herself and not Dave.
		const before = (await invitableMembers(w.carol.id)).map((p) => p.name)
		expect(before).toContain('Zoe Newcomer')
		expect(before).toContain('Alice Owner')
		expect(before).not.toContain('Carol Member')
		expect(before).not.toContain('Dave Elsewhere')

		const invited = await inviteBuddy({ inviterId: w.carol.id, inviteeId: zoe.id })
		expect(invited.ok).toBe(true)
		const pairId = invited.ok ? invited.pairId : ''
		// A second invitation, either way, while the first is pending.
		expect(await inviteBuddy({ inviterId: w.carol.id, inviteeId: zoe.id })).toEqual({ ok: false, reason: 'not-invitable' })
		expect(await inviteBuddy({ inviterId: zoe.id, inviteeId: w.carol.id })).toEqual({ ok: false, reason: 'not-invitable' })
		expect((await invitableMembers(w.carol.id)).map((p) => p.id)).not.toContain(zoe.id)
		expect(await listPairs(zoe.id)).toMatchObject({ incoming: [{ pairId, partner: { id: w.carol.id } }], outgoing: [], accepted: [] })
		expect(await listPairs(w.carol.id)).toMatchObject({ incoming: [], outgoing: [{ pairId, partner: { id: zoe.id } }] })

		// Only the invitee answers; a pending invitation grants nothing.
		expect(await respondToInvitation({ userId: w.carol.id, pairId, accept: true })).toBe(false)
		expect(await respondToInvitation({ userId: w.alice.id, pairId, accept: true })).toBe(false)
		const zoesPlan = await addPlan(zoe.id)
		expect(await planAccess(w.carol, zoesPlan.id)).toBeNull()
		expect(await respondToInvitation({ userId: zoe.id, pairId, accept: true })).toBe(true)
		expect(await respondToInvitation({ userId: zoe.id, pairId, accept: false })).toBe(false)
		expect((await planAccess(w.carol, zoesPlan.id))?.role).toBe('buddy')
		expect(await inviteBuddy({ inviterId: zoe.id, inviteeId: w.carol.id })).toEqual({ ok: false, reason: 'not-invitable' })
		expect((await listPairs(zoe.id)).accepted).toMatchObject([{ pairId, partner: { id: w.carol.id } }])

		// Ended by either side: access goes at once; they may pair again later.
		expect(await endPairing({ userId: w.alice.id, pairId }, quiet)).toBe(false)
		expect(await endPairing({ userId: zoe.id, pairId }, quiet)).toBe(true)
		expect(await endPairing({ userId: w.carol.id, pairId }, quiet)).toBe(false)
		expect(await planAccess(w.carol, zoesPlan.id)).toBeNull()
		expect(await db.buddyPair.findUniqueOrThrow({ where: { id: pairId } })).toMatchObject({ status: 'ended', endedById: zoe.id })
		expect((await inviteBuddy({ inviterId: zoe.id, inviteeId: w.carol.id })).ok).toBe(true)
	})

	test('a declined or withdrawn invitation leaves the way open to invite again', async () => {
		const w = await planWorld()
		const first = await inviteBuddy({ inviterId: w.carol.id, inviteeId: w.bob.id })
		expect(first.ok).toBe(true)
		expect(await respondToInvitation({ userId: w.bob.id, pairId: first.ok ? first.pairId : '', accept: false })).toBe(true)
		expect(await planAccess(w.bob, (await addPlan(w.carol.id)).id)).toBeNull()
		const second = await inviteBuddy({ inviterId: w.carol.id, inviteeId: w.bob.id })
		expect(second.ok).toBe(true)
		expect(await withdrawInvitation({ userId: w.bob.id, pairId: second.ok ? second.pairId : '' })).toBe(false)
		expect(await withdrawInvitation({ userId: w.carol.id, pairId: second.ok ? second.pairId : '' })).toBe(true)
		expect((await inviteBuddy({ inviterId: w.bob.id, inviteeId: w.carol.id })).ok).toBe(true)
	})

	test('a moderator of the owner’s group sees a plan shared with moderators, and may neither review nor comment', async () => {
		const w = await planWorld()
		await db.plan.update({ where: { id: w.plan.id }, data: { sharedWithModerators: true } })
		expect((await planAccess(w.mona, w.plan.id))?.role).toBe('moderator')
		expect(await checkInView(w.mona, w.plan.id, w.checkIn.id)).toMatchObject({ role: 'moderator', can: { review: false, comment: false } })
		const input = { planId: w.plan.id, checkInId: w.checkIn.id }
		expect(await reviewCheckIn(w.mona, { ...input, verdict: 'confirmed', note: '' }, quiet)).toBeNull()
		expect(await commentOnCheckIn(w.mona, { ...input, body: 'Hi' }, quiet)).toBeNull()
		// Moderators read; a check-in does not notify them.
		expect((await checkInNow(w.goal.id)).recipients).toEqual([w.bob.id])
	})

	test('the plan access rule, role by role', async () => {
		const w = await planWorld()
		const roles = await Promise.all(
			[w.alice, w.bob, w.pen, w.dec, w.ended, w.carol, w.mona, w.dave, w.ada].map(async (who) => (await planAccess(who, w.plan.id))?.role ?? null),
		)
		expect(roles).toEqual(['owner', 'buddy', null, null, null, null, null, null, null])
	})
})

describe('verdicts and comments', () => {
	test('a buddy confirms, then changes to “let’s talk” with a note; the owner is told each time; others may not review', async () => {
		const w = await planWorld()
		const input = { planId: w.plan.id, checkInId: w.checkIn.id }
		expect(await reviewCheckIn(w.bob, { ...input, verdict: 'confirmed', note: 'ignored' }, quiet)).toEqual({ changed: true })
		expect(await db.checkInReview.findMany({ where: { checkInId: w.checkIn.id }, select: { buddyId: true, verdict: true, note: true } })).toEqual([
			{ buddyId: w.bob.id, verdict: 'confirmed', note: '' },
		])
		// The same verdict again changes nothing and tells nobody twice.
		expect(await reviewCheckIn(w.bob, { ...input, verdict: 'confirmed', note: '' }, quiet)).toEqual({ changed: false })
		expect(await reviewCheckIn(w.bob, { ...input, verdict: 'talk', note: 'Is Hansen signed or verbal?' }, quiet)).toEqual({ changed: true })
		expect(await db.checkInReview.findMany({ where: { checkInId: w.checkIn.id }, select: { verdict: true, note: true } })).toEqual([
			{ verdict: 'talk', note: 'Is Hansen signed or verbal?' },
		])
		expect(await notificationsOf(w.alice.id)).toEqual([
			{ type: 'review', subjectKind: PLAN_CHECK_IN, subjectId: w.checkIn.id, actorId: w.bob.id },
			{ type: 'review', subjectKind: PLAN_CHECK_IN, subjectId: w.checkIn.id, actorId: w.bob.id },
		])
		for (const who of [w.alice, w.carol, w.mona, w.pen, w.dec, w.ended, w.ada]) {
			expect(await reviewCheckIn(who, { ...input, verdict: 'confirmed', note: '' }, quiet)).toBeNull()
		}
		// A check-in reached through another plan's address is not found.
		const other = await addPlan(w.bob.id)
		expect(await reviewCheckIn(w.bob, { planId: other.id, checkInId: w.checkIn.id, verdict: 'confirmed', note: '' }, quiet)).toBeNull()
		const view = await checkInView(w.alice, w.plan.id, w.checkIn.id)
		expect(view).toMatchObject({ role: 'owner', can: { review: false, comment: true }, checkIn: { reviews: [{ buddyId: w.bob.id, verdict: 'talk' }] } })
		expect(await checkInView(w.carol, w.plan.id, w.checkIn.id)).toBeNull()
	})

	test('the owner and buddies comment, each telling the others; nobody else may', async () => {
		const w = await planWorld()
		const tom = await person({ name: 'Tom Second-Buddy' })
		await pairUp(tom.id, w.alice.id, 'accepted')
		const input = { planId: w.plan.id, checkInId: w.checkIn.id }
		expect(await commentOnCheckIn(w.alice, { ...input, body: 'Signed on Friday.' }, quiet)).toMatchObject({ commentId: expect.any(String) })
		expect(await commentOnCheckIn(w.bob, { ...input, body: 'Great, well done.' }, quiet)).toMatchObject({ commentId: expect.any(String) })
		for (const who of [w.carol, w.mona, w.pen, w.ended, w.ada]) expect(await commentOnCheckIn(who, { ...input, body: 'Hi' }, quiet)).toBeNull()
		expect((await notificationsOf(w.bob.id)).map((n) => [n.type, n.actorId])).toEqual([['comment', w.alice.id]])
		expect((await notificationsOf(tom.id)).map((n) => [n.type, n.actorId])).toEqual([
			['comment', w.alice.id],
			['comment', w.bob.id],
		])
		expect((await notificationsOf(w.alice.id)).map((n) => [n.type, n.actorId])).toEqual([['comment', w.bob.id]])
		for (const who of [w.pen, w.dec, w.ended, w.carol, w.mona]) expect(await notificationsOf(who.id)).toEqual([])
		const view = await checkInView(w.bob, w.plan.id, w.checkIn.id)
		expect(view?.checkIn.comments.map((c) => c.body)).toEqual(['Signed on Friday.', 'Great, well done.'])
	})
})

describe('nudges', () => {
	const now = new Date('2027-04-15T10:00:00Z')

	test('a quiet goal: 31 days without a check-in may be nudged, 29 may not', async () => {
		const w = await planWorld()
		const recent = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 60 * DAY) })
		await addCheckIn(recent.id, { checkedAt: new Date(now.getTime() - 29 * DAY) })
		const old = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 60 * DAY) })
		await addCheckIn(old.id, { checkedAt: new Date(now.getTime() - 31 * DAY) })
		const young = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 29 * DAY) })
		const never = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 31 * DAY) })
		const nudge = (goalId: string) => nudgeGoal(w.bob, { planId: w.plan.id, goalId, now }, quiet)
		expect(await nudge(recent.id)).toEqual({ ok: false, reason: 'not-stale' })
		expect(await nudge(young.id)).toEqual({ ok: false, reason: 'not-stale' })
		expect(await nudge(old.id)).toEqual({ ok: true })
		expect(await nudge(never.id)).toEqual({ ok: true })
		expect((await notificationsOf(w.alice.id, PLAN_GOAL)).map((n) => [n.type, n.subjectId, n.actorId])).toEqual([
			['nudge', old.id, w.bob.id],
			['nudge', never.id, w.bob.id],
		])

		// The dashboard shows the plans of the clock's year: quiet goals first, then the rest in the plan's order.
		const plan2027 = await addPlan(w.alice.id, { year: 2027 })
		const fresh = await addGoal(plan2027.id, { createdAt: new Date(now.getTime() - 10 * DAY) })
		const quiet2027 = await addGoal(plan2027.id, { createdAt: new Date(now.getTime() - 40 * DAY) })
		const dropped = await addGoal(plan2027.id, { createdAt: new Date(now.getTime() - 40 * DAY), droppedAt: now })
		const dashboard = await buddyDashboard(w.bob, now)
		expect(dashboard.map((plan) => plan.id)).toEqual([plan2027.id])
		expect(dashboard[0]!.goals.map((g) => [g.id, g.state])).toEqual([
			[quiet2027.id, 'quiet'],
			[fresh.id, 'open'],
			[dropped.id, 'dropped'],
		])
		expect(await buddyDashboard(w.carol, now)).toEqual([])
	})

	test('at most one nudge per goal per day, whoever sends it; done and dropped goals are closed; only buddies nudge', async () => {
		const w = await planWorld()
		const tom = await person({ name: 'Tom Second-Buddy' })
		await pairUp(tom.id, w.alice.id, 'accepted')
		const goal = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 40 * DAY) })
		const nudge = (who: { id: string }, at = now) => nudgeGoal(who, { planId: w.plan.id, goalId: goal.id, now: at }, quiet)
		expect(await nudge(w.bob)).toEqual({ ok: true })
		expect(await nudge(tom, new Date(now.getTime() + 3 * 60 * 60 * 1000))).toEqual({ ok: false, reason: 'limit' })
		expect(await nudge(w.bob, new Date('2027-04-15T23:59:59Z'))).toEqual({ ok: false, reason: 'limit' })
		expect(await nudge(tom, new Date('2027-04-16T00:00:00Z'))).toEqual({ ok: true })
		expect(await db.nudge.count({ where: { goalId: goal.id } })).toBe(2)

		for (const who of [w.alice, w.carol, w.mona, w.pen, w.dec, w.ended, w.ada]) expect(await nudge(who)).toEqual({ ok: false, reason: 'not-found' })
		expect(await nudgeGoal(w.bob, { planId: w.plan.id, goalId: 'no-such-goal', now }, quiet)).toEqual({ ok: false, reason: 'not-found' })

		const dropped = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 40 * DAY), droppedAt: new Date(now.getTime() - 35 * DAY) })
		expect(await nudgeGoal(w.bob, { planId: w.plan.id, goalId: dropped.id, now }, quiet)).toEqual({ ok: false, reason: 'closed' })
		const done = await addGoal(w.plan.id, { createdAt: new Date(now.getTime() - 90 * DAY) })
		await addCheckIn(done.id, { checkedAt: new Date(now.getTime() - 60 * DAY), status: 'done', done: true })
		expect(await nudgeGoal(w.bob, { planId: w.plan.id, goalId: done.id, now }, quiet)).toEqual({ ok: false, reason: 'closed' })
	})
})

describe('at the same moment', () => {
	test('two buddies nudging one goal at once: one nudge; two members inviting each other at once: one invitation', async () => {
		const w = await planWorld()
		const tom = await person({ name: 'Tom Second-Buddy' })
		await pairUp(tom.id, w.alice.id, 'accepted')
		const goal = await addGoal(w.plan.id, { createdAt: new Date(Date.now() - 40 * DAY) })
		const nudges = await Promise.all([w.bob, tom].map((who) => nudgeGoal(who, { planId: w.plan.id, goalId: goal.id }, quiet)))
		expect(nudges.filter((n) => n.ok)).toHaveLength(1)
		expect(await db.nudge.count({ where: { goalId: goal.id } })).toBe(1)

		const invitations = await Promise.all([
			inviteBuddy({ inviterId: w.carol.id, inviteeId: w.bob.id }),
			inviteBuddy({ inviterId: w.bob.id, inviteeId: w.carol.id }),
		])
		expect(invitations.filter((i) => i.ok)).toHaveLength(1)
		expect(await db.buddyPair.count({ where: { OR: [{ inviterId: w.carol.id }, { inviteeId: w.carol.id }] } })).toBe(1)
	})
})

describe('check-in notifications', () => {
	test('a new check-in notifies accepted buddies only; an ended buddy no longer sees what they were told', async () => {
		const w = await planWorld()
		const notice = await checkInNow(w.goal.id)
		expect(notice.recipients).toEqual([w.bob.id])
		for (const who of [w.alice, w.pen, w.dec, w.ended, w.carol, w.mona, w.ada]) expect(await notificationsOf(who.id)).toEqual([])
		expect(await unreadNotificationCount(w.bob.id)).toBe(1)
		const list = await listNotifications(w.bob.id, 1)
		expect(list.rows).toMatchObject([
			{ type: 'check-in', link: { href: `/plans/${w.plan.id}/check-ins/${notice.checkInId}`, title: 'Grow recurring revenue' } },
		])

		const pair = await db.buddyPair.findFirstOrThrow({ where: { inviterId: w.alice.id, inviteeId: w.bob.id } })
		expect(await endPairing({ userId: w.alice.id, pairId: pair.id }, quiet)).toBe(true)
		expect(await unreadNotificationCount(w.bob.id)).toBe(0)
		expect(await listNotifications(w.bob.id, 1)).toEqual({ total: 0, rows: [] })
		const next = await checkInNow(w.goal.id)
		expect(next.recipients).toEqual([])
		expect(await db.notification.count({ where: { userId: w.bob.id } })).toBe(1)
	})
})

describe('reminders that check-ins are due', () => {
	test('once per plan per period of its cadence, never twice on a rerun, only for plans of the year with open goals', async () => {
		const owner = await person({ name: 'Rita Reminded' })
		const monthly = await addPlan(owner.id, { year: 2027, kind: 'business' })
		await addGoal(monthly.id)
		const quarterly = await addPlan(owner.id, { year: 2027, kind: 'personal', reminderCadence: 'quarterly' })
		await addGoal(quarterly.id)
		const lastYear = await addPlan(owner.id, { year: 2026 })
		await addGoal(lastYear.id)
		const allDropped = await addPlan(owner.id, { year: 2027, kind: 'family' })
		await addGoal(allDropped.id, { droppedAt: new Date('2027-01-20T00:00:00Z') })
		const allDone = await addPlan(owner.id, { year: 2027, kind: 'health' })
		await addCheckIn((await addGoal(allDone.id)).id, { status: 'done', done: true, checkedAt: new Date('2027-01-10T00:00:00Z') })
		const reminded = async () =>
			(await db.notification.findMany({ where: { userId: owner.id, subjectKind: PLAN_PLAN }, select: { subjectId: true, type: true } }))
				.map((n) => `${n.type}:${n.subjectId === monthly.id ? 'monthly' : n.subjectId === quarterly.id ? 'quarterly' : n.subjectId}`)
				.sort()
		const run = async (at: string) => {
			const [report] = await runJobs([planRemindersJob], { now: new Date(at), realtime: quiet })
			expect(report!.ok).toBe(true)
			return report!
		}

		expect(reminderPeriod('monthly', new Date('2027-02-03T08:00:00Z'))).toBe('2027-02')
		expect(reminderPeriod('quarterly', new Date('2027-02-03T08:00:00Z'))).toBe('2027-Q1')
		await run('2027-02-03T08:00:00Z')
		expect(await reminded()).toEqual(['reminder:monthly', 'reminder:quarterly'])
		expect(await db.scheduledWorkDone.count({ where: { key: reminderKey(monthly.id, '2027-02') } })).toBe(1)
		// A rerun in the same month: nothing new.
		const rerun = await run('2027-02-20T08:00:00Z')
		expect(rerun.done).toBe(0)
		expect(await reminded()).toHaveLength(2)
		// March: the monthly plan again; the quarterly one waits for April.
		await run('2027-03-01T00:30:00Z')
		await run('2027-03-02T00:30:00Z')
		expect(await reminded()).toEqual(['reminder:monthly', 'reminder:monthly', 'reminder:quarterly'])
		await run('2027-04-01T00:30:00Z')
		expect(await reminded()).toEqual(['reminder:monthly', 'reminder:monthly', 'reminder:monthly', 'reminder:quarterly', 'reminder:quarterly'])
		const list = await listNotifications(owner.id, 1)
		expect(list.rows[0]).toMatchObject({ type: 'reminder', link: { href: expect.stringMatching(/^\/plans\/[^/]+$/) } })
	})
})

describe('the plan room', () => {
	let httpServer: HttpServer
	let realtime: Realtime
	let url: string
	const sockets: Socket[] = []

	beforeAll(async () => {
		httpServer = createServer()
		realtime = await attachRealtime(httpServer)
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
		url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
	})
	afterEach(() => {
		for (const socket of sockets.splice(0)) socket.disconnect()
	})
	afterAll(async () => {
		await realtime?.close()
		await new Promise((resolve) => httpServer?.close(resolve))
	})

	type Ack = { ok: boolean; error?: string }
	async function open(who: { cookie: string }) {
		const socket = connectSocket(url, { cookie: who.cookie })
		sockets.push(socket)
		return connected(socket)
	}
	const join = (socket: Socket, planId: string) => socket.timeout(5000).emitWithAck('plan:join', { planId }) as Promise<Ack>

	test('owner and accepted buddy join; everyone else is answered as if the plan did not exist', async () => {
		const w: PlanWorld = await planWorld()
		const answers = await Promise.all(
			[w.alice, w.bob, w.pen, w.dec, w.ended, w.carol, w.mona, w.dave, w.ada].map(async (who) => join(await open(who), w.plan.id)),
		)
		expect(answers).toEqual([{ ok: true }, { ok: true }, ...Array(7).fill({ ok: false, error: 'not_found' })])
		expect(await join(await open(w.bob), 'no-such-plan')).toEqual({ ok: false, error: 'not_found' })
		expect(await join(await open(w.bob), { nonsense: true } as never)).toEqual({ ok: false, error: 'not_found' })
	})

	test('the owner in the room hears of verdicts and comments as they are given', async () => {
		const w = await planWorld()
		const alice = await open(w.alice)
		expect(await join(alice, w.plan.id)).toEqual({ ok: true })
		const review = nextEvent<PlanReviewEvent>(alice, PLAN_EVENTS.review)
		await reviewCheckIn(w.bob, { planId: w.plan.id, checkInId: w.checkIn.id, verdict: 'confirmed', note: '' }, realtime.publisher)
		expect(await review).toEqual({ planId: w.plan.id, checkInId: w.checkIn.id, buddyId: w.bob.id, verdict: 'confirmed' })
		const comment = nextEvent<PlanCommentEvent>(alice, PLAN_EVENTS.comment)
		const made = await commentOnCheckIn(w.bob, { planId: w.plan.id, checkInId: w.checkIn.id, body: 'Proud of you.' }, realtime.publisher)
		expect(await comment).toEqual({ planId: w.plan.id, checkInId: w.checkIn.id, commentId: made?.commentId })
	})

	test('a buddy in the room hears of a check-in; once the pairing ends they are dropped from the room and hear nothing', async () => {
		const w = await planWorld()
		const bob = await open(w.bob)
		const alice = await open(w.alice)
		expect(await join(bob, w.plan.id)).toEqual({ ok: true })
		expect(await join(alice, w.plan.id)).toEqual({ ok: true })
		const arrived = nextEvent<PlanCheckInEvent>(bob, PLAN_EVENTS.checkIn)
		const notice = await checkInNow(w.goal.id, realtime.publisher)
		expect(await arrived).toEqual({ planId: w.plan.id, goalId: w.goal.id, checkInId: notice.checkInId })

		const bobSocketId = bob.id!
		const inRoom = () => realtime.io.of('/').sockets.get(bobSocketId)?.rooms.has(rooms.plan(w.plan.id))
		expect(inRoom()).toBe(true)
		const pair = await db.buddyPair.findFirstOrThrow({ where: { inviterId: w.alice.id, inviteeId: w.bob.id } })
		expect(await endPairing({ userId: w.bob.id, pairId: pair.id }, realtime.publisher)).toBe(true)
		expect(inRoom()).toBe(false)

		const heard: PlanCheckInEvent[] = []
		bob.on(PLAN_EVENTS.checkIn, (event: PlanCheckInEvent) => heard.push(event))
		const aliceHears = nextEvent<PlanCheckInEvent>(alice, PLAN_EVENTS.checkIn)
		await checkInNow(w.goal.id, realtime.publisher)
		await aliceHears
		// A round trip on Bob's socket: anything sent to him before the answer has arrived.
		await join(bob, 'no-such-plan')
		expect(heard).toEqual([])
		expect(await join(bob, w.plan.id)).toEqual({ ok: false, error: 'not_found' })
	})
})
