// The live quarterly meeting: its state lives in the database, so a late joiner catches up to the
// current item and timer, two moderators stepping at once end in one state, and a restart of the
// server mid-meeting loses no notes or action items. Real sockets against a real started server;
// the pages and actions called as React Router does, with real Requests; the privacy of every
// meeting page and action as one table over the roles.
import path from 'node:path'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { QUARTERLY_EVENTS, type MeetingPresenceEvent, type MeetingStateEvent } from '#app/modules/quarterly/events.ts'
import { actionItemRemindersJob } from '#app/modules/quarterly/action-item-reminders.server.ts'
import { moveMeeting } from '#app/modules/quarterly/meetings.server.ts'
import { meetingAccess } from '#app/modules/quarterly/access.server.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { runJobs } from '#app/modules/scheduler/scheduler.server.ts'
import { action as actionsAction, loader as actionsLoader } from '#app/routes/quarterly/actions.tsx'
import { action as meetingActionRoute, loader as meetingLoader } from '#app/routes/quarterly/meeting.tsx'
import type { DemoContext } from '#app/modules/demo/seed.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { getToast } from '#app/utils/toast.server.ts'
import type { RunningServer } from '#server/index.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { createGroupWith, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'
import { addCheckIn, addGoal, addPlan, pairUp } from '#tests/plan-helpers.ts'
import { connected, connectSocket, ensureServerBuild, nextEvent, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'
import { freePort, spawnServer, type ServerProcess } from '#tests/server-process.ts'

let server: RunningServer
const sockets: Socket[] = []

beforeAll(async () => {
	server = await startTestServer()
}, SERVER_START_TIMEOUT)

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.disconnect()
})

afterAll(async () => {
	await server?.close()
})

type Person = { id: string; name: string; cookie: string }

async function person(name: string, options: { isSiteAdmin?: boolean } = {}): Promise<Person> {
	const user = await createUser({ name, ...options })
	return { id: user.id, name: user.name, cookie: await sessionCookieFor(user.id) }
}

/** A group with its open cycle, Alice's submitted update and a three-item agenda; other people around it. */
async function meetingWorld(options: { visibility?: 'group' | 'moderators' } = {}) {
	const mona = await person('Mona Moderator')
	const max = await person('Max Co-Moderator')
	const alice = await person('Alice Hotseat')
	const bob = await person('Bob Member')
	const olga = await person('Olga Other-Moderator')
	const ada = await person('Ada Admin', { isSiteAdmin: true })
	const group = await createGroupWith({ moderator: mona, members: [alice, bob] })
	await db.membership.create({ data: { userId: max.id, groupId: group.id, role: 'moderator' } })
	await createGroupWith({ moderator: olga })
	const cycle = await db.reviewCycle.create({
		data: {
			groupId: group.id,
			quarter: '2026-Q4',
			opensOn: new Date(Date.UTC(2026, 9, 1)),
			dueOn: new Date(Date.UTC(2026, 11, 31)),
			status: 'open',
			visibility: options.visibility ?? 'group',
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: mona.id,
			openedAt: new Date(),
		},
		select: { id: true },
	})
	await db.reviewSubmission.create({
		data: {
			cycleId: cycle.id,
			memberId: alice.id,
			status: 'submitted',
			submittedAt: new Date(),
			answers: JSON.stringify({ revenue: 1_200_000, ask: 'An introduction to a good banker.' }),
		},
	})
	const titles = [
		{ kind: 'hot_seat', title: 'Alice in the hot seat', memberId: alice.id, minutes: 20 },
		{ kind: 'ask', title: 'Bob asks about hiring', memberId: bob.id, minutes: 10 },
		{ kind: 'custom', title: 'Next quarter', memberId: null, minutes: 5 },
	]
	const agenda = []
	for (const [position, item] of titles.entries())
		agenda.push(await db.agendaItem.create({ data: { cycleId: cycle.id, position: position + 1, ...item }, select: { id: true, title: true } }))
	const path = `/g/${group.slug}/reviews/${cycle.id}/meeting`
	return { mona, max, alice, bob, olga, ada, group, cycleId: cycle.id, agenda, path }
}
type MeetingWorld = Awaited<ReturnType<typeof meetingWorld>>

