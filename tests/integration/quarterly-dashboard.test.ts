// The moderators' side of a quarterly review: completion, the once-a-day reminder, the key numbers
// (quarter over quarter, quartiles), the CSV export parsed back, the agenda drawn from updates and
// shaped by hand, the completion view's live room; and who may open each page and action, as one
// table over the roles, where every refusal is a 404 or 403 that writes nothing.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse } from 'csv-parse/sync'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { listNotifications, unreadNotificationCount } from '#app/modules/notifications/notifications.server.ts'
import { cycleAccess, type CycleAccess } from '#app/modules/quarterly/access.server.ts'
import { generateAgenda, listAgenda } from '#app/modules/quarterly/agenda.server.ts'
import { cycleCompletion } from '#app/modules/quarterly/completion.server.ts'
import { QUARTERLY_REMINDER } from '#app/modules/quarterly/dashboard-subjects.server.ts'
import { QUARTERLY_EVENTS, type CompletionEvent } from '#app/modules/quarterly/events.ts'
import { cycleNumbers } from '#app/modules/quarterly/numbers.server.ts'
import { quartiles } from '#app/modules/quarterly/numbers.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { remindPending, remindRefusal } from '#app/modules/quarterly/remind.server.ts'
import { action as agendaAction, loader as agendaLoader } from '#app/routes/quarterly/agenda.tsx'
import { action as dashboardAction, loader as dashboardLoader } from '#app/routes/quarterly/dashboard.tsx'
import { loader as exportLoader } from '#app/routes/quarterly/export-csv.ts'
import { loader as numbersLoader } from '#app/routes/quarterly/numbers.tsx'
import { loader as printLoader } from '#app/routes/quarterly/print.tsx'
import { db } from '#app/utils/db.server.ts'
import { seedQuarterlyDashboard } from '#app/modules/demo/quarterly-dashboard-seed.server.ts'
import { offlinePublisher, rooms } from '#app/utils/realtime.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { createGroupWith, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'
import { listRoutes } from '#tests/route-list.ts'
import { connected, connectSocket, nextEvent } from '#tests/running-server.ts'
import { actorFor, buildWorld, type Role, type World } from '#tests/world.ts'

const QUESTIONS = JSON.stringify(DEFAULT_QUESTIONS)
const HOUR = 60 * 60 * 1000

type Person = { id: string; name: string }

async function makeCycle(groupId: string, createdById: string, fields: { quarter: string; status?: string; visibility?: string }) {
	return db.reviewCycle.create({
		data: {
			groupId,
			quarter: fields.quarter,
			opensOn: new Date(Date.UTC(2026, 9, 1)),
			dueOn: new Date(Date.UTC(2026, 11, 31)),
			status: fields.status ?? 'open',
			visibility: fields.visibility ?? 'group',
			questions: QUESTIONS,
			createdById,
		},
		select: { id: true },
	})
}

async function submit(cycleId: string, member: Person, answers: Record<string, unknown>, status: 'submitted' | 'draft' = 'submitted', submittedAt = new Date()) {
	return db.reviewSubmission.create({
		data: { cycleId, memberId: member.id, status, answers: JSON.stringify(answers), submittedAt: status === 'submitted' ? submittedAt : null },
		select: { id: true },
	})
}

async function accessOf(viewer: Person, cycleId: string): Promise<CycleAccess> {
	const access = await cycleAccess(viewer, cycleId)
	if (!access) throw new Error('no access')
	return access
}

/** A group of a moderator and six members, with their session cookies. */
async function groupOfSeven(label: string) {
	const mona = await createUser({ name: `Mona ${label}` })
	const names = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank']
	const members: Person[] = await Promise.all(names.map((name) => createUser({ name: `${name} ${label}` })))
	const group = await createGroupWith({ moderator: mona, members })
	const [alice, bob, carol, dave, erin, frank] = members as [Person, Person, Person, Person, Person, Person]
	return { group, mona, alice, bob, carol, dave, erin, frank }
}

