// Following vendor programs and hearing of their deadlines: follow and unfollow over HTTP (approved
// programs the member may see only), notices 14 and 2 days before each deadline with a fixed clock
// (once, however often and however concurrently the job runs; never to a follower who lost access;
// a merged program's followers hear of the one it went into), the private calendar feed and one
// program's file parsed back as a calendar app would, and deadlines this month.
import nodeIcal, { type VEvent } from 'node-ical'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { notificationSentence } from '#app/modules/notifications/notifications.ts'
import { listNotifications } from '#app/modules/notifications/notifications.server.ts'
import { runJobs } from '#app/modules/scheduler/scheduler.server.ts'
import { CALENDAR_FEED_LIMITS } from '#app/modules/vendors/calendar.server.ts'
import { deadlineNoticesJob } from '#app/modules/vendors/deadline-notices.server.ts'
import { isFollowing } from '#app/modules/vendors/follows.server.ts'
import { mergeProgram } from '#app/modules/vendors/programs.server.ts'
import { VENDORS_PROGRAM } from '#app/modules/vendors/program-subjects.server.ts'
import {
	loader as settingsLoader,
	action as settingsAction,
} from '#app/routes/settings/calendar.tsx'
import { loader as feedLoader } from '#app/routes/vendors/calendar-feed.ts'
import { loader as deadlinesLoader } from '#app/routes/vendors/deadlines.tsx'
import { action as followAction, loader as followLoader } from '#app/routes/vendors/follow.ts'
import { loader as programIcsLoader } from '#app/routes/vendors/program-ics.ts'
import { db } from '#app/utils/db.server.ts'
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

type Person = { id: string; isSiteAdmin: boolean; cookie: string }
let people: Record<'member' | 'other' | 'moderator' | 'outsider' | 'author', Person>
let groupId: string
let vendorId: string

const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

async function person(options: { isSiteAdmin?: boolean } = {}): Promise<Person> {
	const user = await createUser(options)
	return { id: user.id, isSiteAdmin: user.isSiteAdmin, cookie: await sessionCookieFor(user.id) }
}

let programCount = 0
async function program(
	fields: Record<string, unknown> = {},
	state: 'approved' | 'proposed' = 'approved',
) {
	programCount += 1
	return (
		await db.vendorProgram.create({
			data: {
				vendorId,
				name: `Flex MDF ${programCount}`,
				kind: 'marketing_funds',
				state,
				proposedById: people.author.id,
				...fields,
			},
			select: { id: true },
		})
	).id
}

/** Someone who may see the catalogue: a member of group A. */
async function groupMember(): Promise<Person> {
	const p = await person()
	await db.membership.create({ data: { userId: p.id, groupId } })
	return p
}

const follow = (who: Person | null, programId: string, form: Record<string, string>) =>
	settle(
		runRoute(followAction, {
			request: makeRequest(`/programs/${programId}/follow`, { cookie: who?.cookie, form }),
			params: { programId },
		}),
	)

const locationOf = (result: unknown) =>
	result instanceof Response ? result.headers.get('location') : null

beforeAll(async () => {
	const [member, other, moderator, outsider, author] = await Promise.all([
		person(),
		person(),
		person(),
		person(),
		person(),
	])
	people = { member, other, moderator, outsider, author }
	groupId = (await createGroupWith({ moderator, members: [member, author] })).id
	await createGroupWith({ moderator: other })
	await db.membership.updateMany({ where: { userId: other.id }, data: { role: 'member' } })
	vendorId = (await db.vendor.create({ data: { slug: 'hp', name: 'HP' }, select: { id: true } })).id
})

afterEach(() => {
	vi.useRealTimers()
})