function context(realtime = server.realtime.publisher) {
	return { clientIp: '127.0.0.1', realtime }
}

function post(world: MeetingWorld, who: { cookie: string } | null, form: Record<string, string>, realtime = server.realtime.publisher) {
	return settle(
		runRoute(meetingActionRoute, {
			request: makeRequest(world.path, { cookie: who?.cookie, form }),
			params: { slug: world.group.slug, cycleId: world.cycleId },
			context: context(realtime),
		}),
	)
}

function page(world: MeetingWorld, who: { cookie: string } | null) {
	return settle(
		runRoute(meetingLoader, {
			request: makeRequest(world.path, { cookie: who?.cookie }),
			params: { slug: world.group.slug, cycleId: world.cycleId },
			context: context(),
		}),
	)
}

async function toastOf(response: unknown) {
	if (!(response instanceof Response)) return null
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0]!)
		.join('; ')
	return (await getToast(makeRequest('/', { cookie }))).toast
}

async function meetingOf(world: MeetingWorld) {
	return db.meeting.findUniqueOrThrow({ where: { cycleId: world.cycleId } })
}

async function openAs(who: Person, url = server.url): Promise<Socket> {
	const socket = connectSocket(url, { cookie: who.cookie })
	sockets.push(socket)
	return connected(socket)
}

type JoinAck = { ok: boolean; error?: string; online?: { userId: string; name: string }[] }
function join(socket: Socket, meetingId: string): Promise<JoinAck> {
	return socket.timeout(10_000).emitWithAck('meeting:join', { meetingId }) as Promise<JoinAck>
}

type PageData = Exclude<Awaited<ReturnType<typeof meetingLoader>>, Response>