describe('completion', () => {
	test('counts submitted, drafts and not started among the members; a moderator counts only once they start', async () => {
		const g = await groupOfSeven('C')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		await submit(cycle.id, g.alice, { revenue: 1 })
		await submit(cycle.id, g.bob, { revenue: 2 })
		await submit(cycle.id, g.carol, { wins: 'half written' }, 'draft')
		// Someone outside the group with a stray row is not counted.
		const stranger = await createUser({ name: 'Stranger' })
		await submit(cycle.id, stranger, { revenue: 3 })

		const completion = await cycleCompletion(cycle.id, g.group.id)
		expect(completion.counts).toEqual({ submitted: 2, draft: 1, not_started: 3, expected: 6 })
		expect(completion.rows.map((row) => [row.name, row.status])).toEqual([
			['Alice C', 'submitted'],
			['Bob C', 'submitted'],
			['Carol C', 'draft'],
			['Dave C', 'not_started'],
			['Erin C', 'not_started'],
			['Frank C', 'not_started'],
		])

		await submit(cycle.id, g.mona, { revenue: 9 }, 'draft')
		const page = dataOf<{ completion: { counts: Record<string, number> } }>(
			await runRoute(dashboardLoader, {
				request: makeRequest(`/g/${g.group.slug}/reviews/${cycle.id}/dashboard`, { cookie: await sessionCookieFor(g.mona.id) }),
				params: { slug: g.group.slug, cycleId: cycle.id },
			}),
		)
		expect(page.completion.counts).toEqual({ submitted: 2, draft: 2, not_started: 3, expected: 7 })
		// The page never carries what a draft says.
		expect(JSON.stringify(page)).not.toContain('half written')
	})
})