describe('following over HTTP', () => {
	test('a member follows an approved program and stops, back on its page or where the form said (a local path only)', async () => {
		const id = await program()
		const followed = await follow(people.member, id, { follow: '1' })
		expect(statusOf(followed)).toBe(302)
		expect(locationOf(followed)).toBe(`/programs/${id}`)
		expect(await isFollowing(people.member.id, id)).toBe(true)
		// Twice is once.
		await follow(people.member, id, { follow: '1', redirectTo: '/programs/deadlines' }).then((r) =>
			expect(locationOf(r)).toBe('/programs/deadlines'),
		)
		expect(await db.programFollow.count({ where: { programId: id } })).toBe(1)
		// Another group's member sees the catalogue too.
		await follow(people.other, id, { follow: '1' })
		expect(await isFollowing(people.other.id, id)).toBe(true)

		const stopped = await follow(people.member, id, {
			follow: '0',
			redirectTo: 'https://evil.example/',
		})
		expect(locationOf(stopped)).toBe(`/programs/${id}`)
		expect(await isFollowing(people.member.id, id)).toBe(false)
		expect(await isFollowing(people.other.id, id)).toBe(true)
	})

	test('a proposal, a merged or unknown program, or a program out of reach answers 404 and follows nothing', async () => {
		const proposal = await program({}, 'proposed')
		const approved = await program()
		const merged = await program({ state: 'merged', mergedIntoId: approved })
		for (const [who, id] of [
			[people.author, proposal], // even its author
			[people.moderator, proposal], // who may see it, to approve it
			[people.member, merged],
			[people.member, 'no-such-program'],
			[people.outsider, approved], // in no group: no catalogue
		] as const) {
			expect(statusOf(await follow(who, id, { follow: '1' })), `${id}`).toBe(404)
		}
		expect(
			await db.programFollow.count({ where: { programId: { in: [proposal, approved, merged] } } }),
		).toBe(0)
		// Signed out: to the log-in page. A form that does not say: 400, nothing saved.
		expect(locationOf(await follow(null, approved, { follow: '1' }))).toMatch(/^\/login/)
		expect(statusOf(await follow(people.member, approved, { follow: 'yes' }))).toBe(400)
		expect(await db.programFollow.count({ where: { programId: approved } })).toBe(0)
	})

	test('the address opened in a browser leads to the program', async () => {
		const result = await settle(
			Promise.resolve(
				runRoute(followLoader, {
					request: makeRequest('/programs/p1/follow'),
					params: { programId: 'p1' },
				}),
			),
		)
		expect(locationOf(result)).toBe('/programs/p1')
	})
})