describe('starting and following the meeting', () => {
	test('a moderator starts it from the agenda; the first item is current and its timer starts on the server’s clock', async () => {
		const world = await meetingWorld()
		const before = Date.now()
		const started = await post(world, world.mona, { intent: 'start' })
		expect(statusOf(started)).toBe(302)
		expect((await toastOf(started))?.title).toBe('The meeting has started')
		const meeting = await meetingOf(world)
		expect(meeting.status).toBe('live')
		expect(meeting.currentItemId).toBe(world.agenda[0]!.id)
		expect(meeting.itemStartedAt!.getTime()).toBeGreaterThanOrEqual(before - 5)
		// A second start (another moderator, a second click) leads to the same meeting.
		const again = await post(world, world.max, { intent: 'start' })
		expect((await toastOf(again))?.title).toBe('The meeting had already started')
		expect(await db.meeting.count({ where: { cycleId: world.cycleId } })).toBe(1)
	})

	test('without an agenda there is nothing to start: the page says so, and a start changes nothing', async () => {
		const world = await meetingWorld()
		await db.agendaItem.deleteMany({ where: { cycleId: world.cycleId } })
		const data = dataOf<PageData>(await page(world, world.mona))
		expect(data.meeting).toBeNull()
		expect(data.agenda).toEqual([])
		const refused = await post(world, world.mona, { intent: 'start' })
		expect((await toastOf(refused))?.title).toMatch(/agenda is empty/)
		expect(await db.meeting.count({ where: { cycleId: world.cycleId } })).toBe(0)
	})

	test('a late joiner catches up to the current item and its timer from the server’s state', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		const { id: meetingId } = await meetingOf(world)
		// Bob is in the room from the start and follows the moves as they happen.
		const bobSocket = await openAs(world.bob)
		expect((await join(bobSocket, meetingId)).ok).toBe(true)
		const moved = nextEvent<MeetingStateEvent>(bobSocket, QUARTERLY_EVENTS.meetingState, (e) => e.meetingId === meetingId)
		await post(world, world.mona, { intent: 'move', to: 'next', version: '1' })
		const event = await moved
		expect(event).toMatchObject({ status: 'live', currentItemId: world.agenda[1]!.id, version: 2 })
		const stored = await meetingOf(world)
		expect(event.itemStartedAt).toBe(stored.itemStartedAt!.toISOString())

		// The item has been running for 90 seconds when Alice arrives (her own clock says nothing).
		const startedAt = new Date(Date.now() - 90_000)
		await db.meeting.update({ where: { id: meetingId }, data: { itemStartedAt: startedAt } })
		const aliceSocket = await openAs(world.alice)
		const aliceJoined = await join(aliceSocket, meetingId)
		expect(aliceJoined.ok).toBe(true)
		expect(aliceJoined.online?.map((m) => m.userId).sort()).toEqual([world.alice.id, world.bob.id].sort())
		const data = dataOf<PageData>(await page(world, world.alice))
		expect(data.meeting?.currentItemId).toBe(world.agenda[1]!.id)
		expect(data.meeting?.current?.title).toBe('Bob asks about hiring')
		expect(data.meeting?.itemStartedAt).toBe(startedAt.toISOString())
		// The timer is the server's now minus the item's start, both on the server's clock.
		const elapsed = (Date.parse(data.meeting!.serverNow) - Date.parse(data.meeting!.itemStartedAt!)) / 1000
		expect(elapsed).toBeGreaterThanOrEqual(90)
		expect(elapsed).toBeLessThan(100)
	})

	test('presence: who has joined updates on join and on disconnect', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		const { id: meetingId } = await meetingOf(world)
		const monaSocket = await openAs(world.mona)
		await join(monaSocket, meetingId)
		const seesBob = nextEvent<MeetingPresenceEvent>(monaSocket, QUARTERLY_EVENTS.meetingPresence, (e) => e.members.some((m) => m.id === world.bob.id))
		const bobSocket = await openAs(world.bob)
		await join(bobSocket, meetingId)
		expect((await seesBob).members.map((m) => m.name).sort()).toEqual(['Bob Member', 'Mona Moderator'])
		const bobGone = nextEvent<MeetingPresenceEvent>(monaSocket, QUARTERLY_EVENTS.meetingPresence, (e) => !e.members.some((m) => m.id === world.bob.id))
		bobSocket.disconnect()
		expect((await bobGone).members.map((m) => m.id)).toEqual([world.mona.id])
	})

	test('two moderators advancing at once end in one consistent state; the one who lost is shown it', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		const [a, b] = await Promise.all([
			post(world, world.mona, { intent: 'move', to: 'next', version: '1' }),
			post(world, world.max, { intent: 'move', to: 'next', version: '1' }),
		])
		expect(statusOf(a)).toBe(302)
		expect(statusOf(b)).toBe(302)
		const titles = [(await toastOf(a))?.title, (await toastOf(b))?.title].sort()
		expect(titles).toEqual(['Another moderator moved the meeting first: here is where it stands now.', 'Moved on'])
		const meeting = await meetingOf(world)
		// One step, not two.
		expect(meeting.currentItemId).toBe(world.agenda[1]!.id)
		expect(meeting.version).toBe(2)

		// Many at once through the module: exactly one wins.
		const access = (await meetingAccess(world.mona, meeting.id))!
		const outcomes = await Promise.all(
			Array.from({ length: 6 }, (_, i) => moveMeeting(access, { to: i % 2 ? 'next' : world.agenda[0]!.id, version: 2 }, offlinePublisher)),
		)
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
		const after = await meetingOf(world)
		expect(after.version).toBe(3)
		expect(outcomes.every((o) => o.meeting.version >= 2)).toBe(true)
	})

	test('a move the page no longer reflects (stale version) changes nothing', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		await post(world, world.mona, { intent: 'move', to: 'next', version: '1' })
		const stale = await post(world, world.max, { intent: 'move', to: world.agenda[2]!.id, version: '1' })
		expect((await toastOf(stale))?.title).toMatch(/Another moderator moved/)
		expect((await meetingOf(world)).currentItemId).toBe(world.agenda[1]!.id)
	})
})