describe('remind', () => {
	test('notifies everyone pending, at most once in 24 hours, and the refusal says when the next is possible', async () => {
		const g = await groupOfSeven('R')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		await submit(cycle.id, g.alice, { revenue: 1 })
		await submit(cycle.id, g.bob, { wins: 'draft' }, 'draft')
		const access = await accessOf(g.mona, cycle.id)
		const at = new Date(Date.UTC(2026, 11, 1, 14, 5))

		expect(await remindPending(access, g.mona, offlinePublisher, at)).toEqual({ ok: true, reminded: 5 })
		const sent = await db.notification.findMany({ where: { subjectKind: QUARTERLY_REMINDER, subjectId: cycle.id }, select: { userId: true, type: true } })
		expect(sent.map((row) => row.userId).sort()).toEqual([g.bob, g.carol, g.dave, g.erin, g.frank].map((p) => p.id).sort())
		expect(sent.every((row) => row.type === 'review-reminder')).toBe(true)

		// One hour later, and a minute before the day is up: refused, saying when.
		for (const later of [HOUR, 24 * HOUR - 60_000]) {
			const outcome = await remindPending(access, g.mona, offlinePublisher, new Date(at.getTime() + later))
			expect(outcome).toEqual({ ok: false, reason: 'limit', lastAt: at, nextAt: new Date(at.getTime() + 24 * HOUR) })
		}
		const refused = await remindPending(access, g.mona, offlinePublisher, new Date(at.getTime() + HOUR))
		if (refused.ok) throw new Error('expected a refusal')
		expect(remindRefusal(refused, new Date(at.getTime() + HOUR))).toBe(
			'Everyone pending was reminded at 14:05 UTC today; the next reminder is possible after 14:05 UTC tomorrow.',
		)
		expect(await db.notification.count({ where: { subjectKind: QUARTERLY_REMINDER, subjectId: cycle.id } })).toBe(5)

		// A day later: allowed again, to those still pending.
		await db.reviewSubmission.update({ where: { cycleId_memberId: { cycleId: cycle.id, memberId: g.bob.id } }, data: { status: 'submitted', submittedAt: at } })
		expect(await remindPending(access, g.mona, offlinePublisher, new Date(at.getTime() + 24 * HOUR))).toEqual({ ok: true, reminded: 4 })
		expect(await db.notification.count({ where: { subjectKind: QUARTERLY_REMINDER, subjectId: cycle.id, userId: g.bob.id } })).toBe(1)
	})

	test('two moderators pressing at once send one reminder', async () => {
		const g = await groupOfSeven('T')
		const second = await createUser({ name: 'Second Moderator T' })
		await db.membership.create({ data: { userId: second.id, groupId: g.group.id, role: 'moderator' } })
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		const at = new Date(Date.UTC(2026, 11, 2, 9, 0))
		const outcomes = await Promise.all([
			remindPending(await accessOf(g.mona, cycle.id), g.mona, offlinePublisher, at),
			remindPending(await accessOf(second, cycle.id), second, offlinePublisher, at),
		])
		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1)
		expect(await db.notification.count({ where: { subjectKind: QUARTERLY_REMINDER, subjectId: cycle.id } })).toBe(6)
	})

	test('the reminder is readable while its cycle is: gone for a member who leaves the group', async () => {
		const g = await groupOfSeven('N')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		await remindPending(await accessOf(g.mona, cycle.id), g.mona, offlinePublisher)
		const list = await listNotifications(g.carol.id, 1)
		expect(list.rows.map((row) => row.link.href)).toEqual([`/g/${g.group.slug}/reviews/${cycle.id}`])
		expect(await unreadNotificationCount(g.carol.id)).toBe(1)
		await db.membership.deleteMany({ where: { userId: g.carol.id, groupId: g.group.id } })
		expect(await unreadNotificationCount(g.carol.id)).toBe(0)
		expect((await listNotifications(g.carol.id, 1)).rows).toEqual([])
	})

	test('the page’s remind button: done once, then refused with a toast, not an error', async () => {
		const g = await groupOfSeven('P')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		const cookie = await sessionCookieFor(g.mona.id)
		const press = () =>
			runRoute(dashboardAction, {
				request: makeRequest(`/g/${g.group.slug}/reviews/${cycle.id}/dashboard`, { cookie, form: { intent: 'remind' } }),
				params: { slug: g.group.slug, cycleId: cycle.id },
			})
		const first = (await press()) as Response
		const second = (await press()) as Response
		expect([first.status, second.status]).toEqual([302, 302])
		const toast = (response: Response) => {
			const value = /pp_toast=([^.;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? ''
			return JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8')) as { type: string; title: string }
		}
		expect(toast(first).title).toBe('Reminder sent to 6 members')
		expect(toast(second)).toMatchObject({ type: 'info', title: expect.stringMatching(/^Everyone pending was reminded at \d\d:\d\d UTC today; the next reminder is possible after \d\d:\d\d UTC tomorrow\.$/) })
		expect(await db.notification.count({ where: { subjectKind: QUARTERLY_REMINDER, subjectId: cycle.id } })).toBe(6)
	})
})

describe('key numbers', () => {
	test('quarter over quarter per member, quartiles over submitted figures only, a member’s standing without others’ figures', async () => {
		const g = await groupOfSeven('K')
		const last = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q3', status: 'closed', visibility: 'moderators' })
		await submit(last.id, g.alice, { revenue: 1_000_000, gross_margin: 40 })
		await submit(last.id, g.bob, { revenue: 800_000, gross_margin: 35 })
		const now = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4', visibility: 'moderators' })
		// Five submitted revenues (quartiles shown), one draft that must not count.
		const revenues = { alice: 1_200_000, bob: 760_000, carol: 950_000, dave: 1_500_000, erin: 2_100_000 }
		await submit(now.id, g.alice, { revenue: revenues.alice, gross_margin: '42.5' })
		await submit(now.id, g.bob, { revenue: revenues.bob, gross_margin: 35 })
		await submit(now.id, g.carol, { revenue: '950,000' })
		await submit(now.id, g.dave, { revenue: revenues.dave, gross_margin: 'n/a' })
		await submit(now.id, g.erin, { revenue: revenues.erin })
		await submit(now.id, g.frank, { revenue: 99_000_000 }, 'draft')

		const moderatorView = await cycleNumbers(g.mona, await accessOf(g.mona, now.id))
		expect(moderatorView.submittedCount).toBe(5)
		expect(moderatorView.previousQuarter).toBe('2026-Q3')
		const alice = moderatorView.table!.find((row) => row.memberId === g.alice.id)!
		expect(alice.values).toEqual({ revenue: 1_200_000, gross_margin: 42.5 })
		expect(alice.changes.revenue).toEqual({ delta: 200_000, relative: 0.2 })
		expect(alice.changes.gross_margin).toEqual({ delta: 2.5, relative: 0.0625 })
		const bob = moderatorView.table!.find((row) => row.memberId === g.bob.id)!
		expect(bob.changes.revenue).toEqual({ delta: -40_000, relative: -0.05 })
		expect(moderatorView.table!.find((row) => row.memberId === g.carol.id)!.changes.revenue).toBeNull()
		expect(moderatorView.table!.map((row) => row.memberId)).not.toContain(g.frank.id)
		// Sorted: 760k 950k 1.2M 1.5M 2.1M → Q1 950k, median 1.2M, Q3 1.5M.
		const revenue = moderatorView.quartiles.find((row) => row.metric === 'revenue')!
		expect(revenue.quartiles).toEqual({ count: 5, q1: 950_000, median: 1_200_000, q3: 1_500_000 })
		expect(revenue.quartiles).toEqual(quartiles(Object.values(revenues)))
		// Two margins only: too few for quartiles that would not give figures away.
		expect(moderatorView.quartiles.find((row) => row.metric === 'gross_margin')).toEqual({ metric: 'gross_margin', count: 2, quartiles: null })
		expect(moderatorView.history!.revenue).toEqual([
			{ quarter: '2026-Q3', median: 900_000, count: 2 },
			{ quarter: '2026-Q4', median: 1_200_000, count: 5 },
		])

		// Bob, a member, in a cycle whose updates only moderators read: his own standing, no table.
		const bobView = await cycleNumbers(g.bob, await accessOf(g.bob, now.id))
		expect(bobView.table).toBeNull()
		expect(bobView.history).toBeNull()
		expect(bobView.mine).toEqual({ values: { revenue: 760_000, gross_margin: 35 }, standings: { revenue: 1 } })
		expect(bobView.quartiles).toEqual(moderatorView.quartiles)
		// Erin stands in the top quarter.
		expect((await cycleNumbers(g.erin, await accessOf(g.erin, now.id))).mine?.standings).toEqual({ revenue: 4 })
		// The page as Bob gets it carries no one else's figure nor name.
		const page = await runRoute(numbersLoader, {
			request: makeRequest(`/g/${g.group.slug}/reviews/${now.id}/numbers`, { cookie: await sessionCookieFor(g.bob.id) }),
			params: { slug: g.group.slug, cycleId: now.id },
		})
		const text = JSON.stringify(page)
		for (const figure of ['2100000', '1000000', '42.5', '99000000']) expect(text).not.toContain(figure)
		for (const name of ['Alice K', 'Erin K', 'Dave K']) expect(text).not.toContain(name)

		// Frank has only a draft: he sees the quartiles, and no standing.
		const frankView = await cycleNumbers(g.frank, await accessOf(g.frank, now.id))
		expect(frankView.mine).toBeNull()

		// When the cycle is visible to the group, a member reads the table too, but last quarter's
		// figures (moderators only) stay out of it: no change is shown from them.
		await db.reviewCycle.update({ where: { id: now.id }, data: { visibility: 'group' } })
		const groupView = await cycleNumbers(g.bob, await accessOf(g.bob, now.id))
		expect(groupView.table!.map((row) => row.memberId).sort()).toEqual([g.alice, g.bob, g.carol, g.dave, g.erin].map((p) => p.id).sort())
		expect(groupView.table!.find((row) => row.memberId === g.alice.id)!.changes.revenue).toBeNull()
		expect(groupView.table!.find((row) => row.memberId === g.bob.id)!.changes.revenue).toEqual({ delta: -40_000, relative: -0.05 })
		expect(groupView.history!.revenue).toEqual([{ quarter: '2026-Q4', median: 1_200_000, count: 5 }])
	})
})

describe('CSV export', () => {
	test('one row per update the moderator may read, a column per question, parsed back as written', async () => {
		const g = await groupOfSeven('X')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4', visibility: 'moderators' })
		const submittedAt = new Date(Date.UTC(2026, 11, 3, 10, 30))
		await submit(cycle.id, g.alice, { revenue: 1_200_000, gross_margin: 41.5, wins: 'Signed "Acme", finally,\nand hired two.', blocker: 'cash_flow', ask: '=HYPERLINK("http://evil")' }, 'submitted', submittedAt)
		await submit(cycle.id, g.bob, { revenue: 640_000, blocker: 'sales' }, 'submitted', submittedAt)
		await submit(cycle.id, g.carol, { wins: 'secret draft' }, 'draft')
		const response = (await runRoute(exportLoader, {
			request: makeRequest(`/g/${g.group.slug}/reviews/${cycle.id}/export.csv`, { cookie: await sessionCookieFor(g.mona.id) }),
			params: { slug: g.group.slug, cycleId: cycle.id },
		})) as Response
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".*2026-Q4-updates\.csv"/)
		const text = await response.text()
		expect(text).not.toContain('secret draft')
		const rows = parse(text) as string[][]
		expect(rows[0]).toEqual(['Member', 'Status', 'Submitted at', ...DEFAULT_QUESTIONS.map((q) => q.label)])
		expect(rows).toHaveLength(3)
		const byName = Object.fromEntries(rows.slice(1).map((row) => [row[0], Object.fromEntries(rows[0]!.map((h, i) => [h, row[i]]))]))
		expect(byName['Alice X']).toMatchObject({
			Status: 'submitted',
			'Submitted at': '2026-12-03T10:30:00.000Z',
			'Revenue this quarter': '1200000',
			'Gross margin': '41.5',
			Wins: 'Signed "Acme", finally,\nand hired two.',
			'Your main blocker': 'Cash flow',
			// A formula is neutralised for spreadsheets.
			'What you ask of the group': `'=HYPERLINK("http://evil")`,
		})
		expect(byName['Bob X']).toMatchObject({ 'Revenue this quarter': '640000', 'Your main blocker': 'Sales', Wins: '' })
	})
})

