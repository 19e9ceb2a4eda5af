// The day a group meets for a cycle: a moderator sets, moves and clears it from the cycle page;
// whoever may read the cycle is told when it is set or moved (never its author, never another
// group); the cycle page, the group's list of reviews, the meeting page and each member's home
// show it until the meeting starts; wrong input is refused with a message and keeps what was saved.
import { describe, expect, test } from 'vitest'
import { memberHome } from '#app/modules/home/home.server.ts'
import { MEETING_AHEAD_DAYS } from '#app/modules/quarterly/cycles.server.ts'
import { DAY_MS, startOfDay } from '#app/modules/quarterly/days.ts'
import { setMeetingDay } from '#app/modules/quarterly/meeting-day.server.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { MEETING_PLACE_MAX } from '#app/modules/quarterly/schemas.ts'
import { MEETING_SET, QUARTERLY_CYCLE } from '#app/modules/quarterly/subjects.server.ts'
import { listNotifications } from '#app/modules/notifications/notifications.server.ts'
import { action as cycleAction, loader as cycleLoader } from '#app/routes/quarterly/cycle.tsx'
import { loader as meetingLoader } from '#app/routes/quarterly/meeting.tsx'
import { loader as reviewsLoader } from '#app/routes/quarterly/reviews.tsx'
import { db } from '#app/utils/db.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import {
	createGroupWith,
	createUser,
	dataOf,
	makeRequest,
	runRoute,
	sessionCookieFor,
	settle,
	statusOf,
} from '#tests/helpers.ts'

const today = startOfDay(new Date())
const daysFromNow = (days: number) => isoDay(new Date(today.getTime() + days * DAY_MS))

let counter = 0
async function groupWithCycle(status: 'draft' | 'open' | 'closed' = 'open') {
	counter += 1
	const mona = await createUser({ name: `Mona Meets ${counter}` })
	const ann = await createUser({ name: `Ann Meets ${counter}` })
	const ben = await createUser({ name: `Ben Meets ${counter}` })
	const group = await createGroupWith({
		moderator: mona,
		members: [ann, ben],
		name: `Meeting Peers ${counter}`,
	})
	const cycle = await db.reviewCycle.create({
		data: {
			groupId: group.id,
			quarter: `${2050 + counter}-Q1`,
			opensOn: new Date(today.getTime() - 10 * DAY_MS),
			dueOn: new Date(today.getTime() + (status === 'closed' ? -1 : 10) * DAY_MS),
			status,
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: mona.id,
		},
		select: { id: true },
	})
	return { mona, ann, ben, group, cycleId: cycle.id }
}

type Setup = Awaited<ReturnType<typeof groupWithCycle>>

async function post(setup: Setup, as: { id: string }, form: Record<string, string>) {
	const cookie = await sessionCookieFor(as.id)
	return settle(
		runRoute(cycleAction, {
			request: makeRequest(`/g/${setup.group.slug}/reviews/${setup.cycleId}`, {
				cookie,
				form: { intent: 'meeting-day', ...form },
			}),
			params: { slug: setup.group.slug, cycleId: setup.cycleId },
		}),
	)
}

const errorsOf = (result: unknown) =>
	dataOf<{ result: { error?: Record<string, string[] | null> } }>(result).result.error ?? {}

const saved = (cycleId: string) =>
	db.reviewCycle.findUniqueOrThrow({
		where: { id: cycleId },
		select: { meetingOn: true, meetingPlace: true },
	})

const told = (userId: string, cycleId: string) =>
	db.notification.findMany({
		where: { userId, subjectKind: QUARTERLY_CYCLE, subjectId: cycleId, type: MEETING_SET },
		select: { actorId: true },
	})

const ahead = async (who: { id: string }) =>
	(await memberHome({ id: who.id, isSiteAdmin: false })).meetingsAhead