describe('the parking lot, notes and action items', () => {
	test('a member parks an item and everyone in the room is told; long and flooding items are refused', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		const { id: meetingId } = await meetingOf(world)
		const monaSocket = await openAs(world.mona)
		await join(monaSocket, meetingId)
		const told = nextEvent<{ meetingId: string; itemId: string }>(monaSocket, QUARTERLY_EVENTS.meetingParkingLot)
		expect(statusOf(await post(world, world.bob, { intent: 'park', body: 'Pricing for managed services' }))).toBe(302)
		const event = await told
		expect(event.meetingId).toBe(meetingId)
		const data = dataOf<PageData>(await page(world, world.alice))
		expect(data.meeting?.parkingLot.map((p) => [p.body, p.author])).toEqual([['Pricing for managed services', 'Bob Member']])

		const tooLong = await post(world, world.bob, { intent: 'park', body: 'x'.repeat(501) })
		expect(statusOf(tooLong)).toBe(400)
		for (let i = 0; i < 4; i++) await post(world, world.bob, { intent: 'park', body: `Item ${i}` })
		const flood = await post(world, world.bob, { intent: 'park', body: 'One too many' })
		expect(statusOf(flood)).toBe(400)
		expect(JSON.stringify(dataOf(flood))).toMatch(/wait a minute/)
		expect(await db.parkingLotItem.count({ where: { meetingId } })).toBe(5)
	})

	test('a note becomes an action item in one click; the owner must be in the group', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		await post(world, world.mona, { intent: 'note', body: 'Alice will ask two banks for terms' })
		const note = await db.meetingNote.findFirstOrThrow({ where: { meeting: { cycleId: world.cycleId } } })
		expect(note.agendaItemId).toBe(world.agenda[0]!.id)
		expect(statusOf(await post(world, world.mona, { intent: 'action-from-note', noteId: note.id, ownerId: world.alice.id, dueOn: '2027-01-15' }))).toBe(302)
		const item = await db.actionItem.findFirstOrThrow({ where: { meeting: { cycleId: world.cycleId } } })
		expect(item).toMatchObject({ text: 'Alice will ask two banks for terms', ownerId: world.alice.id, groupId: world.group.id })
		expect(item.dueOn.toISOString()).toBe('2027-01-15T00:00:00.000Z')
		const outsider = await post(world, world.mona, { intent: 'action-item', text: 'Olga does it', ownerId: world.olga.id, dueOn: '2027-01-15' })
		expect(statusOf(outsider)).toBe(400)
		expect(await db.actionItem.count({ where: { meeting: { cycleId: world.cycleId } } })).toBe(1)
	})

	test('the owner turns an action item into a goal or a check-in note of this year’s plan', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		await post(world, world.mona, { intent: 'action-item', text: 'Hire a sales lead', ownerId: world.alice.id, dueOn: `${new Date().getUTCFullYear()}-12-20` })
		const item = await db.actionItem.findFirstOrThrow({ where: { meeting: { cycleId: world.cycleId } } })
		const plan = await addPlan(world.alice.id)
		const goal = await addGoal(plan.id, { title: 'Grow recurring revenue' })
		await addCheckIn(goal.id, { status: 'at_risk', value: 40 })
		// Someone else's item, or someone else's plan: refused, nothing written.
		const digest = await databaseDigest()
		expect(statusOf(await post(world, world.bob, { intent: 'to-goal', actionItemId: item.id, planId: plan.id }))).toBe(403)
		expect(statusOf(await post(world, world.mona, { intent: 'to-goal', actionItemId: item.id, planId: plan.id }))).toBe(403)
		expect(changedTables(digest, await databaseDigest())).toEqual([])

		expect(statusOf(await post(world, world.alice, { intent: 'to-goal', actionItemId: item.id, planId: plan.id }))).toBe(302)
		const made = await db.goal.findFirstOrThrow({ where: { planId: plan.id, title: 'Hire a sales lead' } })
		expect(made).toMatchObject({ measure: 'milestone', dueQuarter: 4 })
		// Once only: again, or as a note, it is refused with a reason, and nothing more is written.
		const once = await databaseDigest()
		const again = await post(world, world.alice, { intent: 'to-goal', actionItemId: item.id, planId: plan.id })
		expect(statusOf(again)).toBe(400)
		expect(JSON.stringify(dataOf(again))).toContain('already in your plan')
		expect(statusOf(await post(world, world.alice, { intent: 'to-check-in', actionItemId: item.id, goalId: goal.id }))).toBe(400)
		expect(changedTables(once, await databaseDigest())).toEqual([])
		expect(await db.goal.count({ where: { planId: plan.id, title: 'Hire a sales lead' } })).toBe(1)

		// Two clicks at once on another item: one goal.
		await post(world, world.mona, { intent: 'action-item', text: 'Price the new tier', ownerId: world.alice.id, dueOn: `${new Date().getUTCFullYear()}-12-20` })
		const twice = await db.actionItem.findFirstOrThrow({ where: { text: 'Price the new tier' } })
		await Promise.all([1, 2].map(() => post(world, world.alice, { intent: 'to-goal', actionItemId: twice.id, planId: plan.id })))
		expect(await db.goal.count({ where: { planId: plan.id, title: 'Price the new tier' } })).toBe(1)

		await post(world, world.mona, { intent: 'action-item', text: 'Hire a sales lead', ownerId: world.alice.id, dueOn: `${new Date().getUTCFullYear()}-12-20` })
		const noteItem = await db.actionItem.findFirstOrThrow({ where: { text: 'Hire a sales lead', goalId: null } })
		expect(statusOf(await post(world, world.alice, { intent: 'to-check-in', actionItemId: noteItem.id, goalId: goal.id }))).toBe(302)
		expect((await db.actionItem.findUniqueOrThrow({ where: { id: noteItem.id } })).goalId).toBe(goal.id)
		const checkIn = await db.checkIn.findFirstOrThrow({ where: { goalId: goal.id }, orderBy: { createdAt: 'desc' } })
		expect(checkIn).toMatchObject({ status: 'at_risk', value: 40 })
		expect(checkIn.note).toContain('Hire a sales lead')
	})

	test('/actions lists the member’s own open items across groups until done; reminders come once a day', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		await post(world, world.mona, { intent: 'action-item', text: 'Send the board deck', ownerId: world.bob.id, dueOn: '2026-12-01' })
		await post(world, world.mona, { intent: 'action-item', text: 'Alice’s own thing', ownerId: world.alice.id, dueOn: '2026-12-01' })
		const load = async (who: Person) =>
			dataOf<Exclude<Awaited<ReturnType<typeof actionsLoader>>, Response>>(
				await settle(runRoute(actionsLoader, { request: makeRequest('/actions', { cookie: who.cookie }), context: context() })),
			)
		expect((await load(world.bob)).open.map((i) => i.text)).toEqual(['Send the board deck'])
		const item = await db.actionItem.findFirstOrThrow({ where: { ownerId: world.bob.id } })

		// Due on 1 December: reminded that day and each day after, once a day, until done.
		const remind = (now: Date) => runJobs([actionItemRemindersJob], { now, realtime: offlinePublisher })
		await remind(new Date('2026-12-01T08:00:00Z'))
		await remind(new Date('2026-12-01T15:00:00Z'))
		await remind(new Date('2026-12-02T08:00:00Z'))
		const notices = await db.notification.findMany({ where: { userId: world.bob.id, subjectKind: 'quarterly.action-item' }, orderBy: { createdAt: 'asc' } })
		expect(notices.map((n) => n.type)).toEqual(['action-due', 'action-overdue'])

		const done = await settle(
			runRoute(actionsAction, { request: makeRequest('/actions', { cookie: world.bob.cookie, form: { intent: 'done', actionItemId: item.id } }), context: context() }),
		)
		expect(statusOf(done)).toBe(302)
		expect((await load(world.bob)).open).toEqual([])
		await remind(new Date('2026-12-03T08:00:00Z'))
		expect(await db.notification.count({ where: { userId: world.bob.id, subjectKind: 'quarterly.action-item' } })).toBe(2)
	})

	test('ending the meeting posts the recap as a forum thread and links to it', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		await post(world, world.mona, { intent: 'note', body: 'Banks want covenants' })
		await post(world, world.bob, { intent: 'park', body: 'Office move' })
		await post(world, world.mona, { intent: 'action-item', text: 'Compare two offers', ownerId: world.alice.id, dueOn: '2027-01-10' })
		const ended = await post(world, world.max, { intent: 'end' })
		expect((await toastOf(ended))?.title).toBe('The meeting has ended')
		const meeting = await meetingOf(world)
		expect(meeting.status).toBe('ended')
		const thread = await db.thread.findUniqueOrThrow({
			where: { id: meeting.recapThreadId! },
			select: { title: true, authorId: true, forum: { select: { groupId: true } }, category: { select: { slug: true } }, posts: { select: { body: true } } },
		})
		expect(thread).toMatchObject({ title: 'Recap: our 2026-Q4 quarterly meeting', authorId: world.max.id, forum: { groupId: world.group.id }, category: { slug: 'meetings' } })
		const body = thread.posts[0]!.body
		for (const text of ['Alice in the hot seat', 'Banks want covenants', 'Compare two offers — Alice Hotseat, due 2027-01-10', 'Office move']) expect(body).toContain(text)
		// Ending again posts nothing more.
		expect((await toastOf(await post(world, world.mona, { intent: 'end' })))?.title).toBe('The meeting had already ended')
		expect(await db.thread.count({ where: { title: 'Recap: our 2026-Q4 quarterly meeting', forum: { groupId: world.group.id } } })).toBe(1)
		const data = dataOf<PageData>(await page(world, world.bob))
		expect(data.meeting?.recap?.id).toBe(meeting.recapThreadId)
	})
})