describe('deadline notices', () => {
	const run = (iso: string) =>
		runJobs([deadlineNoticesJob], { now: new Date(iso), realtime: offlinePublisher })
	const noticesOf = (userId: string, programId: string) =>
		db.notification.findMany({
			where: { userId, subjectKind: VENDORS_PROGRAM, subjectId: programId },
			orderBy: { createdAt: 'asc' },
			select: { type: true, actorId: true },
		})

	test('14 and 2 days before, once each, however often and however concurrently the job runs', async () => {
		const id = await program({ name: 'Flex MDF', enrollClosesOn: day('2026-12-15') })
		const [first, second] = [await groupMember(), await groupMember()]
		await db.programFollow.createMany({
			data: [first, second].map((p) => ({ programId: id, userId: p.id })),
		})

		await run('2026-11-30T08:00:00Z') // 15 days left: nothing yet
		expect(await noticesOf(first.id, id)).toEqual([])

		await run('2026-12-01T08:00:00Z')
		await run('2026-12-01T09:00:00Z')
		await Promise.all([run('2026-12-01T10:00:00Z'), run('2026-12-01T10:00:00Z')])
		await run('2026-12-05T08:00:00Z')
		expect(await noticesOf(first.id, id)).toEqual([
			{ type: 'deadline:enrollCloses:14:2026-12-15', actorId: null },
		])

		// Concurrent runs on the same day; a notice names the days left when it was sent, so the
		// day after (one day left, same window) must not send it again.
		await Promise.all([run('2026-12-13T06:00:00Z'), run('2026-12-13T06:00:00Z')])
		await run('2026-12-14T06:00:00Z')
		for (const follower of [first, second]) {
			expect((await noticesOf(follower.id, id)).map((n) => n.type)).toEqual([
				'deadline:enrollCloses:14:2026-12-15',
				'deadline:enrollCloses:2:2026-12-15',
			])
		}
		await run('2026-12-16T06:00:00Z') // past: nothing
		expect(await noticesOf(first.id, id)).toHaveLength(2)

		// How it reads in the list, and where it leads.
		const { rows } = await listNotifications(first.id, 1)
		const mine = rows.filter((row) => row.link.href === `/programs/${id}`)
		expect(mine.map((row) => notificationSentence(row.type, row.link.title)).sort()).toEqual([
			'HP Flex MDF: enrollment closes in 14 days (15 Dec)',
			'HP Flex MDF: enrollment closes in 2 days (15 Dec)',
		])
	})

	test('a follower who lost access is not told, and no longer sees what they were told', async () => {
		const id = await program({ claimClosesOn: day('2027-01-20'), proofDueOn: day('2027-01-08') })
		const [stays, leaves] = [await groupMember(), await groupMember()]
		await db.programFollow.createMany({
			data: [stays, leaves].map((p) => ({ programId: id, userId: p.id })),
		})
		await run('2027-01-06T08:00:00Z') // proof due in 2 days, claims close in 14
		expect((await noticesOf(leaves.id, id)).map((n) => n.type).sort()).toEqual([
			'deadline:claimCloses:14:2027-01-20',
			'deadline:proofDue:2:2027-01-08',
		])
		await db.membership.deleteMany({ where: { userId: leaves.id } })
		expect((await listNotifications(leaves.id, 1)).rows).toEqual([])
		await run('2027-01-18T08:00:00Z') // claims close in 2 days
		expect(await noticesOf(leaves.id, id)).toHaveLength(2)
		expect((await noticesOf(stays.id, id)).map((n) => n.type)).toContain(
			'deadline:claimCloses:2:2027-01-20',
		)
		// Nor is a program that is no longer approved noticed at all.
		const proposal = await program({ enrollClosesOn: day('2027-02-10') }, 'proposed')
		await db.programFollow.create({ data: { programId: proposal, userId: stays.id } })
		await run('2027-02-08T08:00:00Z')
		expect(await noticesOf(stays.id, proposal)).toEqual([])
	})

	test('after a merge, the duplicate’s followers hear of the program it went into, once each', async () => {
		const into = await program({ enrollClosesOn: day('2027-03-15') })
		const duplicate = await program({ enrollClosesOn: day('2027-03-15') })
		const [onlyDuplicate, both, onlyInto] = [
			await groupMember(),
			await groupMember(),
			await groupMember(),
		]
		await db.programFollow.createMany({
			data: [
				{ programId: duplicate, userId: onlyDuplicate.id },
				{ programId: duplicate, userId: both.id },
				{ programId: into, userId: both.id },
				{ programId: into, userId: onlyInto.id },
			],
		})
		expect(
			await mergeProgram(people.moderator, { fromId: duplicate, intoId: into }, offlinePublisher),
		).toBe(true)
		expect(await db.programFollow.count({ where: { programId: duplicate } })).toBe(0)
		expect(await db.programFollow.count({ where: { programId: into } })).toBe(3)

		await Promise.all([run('2027-03-01T08:00:00Z'), run('2027-03-01T08:00:00Z')])
		for (const follower of [onlyDuplicate, both, onlyInto]) {
			expect(await noticesOf(follower.id, into)).toEqual([
				{ type: 'deadline:enrollCloses:14:2027-03-15', actorId: null },
			])
			expect(await noticesOf(follower.id, duplicate)).toEqual([])
		}
	})
})

// ---------------------------------------------------------------------------------------------
// Calendars, read back as a calendar app would.

type Parsed = {
	uid: string
	summary: string
	start: string
	end: string
	url: string
	description: string
}