async function pageOf(setup: Setup, as: { id: string }) {
	const cookie = await sessionCookieFor(as.id)
	const page = await runRoute(cycleLoader, {
		request: makeRequest(`/g/${setup.group.slug}/reviews/${setup.cycleId}`, { cookie }),
		params: { slug: setup.group.slug, cycleId: setup.cycleId },
	})
	return dataOf<{
		cycle: {
			meeting: {
				on: string | null
				onText: string | null
				place: string | null
				canSchedule: boolean
			}
		}
	}>(page).cycle.meeting
}

describe('setting the day', () => {
	test('a moderator sets it, the members are told once, and every page shows it', async () => {
		const setup = await groupWithCycle()
		const { mona, ann, ben } = setup
		const on = daysFromNow(12)
		expect(
			statusOf(
				await post(setup, mona, { meetingOn: on, meetingPlace: '  Hyatt Regency, Dallas ' }),
			),
		).toBe(302)
		expect(await saved(setup.cycleId)).toEqual({
			meetingOn: new Date(`${on}T00:00:00Z`),
			meetingPlace: 'Hyatt Regency, Dallas',
		})
		expect(await told(ann.id, setup.cycleId)).toEqual([{ actorId: mona.id }])
		expect(await told(ben.id, setup.cycleId)).toHaveLength(1)
		expect(await told(mona.id, setup.cycleId)).toEqual([])
		// How it reads in the member's notifications.
		const [row] = (await listNotifications(ann.id, 1)).rows.filter((n) => n.type === MEETING_SET)
		expect(row?.link.href).toBe(`/g/${setup.group.slug}/reviews/${setup.cycleId}`)

		// The cycle page: a member reads it, only the moderator gets the form.
		expect(await pageOf(setup, ann)).toMatchObject({
			on,
			place: 'Hyatt Regency, Dallas',
			canSchedule: false,
		})
		expect(await pageOf(setup, mona)).toMatchObject({ on, canSchedule: true })

		// The group's list of reviews.
		const list = await runRoute(reviewsLoader, {
			request: makeRequest(`/g/${setup.group.slug}/reviews`, {
				cookie: await sessionCookieFor(ann.id),
			}),
			params: { slug: setup.group.slug },
		})
		const listed = dataOf<{ cycles: Array<{ id: string; meetingOn: string | null }> }>(list).cycles
		expect(listed.find((c) => c.id === setup.cycleId)?.meetingOn).toBe(
			(await pageOf(setup, ann)).onText,
		)

		// The meeting page before it starts.
		const meeting = await runRoute(meetingLoader, {
			request: makeRequest(`/g/${setup.group.slug}/reviews/${setup.cycleId}/meeting`, {
				cookie: await sessionCookieFor(ben.id),
			}),
			params: { slug: setup.group.slug, cycleId: setup.cycleId },
		})
		expect(dataOf<{ plannedOn: Date | null; plannedPlace: string | null }>(meeting)).toMatchObject({
			plannedOn: new Date(`${on}T00:00:00Z`),
			plannedPlace: 'Hyatt Regency, Dallas',
		})

		// Each member's home, with the days left.
		for (const who of [ann, ben, mona]) {
			expect(await ahead(who)).toEqual([
				expect.objectContaining({
					cycleId: setup.cycleId,
					daysLeft: 12,
					place: 'Hyatt Regency, Dallas',
				}),
			])
		}
	})

	test('moving the day tells them again; saving the same day and place tells nobody; clearing it takes it off every page', async () => {
		const setup = await groupWithCycle()
		const { mona, ann } = setup
		await post(setup, mona, { meetingOn: daysFromNow(20) })
		await post(setup, mona, { meetingOn: daysFromNow(21), meetingPlace: 'Zoom' })
		expect(await told(ann.id, setup.cycleId)).toHaveLength(2)
		expect(
			await setMeetingDay(
				setup.cycleId,
				{ meetingOn: daysFromNow(21), meetingPlace: 'Zoom' },
				{ now: new Date(), actorId: mona.id, realtime: offlinePublisher },
			),
		).toBe('unchanged')
		expect(await told(ann.id, setup.cycleId)).toHaveLength(2)
		expect((await ahead(ann)).map((m) => m.daysLeft)).toEqual([21])

		expect(statusOf(await post(setup, mona, { meetingOn: '', meetingPlace: '' }))).toBe(302)
		expect(await saved(setup.cycleId)).toEqual({ meetingOn: null, meetingPlace: null })
		expect(await told(ann.id, setup.cycleId)).toHaveLength(2)
		expect(await ahead(ann)).toEqual([])
		expect(await pageOf(setup, ann)).toMatchObject({ on: null, onText: null })
	})

	test('a closed cycle still takes its meeting day: groups meet after the updates are due', async () => {
		const setup = await groupWithCycle('closed')
		expect(statusOf(await post(setup, setup.mona, { meetingOn: daysFromNow(3) }))).toBe(302)
		expect((await ahead(setup.ann)).map((m) => m.daysLeft)).toEqual([3])
	})
})