describe('the hot seat', () => {
	test('shows the update only to whom the cycle lets read it, and the buddy’s comments only to whom the plan is visible', async () => {
		const world = await meetingWorld({ visibility: 'moderators' })
		await post(world, world.mona, { intent: 'start' })
		const plan = await addPlan(world.alice.id)
		const goal = await addGoal(plan.id, { title: 'Grow recurring revenue' })
		const checkIn = await addCheckIn(goal.id, { status: 'on_track', value: 30 })
		await pairUp(world.alice.id, world.bob.id)
		await db.checkInComment.create({ data: { checkInId: checkIn.id, authorId: world.bob.id, body: 'Keep the pipeline warm' } })

		const seen = async (who: Person) => dataOf<PageData>(await page(world, who)).meeting!.hotSeat!
		const asModerator = await seen(world.mona)
		expect(asModerator.updateState).toBe('readable')
		expect(asModerator.update?.answers.map((a) => a.text)).toContain('An introduction to a good banker.')
		// The plan is not shared with moderators: no plan, no comments.
		expect(asModerator.plans).toBeNull()
		const asBuddy = await seen(world.bob)
		// Updates are for moderators in this cycle: Bob does not read Alice's.
		expect(asBuddy.updateState).toBe('hidden')
		expect(asBuddy.update).toBeNull()
		// But Bob is Alice's buddy: he sees the plan and the comments.
		expect(asBuddy.plans?.comments.map((c) => c.body)).toEqual(['Keep the pipeline warm'])
		await db.plan.update({ where: { id: plan.id }, data: { sharedWithModerators: true } })
		expect((await seen(world.mona)).plans?.comments.map((c) => c.author)).toEqual(['Bob Member'])
	})
})