/** The events of a calendar text, by UID, with days as YYYY-MM-DD. */
function eventsOf(text: string): Parsed[] {
	const ymd = (date: Date & { dateOnly?: boolean }) => {
		expect(date.dateOnly, 'an all-day event').toBe(true)
		// node-ical makes a date-only value at local midnight.
		const pad = (n: number) => String(n).padStart(2, '0')
		return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
	}
	return Object.values(nodeIcal.sync.parseICS(text))
		.filter((item): item is VEvent => item?.type === 'VEVENT')
		.map((event) => {
			const url = event.url as unknown
			return {
				uid: event.uid,
				summary: String(event.summary),
				start: ymd(event.start),
				end: ymd(event.end as Date),
				url: typeof url === 'string' ? url : (url as { val: string }).val,
				description: String(event.description),
			}
		})
		.sort((a, b) => a.start.localeCompare(b.start) || a.summary.localeCompare(b.summary))
}

async function makeFeed(who: Person): Promise<string> {
	const result = await settle(
		runRoute(settingsAction, {
			request: makeRequest('/settings/calendar', {
				cookie: who.cookie,
				form: { intent: 'create' },
			}),
		}),
	)
	const url = dataOf<{ url: string }>(result).url
	expect(url).toMatch(/^http:\/\/localhost:3000\/calendar\/[a-z2-7]+\/deadlines\.ics$/)
	return url.split('/')[4]!
}

const fetchFeed = (token: string) =>
	settle(
		runRoute(feedLoader, {
			request: makeRequest(`/calendar/${token}/deadlines.ics`),
			params: { token },
		}),
	)