describe('agenda', () => {
	let g: Awaited<ReturnType<typeof groupOfSeven>>
	let cycleId: string
	let cookie: string
	const post = (form: Record<string, string>) =>
		settle(
			runRoute(agendaAction, {
				request: makeRequest(`/g/${g.group.slug}/reviews/${cycleId}/agenda`, { cookie, form }),
				params: { slug: g.group.slug, cycleId },
			}),
		)
	const titles = async () => (await listAgenda(cycleId)).map((item) => item.title)

	beforeAll(async () => {
		g = await groupOfSeven('A')
		cycleId = (await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })).id
		cookie = await sessionCookieFor(g.mona.id)
		const t = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, minutes))
		await submit(cycleId, g.bob, { blocker: 'sales', ask: 'Who has priced managed security?' }, 'submitted', t(1))
		await submit(cycleId, g.alice, { blocker: 'cash_flow', ask: '  An introduction to a good banker.  ' }, 'submitted', t(2))
		await submit(cycleId, g.carol, { blocker: 'cash_flow' }, 'submitted', t(3))
		await submit(cycleId, g.dave, { blocker: 'cash_flow', ask: 'Draft ask, not for the agenda' }, 'draft')
	})

	test('generated from submitted updates: common blockers counted, then each member’s hot seat and ask', async () => {
		const first = await post({ intent: 'generate' })
		expect(statusOf(first)).toBe(302)
		expect(await titles()).toEqual([
			'Common blocker: Cash flow (2 members)',
			'Common blocker: Sales (1 member)',
			'Hot seat: Bob A',
			'Bob A asks: Who has priced managed security?',
			'Hot seat: Alice A',
			'Alice A asks: An introduction to a good banker.',
			'Hot seat: Carol A',
		])
		const items = await listAgenda(cycleId)
		expect(items[0]!.note).toBe('Named by Alice A, Carol A')
		expect(items.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6, 7])
		expect(items[2]!.member).toEqual({ id: g.bob.id, name: 'Bob A' })
	})

	test('reordered with up and down, annotated, extended and trimmed by hand', async () => {
		const [blocker, , bobSeat] = await listAgenda(cycleId)
		expect(statusOf(await post({ intent: 'move', itemId: bobSeat!.id, direction: 'up' }))).toBe(302)
		expect((await titles()).slice(0, 3)).toEqual(['Common blocker: Cash flow (2 members)', 'Hot seat: Bob A', 'Common blocker: Sales (1 member)'])
		// The first item cannot go further up: nothing changes.
		await post({ intent: 'move', itemId: blocker!.id, direction: 'up' })
		expect((await titles())[0]).toBe('Common blocker: Cash flow (2 members)')

		expect(statusOf(await post({ intent: 'edit', itemId: blocker!.id, note: 'Start with invoicing terms', minutes: '20' }))).toBe(302)
		expect((await listAgenda(cycleId))[0]).toMatchObject({ note: 'Start with invoicing terms', minutes: 20 })
		// A bad number of minutes: the form comes back with the error and nothing is saved.
		const refused = await post({ intent: 'edit', itemId: blocker!.id, note: 'Changed', minutes: '0' })
		expect(statusOf(refused)).toBe(400)
		expect(JSON.stringify(dataOf(refused))).toContain('At least 1 minute')
		expect((await listAgenda(cycleId))[0]).toMatchObject({ note: 'Start with invoicing terms', minutes: 20 })

		expect(statusOf(await post({ intent: 'add', title: 'Round of wins', minutes: '15', note: '' }))).toBe(302)
		expect((await titles()).at(-1)).toBe('Round of wins')
		expect(statusOf(await post({ intent: 'add', title: '   ', minutes: '15' }))).toBe(400)

		const sales = (await listAgenda(cycleId)).find((item) => item.title.startsWith('Common blocker: Sales'))!
		expect(statusOf(await post({ intent: 'remove', itemId: sales.id }))).toBe(302)
		expect(await titles()).not.toContain(sales.title)
		expect((await listAgenda(cycleId)).map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6, 7])
	})

	test('regenerating asks first, and replaces only once confirmed; never once the meeting has started', async () => {
		const before = await titles()
		const asked = await post({ intent: 'generate' })
		expect(statusOf(asked)).toBe(200)
		expect(dataOf(asked)).toMatchObject({ intent: 'generate', confirm: true })
		expect(await titles()).toEqual(before)

		expect(statusOf(await post({ intent: 'generate', replace: 'yes' }))).toBe(302)
		expect(await titles()).not.toContain('Round of wins')
		expect(await titles()).toHaveLength(7)

		const meeting = await db.meeting.create({ data: { cycleId, startedById: g.mona.id } })
		const access = await accessOf(g.mona, cycleId)
		expect(await generateAgenda(access, { replace: true })).toEqual({ ok: false, reason: 'meeting-live' })
		expect(await titles()).toHaveLength(7)
		// Ended, the meeting's notes still hang on its items: the agenda stays.
		await db.meeting.update({ where: { id: meeting.id }, data: { status: 'ended', endedAt: new Date() } })
		expect(await generateAgenda(access, { replace: true })).toEqual({ ok: false, reason: 'meeting-ended' })
		expect(await titles()).toHaveLength(7)
	})
})