describe('who may do what: every meeting page and action × role', () => {
	const ROLES = ['anonymous', 'member', 'moderator', 'otherModerator', 'admin'] as const
	type Role = (typeof ROLES)[number]
	type Outcome = 'ok' | 'login' | '403' | '404'
	type Case = {
		what: string
		run: (world: MeetingWorld, who: Person | null, made: Record<string, string>) => Promise<unknown>
		setup?: (world: MeetingWorld) => Promise<Record<string, string>>
		expect: Record<Role, Outcome>
	}
	const roles = (answers: string): Record<Role, Outcome> => {
		const parts = answers.trim().split(/\s+/) as Outcome[]
		return Object.fromEntries(ROLES.map((role, i) => [role, parts[i]])) as Record<Role, Outcome>
	}
	const form = (values: (w: MeetingWorld, made: Record<string, string>) => Record<string, string>) => (w: MeetingWorld, who: Person | null, made: Record<string, string>) =>
		post(w, who, values(w, made))
	const alicesItem = async (w: MeetingWorld) => {
		const meeting = await meetingOf(w)
		const item = await db.actionItem.create({
			data: { groupId: w.group.id, meetingId: meeting.id, ownerId: w.alice.id, createdById: w.mona.id, text: 'Alice’s item', dueOn: new Date() },
		})
		const plan = await addPlan(w.alice.id)
		return { actionItemId: item.id, planId: plan.id }
	}
	const aNote = async (w: MeetingWorld) => {
		const meeting = await meetingOf(w)
		const note = await db.meetingNote.create({ data: { meetingId: meeting.id, authorId: w.mona.id, body: 'A note' } })
		return { noteId: note.id }
	}
	//                                                                           anon  member moderator otherMod admin
	// prettier-ignore
	const CASES: Case[] = [
		{ what: 'the meeting page', run: (w, who) => page(w, who),                                   expect: roles('login ok    ok    404   404') },
		{ what: 'start (again)', run: form(() => ({ intent: 'start' })),                                expect: roles('login 403   ok    404   404') },
		{ what: 'move to next', run: form(() => ({ intent: 'move', to: 'next', version: '1' })),       expect: roles('login 403   ok    404   404') },
		{ what: 'park an item', run: form(() => ({ intent: 'park', body: 'Later' })),                  expect: roles('login ok    ok    404   404') },
		{ what: 'take a note', run: form(() => ({ intent: 'note', body: 'Noted' })),                   expect: roles('login 403   ok    404   404') },
		{ what: 'capture an action item', run: form((w) => ({ intent: 'action-item', text: 'Do it', ownerId: w.bob.id, dueOn: '2027-01-01' })),
			expect: roles('login 403   ok    404   404') },
		{ what: 'action item from a note', setup: aNote, run: form((w, m) => ({ intent: 'action-from-note', noteId: m.noteId!, ownerId: w.bob.id, dueOn: '2027-01-01' })),
			expect: roles('login 403   ok    404   404') },
		{ what: 'mark Alice’s item done', setup: alicesItem, run: form((_, m) => ({ intent: 'done', actionItemId: m.actionItemId! })),
			expect: roles('login 403   ok    404   404') },
		{ what: 'put Alice’s item in her plan', setup: alicesItem, run: form((_, m) => ({ intent: 'to-goal', actionItemId: m.actionItemId!, planId: m.planId! })),
			expect: roles('login 403   403   404   404') },
		{ what: 'mark Alice’s item done from /actions', setup: alicesItem,
			run: (_, who, m) => settle(runRoute(actionsAction, { request: makeRequest('/actions', { cookie: who?.cookie, form: { intent: 'done', actionItemId: m.actionItemId! } }), context: context() })),
			expect: roles('login 403   ok    404   404') },
		{ what: 'end the meeting', run: form(() => ({ intent: 'end' })),                               expect: roles('login 403   ok    404   404') },
	]

	for (const c of CASES) {
		for (const role of ROLES) {
			test(`${c.what} as ${role}: ${c.expect[role]}`, async () => {
				const world = await meetingWorld()
				await post(world, world.mona, { intent: 'start' })
				const made = (await c.setup?.(world)) ?? {}
				const who = { anonymous: null, member: world.bob, moderator: world.max, otherModerator: world.olga, admin: world.ada }[role]
				const before = await databaseDigest()
				const result = await c.run(world, who, made)
				const status = statusOf(result)
				const outcome: Outcome =
					status === 302 && result instanceof Response && result.headers.get('location')?.startsWith('/login') ? 'login' : status < 400 ? 'ok' : (String(status) as Outcome)
				expect(outcome).toBe(c.expect[role])
				if (outcome !== 'ok') expect(changedTables(before, await databaseDigest())).toEqual([])
			})
		}
	}

	test('the meeting room: the group’s members join, nobody else does', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' })
		const { id: meetingId } = await meetingOf(world)
		for (const [who, ok] of [
			[world.bob, true],
			[world.max, true],
			[world.olga, false],
			[world.ada, false],
		] as const) {
			const answer = await join(await openAs(who), meetingId)
			expect(answer.ok).toBe(ok)
		}
	})
})