describe('the private calendar feed', () => {
	test('lists every day of the programs the member follows as all-day events, without a session; only its hash is kept', async () => {
		const reader = await groupMember()
		const full = await program({
			name: 'Flex MDF',
			enrollOpensOn: day('2026-11-01'),
			enrollClosesOn: day('2026-12-15'),
			claimOpensOn: day('2027-01-05'),
			claimClosesOn: day('2027-01-31'),
			proofDueOn: day('2027-02-15'),
		})
		const small = await program({ name: 'Partner rebate', proofDueOn: day('2027-04-30') })
		const notFollowed = await program({ name: 'Not followed', enrollClosesOn: day('2026-12-20') })
		await db.programFollow.createMany({
			data: [full, small].map((programId) => ({ programId, userId: reader.id })),
		})

		const token = await makeFeed(reader)
		const stored = await db.calendarFeed.findUniqueOrThrow({ where: { userId: reader.id } })
		expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)
		expect(stored.tokenHash).not.toContain(token)

		const answer = await fetchFeed(token)
		expect(statusOf(answer)).toBe(200)
		const response = answer as Response
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		const text = await response.text()
		const events = eventsOf(text)
		expect(events.map(({ summary, start, end }) => ({ summary, start, end }))).toEqual([
			{ summary: 'HP Flex MDF: Enrollment opens', start: '2026-11-01', end: '2026-11-02' },
			{ summary: 'HP Flex MDF: Enrollment closes', start: '2026-12-15', end: '2026-12-16' },
			{ summary: 'HP Flex MDF: Claim window opens', start: '2027-01-05', end: '2027-01-06' },
			{ summary: 'HP Flex MDF: Claim window closes', start: '2027-01-31', end: '2027-02-01' },
			{ summary: 'HP Flex MDF: Proof of performance due', start: '2027-02-15', end: '2027-02-16' },
			{
				summary: 'HP Partner rebate: Proof of performance due',
				start: '2027-04-30',
				end: '2027-05-01',
			},
		])
		expect(events[1]!.url).toBe(`http://localhost:3000/programs/${full}`)
		expect(events[5]!.url).toBe(`http://localhost:3000/programs/${small}`)
		expect(events[1]!.description).toContain('Enrollment closes: 15 Dec 2026')
		expect(text).not.toContain(notFollowed)
		// Stable UIDs: a calendar app updates its events rather than adding new ones.
		const again = eventsOf(await ((await fetchFeed(token)) as Response).text())
		expect(again.map((e) => e.uid)).toEqual(events.map((e) => e.uid))
		expect(new Set(events.map((e) => e.uid)).size).toBe(6)

		// The settings page says a link exists, and never shows it again.
		const page = dataOf<{ feed: { createdAt: Date } | null }>(
			await settle(
				runRoute(settingsLoader, {
					request: makeRequest('/settings/calendar', { cookie: reader.cookie }),
				}),
			),
		)
		expect(page.feed).not.toBeNull()
		expect(JSON.stringify(page)).not.toContain(token)
	})

	test('another member’s link shows their follows, never yours; a revoked or replaced link answers 404', async () => {
		const [mine, theirs] = [await groupMember(), await groupMember()]
		const myProgram = await program({ name: 'Mine only', enrollClosesOn: day('2026-12-10') })
		const theirProgram = await program({ name: 'Theirs only', enrollClosesOn: day('2026-12-11') })
		await db.programFollow.createMany({
			data: [
				{ programId: myProgram, userId: mine.id },
				{ programId: theirProgram, userId: theirs.id },
			],
		})
		const [myToken, theirToken] = [await makeFeed(mine), await makeFeed(theirs)]
		const theirEvents = eventsOf(await ((await fetchFeed(theirToken)) as Response).text())
		expect(theirEvents.map((e) => e.summary)).toEqual(['HP Theirs only: Enrollment closes'])
		// A session does not change whose feed a link is.
		const withMySession = await settle(
			runRoute(feedLoader, {
				request: makeRequest(`/calendar/${theirToken}/deadlines.ics`, { cookie: mine.cookie }),
				params: { token: theirToken },
			}),
		)
		expect(await (withMySession as Response).text()).not.toContain(myProgram)

		// Replaced: the old link stops working, the new one works.
		const newToken = await makeFeed(mine)
		expect(statusOf(await fetchFeed(myToken))).toBe(404)
		expect(statusOf(await fetchFeed(newToken))).toBe(200)
		// Revoked.
		const revoked = await settle(
			runRoute(settingsAction, {
				request: makeRequest('/settings/calendar', {
					cookie: mine.cookie,
					form: { intent: 'revoke' },
				}),
			}),
		)
		expect(statusOf(revoked)).toBe(302)
		expect(statusOf(await fetchFeed(newToken))).toBe(404)
		expect(await db.calendarFeed.count({ where: { userId: mine.id } })).toBe(0)
		expect(statusOf(await fetchFeed('not-a-token'))).toBe(404)
	})

	test('a link fetched too often answers 429 with Retry-After', async () => {
		const token = 'hammered-link'
		for (let i = 0; i < CALENDAR_FEED_LIMITS.perFeedPerHour.points; i += 1) {
			expect(statusOf(await fetchFeed(token))).toBe(404)
		}
		const refused = (await fetchFeed(token)) as Response
		expect(refused.status).toBe(429)
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
	})

	test('a member who lost access gets an empty calendar from their link', async () => {
		const leaver = await groupMember()
		const id = await program({ enrollClosesOn: day('2026-12-10') })
		await db.programFollow.create({ data: { programId: id, userId: leaver.id } })
		const token = await makeFeed(leaver)
		expect(eventsOf(await ((await fetchFeed(token)) as Response).text())).toHaveLength(1)
		await db.membership.deleteMany({ where: { userId: leaver.id } })
		expect(eventsOf(await ((await fetchFeed(token)) as Response).text())).toEqual([])
	})
})