describe('who may set it, and who hears of it', () => {
	test('a member is refused and nothing changes', async () => {
		const setup = await groupWithCycle()
		expect(statusOf(await post(setup, setup.ann, { meetingOn: daysFromNow(5) }))).toBe(403)
		expect(await saved(setup.cycleId)).toEqual({ meetingOn: null, meetingPlace: null })
	})

	test('another group’s members never see the day or hear of it', async () => {
		const setup = await groupWithCycle()
		const other = await groupWithCycle()
		await post(setup, setup.mona, { meetingOn: daysFromNow(7) })
		expect(await ahead(other.ann)).toEqual([])
		expect(await ahead(other.mona)).toEqual([])
		expect(
			await db.notification.count({
				where: { userId: { in: [other.ann.id, other.mona.id] }, type: MEETING_SET },
			}),
		).toBe(0)
	})

	test('the day of a draft cycle is the moderators’ until it opens, like the cycle itself', async () => {
		const setup = await groupWithCycle('draft')
		const co = await createUser({ name: 'Carla Co-moderator' })
		await db.membership.create({
			data: { userId: co.id, groupId: setup.group.id, role: 'moderator' },
		})
		await post(setup, setup.mona, { meetingOn: daysFromNow(40) })
		expect(await told(setup.ann.id, setup.cycleId)).toEqual([])
		expect(await told(co.id, setup.cycleId)).toHaveLength(1)
		expect(await ahead(setup.ann)).toEqual([])
		expect((await ahead(co)).map((m) => m.cycleId)).toEqual([setup.cycleId])
	})

	test('a member who left the group no longer sees it on their home', async () => {
		const setup = await groupWithCycle()
		await post(setup, setup.mona, { meetingOn: daysFromNow(9) })
		await db.membership.delete({
			where: { userId_groupId: { userId: setup.ben.id, groupId: setup.group.id } },
		})
		expect(await ahead(setup.ben)).toEqual([])
		expect((await listNotifications(setup.ben.id, 1)).rows).toEqual([])
	})
})