describe('a restart mid-meeting', () => {
	let child: ServerProcess | undefined
	afterAll(async () => {
		await child?.kill()
	})

	test('loses no notes or action items, and the meeting resumes where it was', async () => {
		const world = await meetingWorld()
		await post(world, world.mona, { intent: 'start' }, offlinePublisher)
		const buildDir = path.dirname(path.dirname(await ensureServerBuild()))
		const databaseUrl = process.env.DATABASE_URL!
		const port = await freePort()
		const origin = `http://127.0.0.1:${port}`
		const send = (who: Person, body: Record<string, string>) =>
			fetch(`${origin}${world.path}`, {
				method: 'POST',
				headers: { cookie: who.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(body).toString(),
				redirect: 'manual',
			})
		child = await spawnServer({ buildDir, databaseUrl, port })
		expect((await send(world.mona, { intent: 'move', to: 'next', version: '1' })).status).toBe(302)
		expect((await send(world.mona, { intent: 'note', body: 'Written before the restart' })).status).toBe(302)
		expect((await send(world.mona, { intent: 'action-item', text: 'Committed before the restart', ownerId: world.bob.id, dueOn: '2027-02-01' })).status).toBe(302)
		expect((await send(world.bob, { intent: 'park', body: 'Parked before the restart' })).status).toBe(302)
		const before = await meetingOf(world)
		// Killed outright: nothing flushed on the way out.
		await child.kill()
		child = await spawnServer({ buildDir, databaseUrl, port })
		const html = await (await fetch(`${origin}${world.path}`, { headers: { cookie: world.alice.cookie } })).text()
		for (const text of ['Written before the restart', 'Committed before the restart', 'Parked before the restart', 'Bob asks about hiring']) expect(html).toContain(text)
		const after = await meetingOf(world)
		expect(after).toMatchObject({ currentItemId: before.currentItemId, version: before.version, status: 'live' })
		expect(after.itemStartedAt?.toISOString()).toBe(before.itemStartedAt?.toISOString())
		// And it goes on: the next move applies to the state as it was.
		expect((await send(world.max, { intent: 'move', to: 'next', version: String(before.version) })).status).toBe(302)
		expect((await meetingOf(world)).currentItemId).toBe(world.agenda[2]!.id)
	}, 120_000)
})

describe('the demo content', () => {
	test('last quarter’s meeting with an open and a done action item, once however often it runs', async () => {
		const world = await meetingWorld()
		const { seedQuarterlyMeeting } = await import('#app/modules/demo/quarterly-meeting-seed.server.ts')
		const demo: DemoContext = {
			admin: { ...world.ada, email: '' },
			moderator: { ...world.mona, email: '' },
			members: [world.alice, world.bob].map((p) => ({ ...p, email: '' })),
			group: { id: world.group.id, slug: world.group.slug, name: world.group.name },
		}
		const now = new Date('2026-12-01T12:00:00Z')
		await seedQuarterlyMeeting(demo, now)
		await seedQuarterlyMeeting(demo, now)
		const meetings = await db.meeting.findMany({ where: { cycle: { groupId: world.group.id, quarter: '2026-Q3' } }, include: { actionItems: true } })
		expect(meetings).toHaveLength(1)
		expect(meetings[0]!.status).toBe('ended')
		expect(meetings[0]!.actionItems.filter((i) => !i.doneAt).map((i) => i.ownerId)).toEqual([world.bob.id])
	})
})