describe('one program’s calendar file', () => {
	const fetchFile = (who: Person | null, programId: string) =>
		settle(
			runRoute(programIcsLoader, {
				request: makeRequest(`/programs/${programId}/deadlines.ics`, { cookie: who?.cookie }),
				params: { programId },
			}),
		)

	test('for whoever may see the program; 404 for the others; a merged program’s is the one it went into', async () => {
		const id = await program({
			name: 'Flex MDF',
			enrollClosesOn: day('2026-12-15'),
			proofDueOn: day('2027-01-15'),
		})
		const answer = (await fetchFile(people.other, id)) as Response
		expect(answer.status).toBe(200)
		expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(answer.headers.get('content-disposition')).toContain('hp-flex-mdf-deadlines.ics')
		const events = eventsOf(await answer.text())
		expect(events.map(({ summary, start, url }) => ({ summary, start, url }))).toEqual([
			{
				summary: 'HP Flex MDF: Enrollment closes',
				start: '2026-12-15',
				url: `http://localhost:3000/programs/${id}`,
			},
			{
				summary: 'HP Flex MDF: Proof of performance due',
				start: '2027-01-15',
				url: `http://localhost:3000/programs/${id}`,
			},
		])

		expect(statusOf(await fetchFile(people.outsider, id))).toBe(404)
		expect(locationOf(await fetchFile(null, id))).toMatch(/^\/login/)
		const proposal = await program({ proofDueOn: day('2027-01-15') }, 'proposed')
		expect(statusOf(await fetchFile(people.member, proposal))).toBe(404)
		expect(statusOf(await fetchFile(people.author, proposal))).toBe(200)
		const merged = await program({ state: 'merged', mergedIntoId: id })
		expect(locationOf(await fetchFile(people.member, merged))).toBe(`/programs/${id}/deadlines.ics`)
	})
})

describe('deadlines this month', () => {
	type Page = Exclude<Awaited<ReturnType<typeof deadlinesLoader>>, Response>
	const load = async (who: Person, query = '') =>
		settle(
			runRoute(deadlinesLoader, {
				request: makeRequest(`/programs/deadlines${query}`, { cookie: who.cookie }),
			}),
		)

	test('the followed programs’ days of the month, grouped by day, with the days left; a bad month is this month', async () => {
		vi.useFakeTimers({ toFake: ['Date'] })
		vi.setSystemTime(new Date('2026-12-10T12:00:00Z'))
		const reader = await groupMember()
		const a = await program({
			name: 'Flex MDF',
			enrollClosesOn: day('2026-12-15'),
			claimOpensOn: day('2026-12-15'),
			proofDueOn: day('2027-01-10'),
		})
		const b = await program({
			name: 'Academy',
			enrollOpensOn: day('2026-12-01'),
			claimClosesOn: day('2026-12-31'),
		})
		const other = await program({ name: 'Not followed', enrollClosesOn: day('2026-12-15') })
		const hidden = await program(
			{ name: 'A proposal', enrollClosesOn: day('2026-12-15') },
			'proposed',
		)
		await db.programFollow.createMany({
			data: [a, b, hidden].map((programId) => ({ programId, userId: reader.id })),
		})

		const page = dataOf<Page>(await load(reader, '?month=2026-12'))
		expect(page).toMatchObject({
			month: '2026-12',
			monthLabel: 'December 2026',
			isThisMonth: true,
			previous: '2026-11',
			next: '2027-01',
			following: true,
		})
		expect(
			page.days.map((d) => [
				d.day,
				d.deadlines.map((r) => `${r.programName} · ${r.vendorName} · ${r.label} · ${r.when}`),
			]),
		).toEqual([
			['2026-12-01', ['Academy · HP · Enrollment opens · 9 days ago']],
			[
				'2026-12-15',
				[
					'Flex MDF · HP · Enrollment closes · in 5 days',
					'Flex MDF · HP · Claim window opens · in 5 days',
				],
			],
			['2026-12-31', ['Academy · HP · Claim window closes · in 21 days']],
		])
		expect(JSON.stringify(page)).not.toContain(other)

		const january = dataOf<Page>(await load(reader, '?month=2027-01'))
		expect(january.days.map((d) => d.day)).toEqual(['2027-01-10'])
		expect(january).toMatchObject({ isThisMonth: false, previous: '2026-12', next: '2027-02' })

		for (const bad of ['?month=2026-13', '?month=banana', '?month=99999-01', '?month=']) {
			const shown = await load(reader, bad)
			expect(statusOf(shown)).toBe(200)
			expect(dataOf<Page>(shown).month).toBe('2026-12')
		}
	})

	test('someone who follows nothing is told how to start; someone in no group gets 404', async () => {
		const newcomer = await groupMember()
		const page = dataOf<Page>(await load(newcomer))
		expect(page.days).toEqual([])
		expect(page.following).toBe(false)
		expect(statusOf(await load(people.outsider))).toBe(404)
	})
})