describe('wrong input', () => {
	test('each mistake is told at its field, and the saved day stays', async () => {
		const setup = await groupWithCycle()
		const keep = daysFromNow(30)
		await post(setup, setup.mona, { meetingOn: keep, meetingPlace: 'Austin' })
		const cases: Array<[Record<string, string>, string, string]> = [
			[{ meetingOn: '2027-02-30' }, 'meetingOn', 'Give the meeting day as a date, e.g. 2026-12-10'],
			[
				{ meetingOn: 'next Tuesday' },
				'meetingOn',
				'Give the meeting day as a date, e.g. 2026-12-10',
			],
			[{ meetingPlace: 'Austin' }, 'meetingOn', 'Choose the meeting day for this place'],
			[
				{ meetingOn: daysFromNow(2), meetingPlace: 'x'.repeat(MEETING_PLACE_MAX + 1) },
				'meetingPlace',
				`The place can be at most ${MEETING_PLACE_MAX} characters`,
			],
			[
				{ meetingOn: daysFromNow(-1) },
				'meetingOn',
				'The meeting day has passed: choose today or a later day',
			],
		]
		for (const [form, field, message] of cases) {
			const result = await post(setup, setup.mona, form)
			expect(statusOf(result), JSON.stringify(form)).toBe(400)
			expect(errorsOf(result)[field], JSON.stringify(form)).toEqual([message])
		}
		expect(await saved(setup.cycleId)).toEqual({
			meetingOn: new Date(`${keep}T00:00:00Z`),
			meetingPlace: 'Austin',
		})
		// Today is not the past.
		expect(statusOf(await post(setup, setup.mona, { meetingOn: daysFromNow(0) }))).toBe(302)
		expect((await ahead(setup.ann)).map((m) => m.daysLeft)).toEqual([0])
	})

	test('a day that has passed may keep its place corrected, but the meeting is not moved into the past', async () => {
		const setup = await groupWithCycle()
		await db.reviewCycle.update({
			where: { id: setup.cycleId },
			data: { meetingOn: new Date(today.getTime() - 2 * DAY_MS), meetingPlace: 'Austn' },
		})
		expect(
			statusOf(
				await post(setup, setup.mona, { meetingOn: daysFromNow(-2), meetingPlace: 'Austin' }),
			),
		).toBe(302)
		expect((await saved(setup.cycleId)).meetingPlace).toBe('Austin')
		// A day passed is not "ahead".
		expect(await ahead(setup.ann)).toEqual([])
	})

	test('once the meeting has ended its day no longer changes; while it runs the home shows it live instead', async () => {
		const setup = await groupWithCycle('closed')
		await post(setup, setup.mona, { meetingOn: daysFromNow(0) })
		const meeting = await db.meeting.create({
			data: { cycleId: setup.cycleId, startedById: setup.mona.id },
		})
		const home = await memberHome({ id: setup.ann.id, isSiteAdmin: false })
		expect(home.meetingsAhead).toEqual([])
		expect(home.liveMeetings.map((m) => m.cycleId)).toEqual([setup.cycleId])
		expect(await pageOf(setup, setup.mona)).toMatchObject({ canSchedule: true })

		await db.meeting.update({
			where: { id: meeting.id },
			data: { status: 'ended', endedAt: new Date() },
		})
		const result = await post(setup, setup.mona, { meetingOn: daysFromNow(5) })
		expect(statusOf(result)).toBe(400)
		expect(errorsOf(result)['']).toEqual(['This meeting has ended: its day no longer changes'])
		expect(await pageOf(setup, setup.mona)).toMatchObject({
			canSchedule: false,
			on: daysFromNow(0),
		})
	})
})

test(`the home lists meeting days from today to ${MEETING_AHEAD_DAYS} days ahead, soonest first`, async () => {
	const viewer = await createUser({ name: 'Vera Two Groups' })
	const first = await groupWithCycle()
	const second = await groupWithCycle()
	const third = await groupWithCycle()
	for (const setup of [first, second, third])
		await db.membership.create({
			data: { userId: viewer.id, groupId: setup.group.id, role: 'member' },
		})
	await post(first, first.mona, { meetingOn: daysFromNow(MEETING_AHEAD_DAYS + 1) })
	await post(second, second.mona, { meetingOn: daysFromNow(MEETING_AHEAD_DAYS) })
	await post(third, third.mona, { meetingOn: daysFromNow(4) })
	expect((await ahead(viewer)).map((m) => [m.cycleId, m.daysLeft])).toEqual([
		[third.cycleId, 4],
		[second.cycleId, MEETING_AHEAD_DAYS],
	])
})