describe('demo seed', () => {
	test('draws and annotates the agenda of a cycle once, ready for a meeting', async () => {
		const g = await groupOfSeven('D')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		await submit(cycle.id, g.alice, { blocker: 'cash_flow', ask: 'A banker' })
		await submit(cycle.id, g.bob, { blocker: 'cash_flow' })
		await seedQuarterlyDashboard(cycle.id)
		const items = await listAgenda(cycle.id)
		expect(items.map((item) => item.kind)).toEqual(['blocker', 'hot_seat', 'ask', 'hot_seat', 'custom'])
		expect(items[0]).toMatchObject({ minutes: 20, note: expect.stringContaining('Named by Alice D, Bob D. Open with') })
		expect(items.at(-1)!.title).toBe('Commitments for next quarter')
		await seedQuarterlyDashboard(cycle.id)
		expect(await listAgenda(cycle.id)).toEqual(items)
	})
})

describe('the completion view’s live room', () => {
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
	afterAll(async () => {
		for (const socket of sockets.splice(0)) socket.disconnect()
		await realtime?.close()
		await new Promise((resolve) => httpServer?.close(resolve))
	})
	const open = async (userId: string) => {
		const socket = connectSocket(url, { cookie: await sessionCookieFor(userId) })
		sockets.push(socket)
		return connected(socket)
	}
	type Ack = { ok: boolean; error?: string }
	const join = (socket: Socket, cycleId: string) => socket.timeout(5000).emitWithAck('review-cycle:join', { cycleId }) as Promise<Ack>

	test('a moderator in the room hears a member submit and the recount shows it; members are kept out', async () => {
		const g = await groupOfSeven('L')
		const cycle = await makeCycle(g.group.id, g.mona.id, { quarter: '2026-Q4' })
		const moderator = await open(g.mona.id)
		const member = await open(g.alice.id)
		expect(await join(moderator, cycle.id)).toEqual({ ok: true })
		expect(await join(member, cycle.id)).toEqual({ ok: false, error: 'not_found' })
		let memberHeard = false
		member.on(QUARTERLY_EVENTS.completion, () => {
			memberHeard = true
		})

		const heard = nextEvent<CompletionEvent>(moderator, QUARTERLY_EVENTS.completion)
		// The member submits: the row is written, then the event published, as the update form does.
		await submit(cycle.id, g.bob, { revenue: 5 })
		realtime.publisher.toRoom(rooms.reviewCycle(cycle.id), QUARTERLY_EVENTS.completion, { cycleId: cycle.id, memberId: g.bob.id, status: 'submitted' })
		expect(await heard).toEqual({ cycleId: cycle.id, memberId: g.bob.id, status: 'submitted' })
		// What the page reloads on that event now counts Bob.
		const page = dataOf<{ completion: { counts: Record<string, number> } }>(
			await runRoute(dashboardLoader, {
				request: makeRequest(`/g/${g.group.slug}/reviews/${cycle.id}/dashboard`, { cookie: await sessionCookieFor(g.mona.id) }),
				params: { slug: g.group.slug, cycleId: cycle.id },
			}),
		)
		expect(page.completion.counts.submitted).toBe(1)
		// A round trip on the member's socket after the event: had it been sent to them, it would have arrived.
		await join(member, cycle.id)
		expect(memberHeard).toBe(false)
	})
})

// Who may open each page and do each action: every door × role, refusals 404/403, nothing written.
describe('privacy', () => {
	const ROLES = ['anonymous', 'member', 'moderator', 'otherModerator', 'admin'] as const satisfies readonly Role[]
	type R = (typeof ROLES)[number]
	type Outcome = 'ok' | 'login' | '403' | '404'
	type Ctx = { world: World; cookie: string | undefined; cycleId: string; draftCycleId: string; itemId: string }
	type Door = { door: string; fn: unknown; write: boolean; setup?: (c: Omit<Ctx, 'itemId' | 'cookie'>) => Promise<string | void>; run: (c: Ctx) => unknown; expect: string }
	const path = (c: Ctx, rest: string, cycleId = c.cycleId, slug = c.world.group.slug) => ({ url: `/g/${slug}/reviews/${cycleId}/${rest}`, params: { slug, cycleId } })
	const get = (fn: (args: never) => unknown, rest: string, pick?: (c: Ctx) => { cycleId?: string; slug?: string }) => (c: Ctx) => {
		const { url, params } = path(c, rest, pick?.(c).cycleId, pick?.(c).slug)
		return runRoute(fn as (args: never) => unknown, { request: makeRequest(url, { cookie: c.cookie }), params: params as never })
	}
	const post = (fn: (args: never) => unknown, rest: string, form: (c: Ctx) => Record<string, string>) => (c: Ctx) => {
		const { url, params } = path(c, rest)
		return runRoute(fn as (args: never) => unknown, { request: makeRequest(url, { cookie: c.cookie, form: form(c) }), params: params as never })
	}
	const freshItem = async (c: { cycleId: string }) =>
		(await db.agendaItem.create({ data: { cycleId: c.cycleId, position: 100, kind: 'custom', title: 'Fresh item' }, select: { id: true } })).id
	const resetReminder = async (c: { cycleId: string }) => {
		await db.reviewCycle.update({ where: { id: c.cycleId }, data: { lastRemindedAt: null } })
	}

	//                                                                                           anon  mem  mod  othMod admin
	// prettier-ignore
	const DOORS: Door[] = [
		{ door: 'GET dashboard', fn: dashboardLoader, write: false, run: get(dashboardLoader, 'dashboard'),                      expect: 'login 403  ok   404    404' },
		{ door: 'POST dashboard remind', fn: dashboardAction, write: true, setup: resetReminder,
			run: post(dashboardAction, 'dashboard', () => ({ intent: 'remind' })),                                              expect: 'login 403  ok   404    404' },
		{ door: 'GET numbers', fn: numbersLoader, write: false, run: get(numbersLoader, 'numbers'),                              expect: 'login ok   ok   404    404' },
		{ door: 'GET numbers of a draft cycle', fn: numbersLoader, write: false, run: get(numbersLoader, 'numbers', (c) => ({ cycleId: c.draftCycleId })), expect: 'login 404  ok   404    404' },
		{ door: 'GET numbers under another group’s address', fn: numbersLoader, write: false, run: get(numbersLoader, 'numbers', (c) => ({ slug: c.world.otherGroup.slug })), expect: 'login 404  404  404    404' },
		{ door: 'GET agenda', fn: agendaLoader, write: false, run: get(agendaLoader, 'agenda'),                                  expect: 'login 403  ok   404    404' },
		{ door: 'POST agenda generate (replace)', fn: agendaAction, write: true,
			run: post(agendaAction, 'agenda', () => ({ intent: 'generate', replace: 'yes' })),                                 expect: 'login 403  ok   404    404' },
		{ door: 'POST agenda add', fn: agendaAction, write: true,
			run: post(agendaAction, 'agenda', () => ({ intent: 'add', title: 'Extra', minutes: '5' })),                        expect: 'login 403  ok   404    404' },
		{ door: 'POST agenda edit', fn: agendaAction, write: true, setup: freshItem,
			run: post(agendaAction, 'agenda', (c) => ({ intent: 'edit', itemId: c.itemId, note: 'Annotated', minutes: '7' })),  expect: 'login 403  ok   404    404' },
		{ door: 'POST agenda move', fn: agendaAction, write: true, setup: freshItem,
			run: post(agendaAction, 'agenda', (c) => ({ intent: 'move', itemId: c.itemId, direction: 'up' })),                 expect: 'login 403  ok   404    404' },
		{ door: 'POST agenda remove', fn: agendaAction, write: true, setup: freshItem,
			run: post(agendaAction, 'agenda', (c) => ({ intent: 'remove', itemId: c.itemId })),                                expect: 'login 403  ok   404    404' },
		{ door: 'GET export.csv', fn: exportLoader, write: false, run: get(exportLoader, 'export.csv'),                          expect: 'login 403  ok   404    404' },
		{ door: 'GET print', fn: printLoader, write: false, run: get(printLoader, 'print'),                                      expect: 'login 403  ok   404    404' },
	]

	let world: World
	let cycleId: string
	let draftCycleId: string
	beforeAll(async () => {
		world = await buildWorld()
		// Group A's cycle for these doors (the world's own has a running meeting): moderators-only
		// updates, Alice's submitted, Bob's draft; and a cycle still in draft.
		cycleId = (await makeCycle(world.group.id, world.people.mona.id, { quarter: '2027-Q1', visibility: 'moderators' })).id
		await submit(cycleId, world.people.alice, { revenue: 1_000_000, blocker: 'sales', ask: 'Pricing advice' })
		await submit(cycleId, world.people.bob, { revenue: 2 }, 'draft')
		draftCycleId = (await makeCycle(world.group.id, world.people.mona.id, { quarter: '2027-Q2', status: 'draft' })).id
	})

	const expected = (row: string) => {
		const parts = row.trim().split(/\s+/)
		if (parts.length !== ROLES.length) throw new Error(`"${row}" has ${parts.length} answers`)
		return Object.fromEntries(ROLES.map((role, i) => [role, parts[i] as Outcome])) as Record<R, Outcome>
	}

	function classify(result: unknown, door: Door, wrote: boolean): string {
		const status = statusOf(result)
		if (status >= 300 && status < 400) {
			const location = result instanceof Response ? (result.headers.get('location') ?? '') : ''
			if (location.startsWith('/login')) return 'login'
			return door.write && wrote ? 'ok' : `redirect to ${location}${door.write ? ' without a write' : ''}`
		}
		if (status >= 400) return String(status)
		return door.write ? `${status} (expected a redirect)` : 'ok'
	}

	describe.each(DOORS.map((door) => [door.door, door] as const))('%s', (_name, door) => {
		test.each(ROLES.map((role) => [role] as const))('as %s', async (role) => {
			const actor = await actorFor(world, role)
			const itemId = (await door.setup?.({ world, cycleId, draftCycleId })) ?? ''
			const before = door.write ? await databaseDigest() : null
			const result = await settle(Promise.resolve(door.run({ world, cookie: actor?.cookie, cycleId, draftCycleId, itemId })))
			const changed = before ? changedTables(before, await databaseDigest()) : []
			const actual = classify(result, door, changed.length > 0)
			const refused = ['login', '403', '404'].includes(actual)
			expect(refused && changed.length > 0 ? `${actual} but wrote ${changed.join(', ')}` : actual, `${door.door} as ${role}`).toBe(expected(door.expect)[role])
		})
	})

	test('the table covers every loader and action of the dashboard’s pages', async () => {
		const mine = (await listRoutes()).filter((route) => /^routes\/quarterly\/(dashboard|numbers|agenda|export-csv|print)\./.test(route.file))
		expect(mine).toHaveLength(5)
		const missing = mine.flatMap((route) => [route.loader, route.action].filter((fn) => fn && !DOORS.some((door) => door.fn === fn)).map(() => route.file))
		expect(missing).toEqual([])
	})
})
