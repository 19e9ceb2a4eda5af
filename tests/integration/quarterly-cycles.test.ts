// Review cycles: the lifecycle with a fixed clock (draft → open → due → closed, by the scheduler
// and by hand), the forms' validation, an update refused once the cycle has closed, and who may
// open every page and action of cycles (app/modules/quarterly/access.server.ts): the group's
// members and moderators as the rule says; a moderator of another group, a site admin and a
// signed-out visitor never (404, or the log-in page), and a refused request changes nothing.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runJobs } from '#app/modules/scheduler/scheduler.server.ts'
import { cycleSchedulerJob } from '#app/modules/quarterly/cycle-scheduler.server.ts'
import { createCycle, getCycle } from '#app/modules/quarterly/cycles.server.ts'
import { cyclePhase } from '#app/modules/quarterly/lifecycle.ts'
import { QuarterlyError } from '#app/modules/quarterly/quarterly-error.ts'
import { DEFAULT_QUESTIONS, QUESTION_LIMITS } from '#app/modules/quarterly/questions.ts'
import { QUARTERLY_CYCLE } from '#app/modules/quarterly/subjects.server.ts'
import { getOwnUpdate, saveUpdate } from '#app/modules/quarterly/submissions.server.ts'
import { listNotifications } from '#app/modules/notifications/notifications.server.ts'
import { action as cycleAction, loader as cycleLoader } from '#app/routes/quarterly/cycle.tsx'
import { action as draftAction } from '#app/routes/quarterly/draft.ts'
import { action as editAction, loader as editLoader } from '#app/routes/quarterly/edit-cycle.tsx'
import { action as newAction, loader as newLoader } from '#app/routes/quarterly/new-cycle.tsx'
import { loader as reviewsLoader } from '#app/routes/quarterly/reviews.tsx'
import { loader as updateLoader } from '#app/routes/quarterly/update.tsx'
import { db } from '#app/utils/db.server.ts'
import { QUARTERLY_EVENTS, type CompletionEvent } from '#app/modules/quarterly/events.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { createGroupWith, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'
import { listRoutes } from '#tests/route-list.ts'
import { connected, connectSocket, nextEvent } from '#tests/running-server.ts'
import { actorFor, addThread, buildWorld, type World } from '#tests/world.ts'

const at = (iso: string) => new Date(iso)
const tick = (now: Date) => runJobs([cycleSchedulerJob], { now, realtime: offlinePublisher })
const FULL_ANSWERS = { 'answers.revenue': '1200000', 'answers.gross_margin': '41.5', 'answers.recurring_revenue': '62', 'answers.cash_days': '90', 'answers.headcount': '14', 'answers.blocker': 'sales', 'answers.wins': 'Two new clients.' }

let quarterCounter = 0
/** A quarter no other cycle of the group has (far enough ahead that no clock here reaches it). */
const freshQuarter = () => {
	quarterCounter += 1
	return `${2040 + Math.floor(quarterCounter / 4)}-Q${(quarterCounter % 4) + 1}`
}

describe('the lifecycle, with a fixed clock', () => {
	test('a draft opens on its day and tells the members, is due on its due day, closes after it; an update is refused once closed', async () => {
		const mona = await createUser({ name: 'Mona Lifecycle' })
		const ann = await createUser({ name: 'Ann Lifecycle' })
		const ben = await createUser({ name: 'Ben Lifecycle' })
		const group = await createGroupWith({ moderator: mona, members: [ann, ben] })
		const { id } = await createCycle(group.id, mona.id, { quarter: '2026-Q3', opensOn: '2026-07-06', dueOn: '2026-07-20', visibility: 'group' })
		const status = async () => (await db.reviewCycle.findUniqueOrThrow({ where: { id }, select: { status: true } })).status
		const notified = async (userId: string) =>
			(await listNotifications(userId, 1)).rows.filter((row) => row.link.href.endsWith(`/reviews/${id}`)).length

		// A draft: the questions are the default ones, and only moderators see it.
		expect((await getCycle(id))?.questions).toEqual(DEFAULT_QUESTIONS)
		await tick(at('2026-07-05T23:59:00Z'))
		expect(await status()).toBe('draft')
		expect(await notified(ann.id)).toBe(0)
		await expect(saveUpdate({ cycleId: id, memberId: ann.id, input: {}, mode: 'draft', now: at('2026-07-05T23:59:00Z'), realtime: offlinePublisher })).rejects.toThrow('not open yet')

		// Its opening day: open, and each member is told once, however often the job runs.
		await tick(at('2026-07-06T00:01:00Z'))
		await tick(at('2026-07-06T00:06:00Z'))
		expect(await status()).toBe('open')
		expect([await notified(ann.id), await notified(ben.id)]).toEqual([1, 1])
		expect(await db.notification.count({ where: { subjectKind: QUARTERLY_CYCLE, subjectId: id } })).toBe(3)

		// Ann drafts, then submits on the due day: still open that whole day.
		await saveUpdate({ cycleId: id, memberId: ann.id, input: { answers: { wins: 'A good quarter' } }, mode: 'draft', now: at('2026-07-10T10:00:00Z'), realtime: offlinePublisher })
		expect((await getOwnUpdate(id, ann.id))?.status).toBe('draft')
		const cycle = (await getCycle(id))!
		expect(cyclePhase(cycle, at('2026-07-19T12:00:00Z'))).toBe('open')
		expect(cyclePhase(cycle, at('2026-07-20T12:00:00Z'))).toBe('due')
		await saveUpdate({ cycleId: id, memberId: ann.id, input: { answers: { revenue: 10, blocker: 'sales', wins: 'A good quarter' } }, mode: 'submit', now: at('2026-07-20T23:00:00Z'), realtime: offlinePublisher })
		await tick(at('2026-07-20T23:59:59Z'))
		expect(await status()).toBe('open')

		// The due day is over: until the job runs the date already refuses edits, then it closes.
		const late = saveUpdate({ cycleId: id, memberId: ann.id, input: { answers: { revenue: 11, blocker: 'sales' } }, mode: 'submit', now: at('2026-07-21T00:00:01Z'), realtime: offlinePublisher })
		await expect(late).rejects.toThrow(QuarterlyError)
		await expect(late).rejects.toThrow('closed after 20 Jul 2026: updates can no longer be changed')
		await tick(at('2026-07-21T00:02:00Z'))
		expect(await status()).toBe('closed')
		expect(cyclePhase((await getCycle(id))!, at('2026-07-21T00:02:00Z'))).toBe('closed')
		expect((await getOwnUpdate(id, ann.id))?.answers).toEqual({ revenue: 10, blocker: 'sales', wins: 'A good quarter' })
		// Nobody is told twice: the later runs found no draft to open.
		expect(await db.notification.count({ where: { subjectKind: QUARTERLY_CYCLE, subjectId: id } })).toBe(3)
		// A member who leaves the group no longer sees what they were told about its cycle.
		await db.membership.delete({ where: { userId_groupId: { userId: ben.id, groupId: group.id } } })
		expect([await notified(ann.id), await notified(ben.id)]).toEqual([1, 0])
	})

	test('a moderator opens by hand before the day, and the scheduler does not open or notify it again', async () => {
		const mona = await createUser({ name: 'Mona Early' })
		const ann = await createUser({ name: 'Ann Early' })
		const group = await createGroupWith({ moderator: mona, members: [ann] })
		const { id } = await createCycle(group.id, mona.id, { quarter: '2026-Q3', opensOn: '2026-08-01', dueOn: '2026-08-15', visibility: 'group' })
		const cookie = await sessionCookieFor(mona.id)
		const result = await settle(runRoute(cycleAction, { request: makeRequest(`/g/${group.slug}/reviews/${id}`, { cookie, form: { intent: 'open' } }), params: { slug: group.slug, cycleId: id } }))
		expect(statusOf(result)).toBe(302)
		await tick(at('2026-08-01T00:10:00Z'))
		// Ann, not the moderator who opened it, was told, once.
		expect(await db.notification.findMany({ where: { subjectKind: QUARTERLY_CYCLE, subjectId: id }, select: { userId: true } })).toEqual([{ userId: ann.id }])
		// Closing by hand: refused a second time with a message.
		const close = () => settle(runRoute(cycleAction, { request: makeRequest(`/g/${group.slug}/reviews/${id}`, { cookie, form: { intent: 'close' } }), params: { slug: group.slug, cycleId: id } }))
		expect(statusOf(await close())).toBe(302)
		const again = await close()
		expect(statusOf(again)).toBe(400)
		expect(dataOf<{ error: string }>(again).error).toBe('This cycle is not open')
	})
})

describe('validation', () => {
	let slug: string
	let groupId: string
	let monaCookie: string
	let annCookie: string
	let ann: { id: string }
	let openCycleId: string

	beforeAll(async () => {
		const mona = await createUser({ name: 'Mona Forms' })
		ann = await createUser({ name: 'Ann Forms' })
		const group = await createGroupWith({ moderator: mona, members: [ann] })
		slug = group.slug
		groupId = group.id
		monaCookie = await sessionCookieFor(mona.id)
		annCookie = await sessionCookieFor(ann.id)
		openCycleId = (await db.reviewCycle.create({
			data: { groupId, quarter: '2026-Q4', opensOn: at('2026-10-01'), dueOn: at('2099-12-31'), status: 'open', questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: mona.id },
		})).id
	})

	const create = (form: Record<string, string>) =>
		settle(runRoute(newAction, { request: makeRequest(`/g/${slug}/reviews/new`, { cookie: monaCookie, form }), params: { slug } }))
	const errorsOf = (result: unknown) => dataOf<{ result: { error?: Record<string, string[] | null> } }>(result).result.error ?? {}

	/** Runs a refused request and proves that it changed nothing. */
	async function refused(work: () => Promise<unknown>) {
		const before = await databaseDigest()
		const result = await work()
		expect(changedTables(before, await databaseDigest())).toEqual([])
		expect(statusOf(result)).toBe(400)
		return errorsOf(result)
	}

	test.each([
		['a quarter not written as 2026-Q4', { quarter: 'Q4 2026', opensOn: '2026-10-01', dueOn: '2026-10-15', visibility: 'group' }, 'quarter', 'Write the quarter as year and quarter, e.g. 2026-Q4'],
		['a due day before the opening day', { quarter: '2027-Q1', opensOn: '2027-01-15', dueOn: '2027-01-10', visibility: 'group' }, 'dueOn', 'The due day cannot come before the day it opens'],
		['a day that does not exist', { quarter: '2027-Q1', opensOn: '2027-02-30', dueOn: '2027-03-10', visibility: 'group' }, 'opensOn', 'Give the day it opens as a date, e.g. 2026-10-01'],
		['an unknown visibility', { quarter: '2027-Q1', opensOn: '2027-01-01', dueOn: '2027-01-10', visibility: 'everyone' }, 'visibility', 'Choose who reads the updates'],
		['a second cycle for the same quarter', { quarter: '2026-Q4', opensOn: '2026-10-01', dueOn: '2026-10-15', visibility: 'group' }, 'quarter', 'This group already has a review cycle for 2026-Q4: open it from the list of reviews'],
	])('a new cycle with %s is refused with a message on its field', async (_name, form, field, message) => {
		expect((await refused(() => create(form)))[field]).toEqual([message])
	})

	test('a cycle asks at most the limit of questions', async () => {
		const questions = Array.from({ length: QUESTION_LIMITS.maxQuestions }, (_, i) => ({ id: `q${i}`, kind: 'text', label: `Question ${i}` }))
		const draft = await db.reviewCycle.create({ data: { groupId, quarter: freshQuarter(), opensOn: at('2099-01-01'), dueOn: at('2099-01-10'), questions: JSON.stringify(questions), createdById: ann.id } })
		const add = () => settle(runRoute(editAction, { request: makeRequest(`/g/${slug}/reviews/${draft.id}/edit`, { cookie: monaCookie, form: { intent: 'add-question', kind: 'text', label: 'One more' } }), params: { slug, cycleId: draft.id } }))
		const before = await databaseDigest()
		const result = await add()
		expect(statusOf(result)).toBe(400)
		expect(dataOf<{ result: { error: Record<string, string[]> } }>(result).result.error['']).toEqual([`A cycle asks at most ${QUESTION_LIMITS.maxQuestions} questions: remove one first`])
		expect(changedTables(before, await databaseDigest())).toEqual([])
	})

	test('questions are added, reordered, relabelled and removed while a draft, and kept as the group’s template for the next cycle', async () => {
		const page = await settle(runRoute(newAction, { request: makeRequest(`/g/${slug}/reviews/new`, { cookie: monaCookie, form: { quarter: freshQuarter(), opensOn: '2099-02-01', dueOn: '2099-02-10', visibility: 'moderators' } }), params: { slug } }))
		const cycleId = (page as Response).headers.get('location')!.split('/')[4]!
		const edit = (form: Record<string, string>) => settle(runRoute(editAction, { request: makeRequest(`/g/${slug}/reviews/${cycleId}/edit`, { cookie: monaCookie, form }), params: { slug, cycleId } }))
		expect(statusOf(await edit({ intent: 'add-question', kind: 'text', label: 'Who should we meet?' }))).toBe(302)
		expect(statusOf(await edit({ intent: 'add-question', kind: 'metric', metric: 'revenue', label: 'Revenue again' }))).toBe(400)
		expect(statusOf(await edit({ intent: 'move-question', questionId: 'revenue', direction: 'down' }))).toBe(302)
		expect(statusOf(await edit({ intent: 'remove-question', questionId: 'headcount' }))).toBe(302)
		expect(statusOf(await edit({ intent: 'settings', 'settings.quarter': '2099-Q1', 'settings.opensOn': '2099-02-01', 'settings.dueOn': '2099-02-10', 'settings.visibility': 'group', 'labels.wins': 'Best moments' }))).toBe(302)
		const cycle = (await getCycle(cycleId))!
		expect(cycle.questions.map((q) => q.id).slice(0, 3)).toEqual(['gross_margin', 'revenue', 'recurring_revenue'])
		expect(cycle.questions.some((q) => q.id === 'headcount')).toBe(false)
		expect(cycle.questions.find((q) => q.id === 'wins')?.label).toBe('Best moments')
		expect(cycle.questions.at(-1)?.label).toBe('Who should we meet?')
		expect([cycle.quarter, cycle.visibility]).toEqual(['2099-Q1', 'group'])
		expect(statusOf(await edit({ intent: 'save-template' }))).toBe(302)
		const next = await createCycle(groupId, ann.id, { quarter: freshQuarter(), opensOn: '2099-05-01', dueOn: '2099-05-10', visibility: 'group' })
		expect((await getCycle(next.id))?.questions).toEqual(cycle.questions)
		// Once open, the questions no longer change.
		expect(statusOf(await edit({ intent: 'open' }))).toBe(302)
		const frozen = await edit({ intent: 'remove-question', questionId: 'wins' })
		expect(statusOf(frozen)).toBe(400)
		expect(dataOf<{ error: string }>(frozen).error).toBe('This cycle has opened: its dates and questions no longer change')
	})

	const post = (form: Record<string, string>, cookie = annCookie) =>
		settle(runRoute(cycleAction, { request: makeRequest(`/g/${slug}/reviews/${openCycleId}`, { cookie, form }), params: { slug, cycleId: openCycleId } }))

	test.each([
		['a key number that is not a number', { intent: 'save-draft', 'answers.revenue': 'a lot' }, 'answers.revenue', 'Revenue this quarter must be a number'],
		['a blocker not on the list', { intent: 'save-draft', 'answers.blocker': 'weather' }, 'answers.blocker', 'Your main blocker: choose one from the list'],
		['an answer over its length', { intent: 'save-draft', 'answers.wins': 'x'.repeat(QUESTION_LIMITS.answerMax + 1) }, 'answers.wins', ['“Wins” can be at most 5,000 characters']],
		['a submit without the key numbers', { intent: 'submit', 'answers.wins': 'Good' }, 'answers.revenue', 'Revenue this quarter: enter a number'],
		['a negative headcount', { ...FULL_ANSWERS, intent: 'submit', 'answers.headcount': '-2' }, 'answers.headcount', 'Headcount cannot be below 0'],
		['a lesson that is not the member’s', { ...FULL_ANSWERS, intent: 'submit', lessonThreadId: 'not-a-lesson' }, 'lessonThreadId', 'Link a lesson learned you wrote in this group’s forum this quarter'],
	])('an update with %s is refused with a message on its field', async (_name, form, field, message) => {
		const errors = await refused(() => post(form))
		expect(errors[field]).toEqual(Array.isArray(message) ? message : [message])
	})

	test('a draft is saved, submitted, changed; the autosave answers in JSON and refuses a submitted update', async () => {
		expect(statusOf(await post({ intent: 'save-draft', 'answers.wins': 'Half written' }))).toBe(302)
		const autosave = (form: Record<string, string>) => settle(runRoute(draftAction, { request: makeRequest(`/g/${slug}/reviews/${openCycleId}/draft`, { cookie: annCookie, form }), params: { slug, cycleId: openCycleId } }))
		const saved = await autosave({ 'answers.wins': 'Nearly written', 'answers.revenue': '5' })
		expect(dataOf<{ ok: boolean }>(saved).ok).toBe(true)
		expect((await getOwnUpdate(openCycleId, ann.id))?.answers).toEqual({ wins: 'Nearly written', revenue: 5 })
		const bad = await autosave({ 'answers.revenue': 'five' })
		expect([statusOf(bad), dataOf<{ error: string }>(bad).error]).toEqual([400, 'Revenue this quarter must be a number'])
		expect((await getOwnUpdate(openCycleId, ann.id))?.answers.revenue).toBe(5)
		expect(statusOf(await post({ ...FULL_ANSWERS, intent: 'submit' }))).toBe(302)
		const after = await autosave({ 'answers.wins': 'Rewritten' })
		expect([statusOf(after), dataOf<{ error: string }>(after).error]).toEqual([409, 'Your update is submitted: save changes to it with “Save changes”'])
		expect(statusOf(await post({ ...FULL_ANSWERS, intent: 'submit', 'answers.headcount': '15' }))).toBe(302)
		const own = await getOwnUpdate(openCycleId, ann.id)
		expect([own?.status, own?.answers.headcount, own?.answers.wins]).toEqual(['submitted', 15, 'Two new clients.'])
	})

	test('an edit after the cycle closed is refused with a clear message, and nothing changes', async () => {
		await db.reviewCycle.update({ where: { id: openCycleId }, data: { status: 'closed', closedAt: new Date() } })
		const before = await databaseDigest()
		const result = await post({ ...FULL_ANSWERS, intent: 'submit', 'answers.headcount': '99' })
		expect(statusOf(result)).toBe(400)
		expect(errorsOf(result)['']).toEqual(['The 2026-Q4 review closed after 31 Dec 2099: updates can no longer be changed'])
		expect(changedTables(before, await databaseDigest())).toEqual([])
		await db.reviewCycle.update({ where: { id: openCycleId }, data: { status: 'open', closedAt: null } })
	})

	test('a lesson the member wrote this quarter in the group’s forum is offered and linked; one of another quarter is not', async () => {
		const forum = await db.forum.findUniqueOrThrow({ where: { groupId }, select: { id: true } })
		const lesson = await addThread(forum.id, ann.id, { kind: 'lesson', title: 'Invoice on day one' })
		// The cycle's quarter decides which lessons count: this quarter's cycle offers this quarter's lessons.
		const now = new Date()
		const thisQuarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
		const current =
			(await db.reviewCycle.findUnique({ where: { groupId_quarter: { groupId, quarter: thisQuarter } }, select: { id: true } }))?.id ??
			(await db.reviewCycle.create({ data: { groupId, quarter: thisQuarter, opensOn: at('2020-01-01'), dueOn: at('2099-12-31'), status: 'open', questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: ann.id } })).id
		const farCycle = (await db.reviewCycle.create({ data: { groupId, quarter: freshQuarter(), opensOn: at('2020-01-01'), dueOn: at('2099-12-31'), status: 'open', questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: ann.id } })).id
		const lessonsOn = async (cycleId: string) =>
			dataOf<{ lessons: Array<{ id: string }> }>(await runRoute(cycleLoader, { request: makeRequest(`/g/${slug}/reviews/${cycleId}`, { cookie: annCookie }), params: { slug, cycleId } })).lessons.map((l) => l.id)
		expect(await lessonsOn(current)).toEqual([lesson.id])
		expect(await lessonsOn(farCycle)).toEqual([])
		const link = (cycleId: string) => settle(runRoute(cycleAction, { request: makeRequest(`/g/${slug}/reviews/${cycleId}`, { cookie: annCookie, form: { ...FULL_ANSWERS, intent: 'submit', lessonThreadId: lesson.id } }), params: { slug, cycleId } }))
		expect(statusOf(await link(farCycle))).toBe(400)
		expect(statusOf(await link(current))).toBe(302)
		expect((await getOwnUpdate(current, ann.id))?.lessonThreadId).toBe(lesson.id)
	})
})

// ---------------------------------------------------------------------------------------------
// Every page and action of cycles × the roles. Group A's open cycle (visible to the group, Alice's
// update submitted, Bob's a draft) and fresh cycles made per request for what changes them.
// ---------------------------------------------------------------------------------------------

const ROLES = ['anonymous', 'member', 'moderator', 'otherModerator', 'admin'] as const
type Role = (typeof ROLES)[number]
type Made = { cycleId: string; memberId: string }
type Door = {
	door: string
	write: boolean
	fn: unknown
	/** The cycle (and member) the request is about, made before the fingerprint. */
	setup: (world: World) => Promise<Made>
	run: (cookie: string | undefined, slug: string, made: Made) => Promise<unknown>
	expect: string
}

let world: World
const get = (path: string, cookie: string | undefined) => makeRequest(path, { cookie })
const send = (path: string, cookie: string | undefined, form: Record<string, string>) => makeRequest(path, { cookie, form })

async function cycleOf(w: World, status: 'draft' | 'open', visibility: 'group' | 'moderators' = 'group'): Promise<string> {
	const cycle = await db.reviewCycle.create({
		data: { groupId: w.group.id, quarter: freshQuarter(), opensOn: at(status === 'draft' ? '2099-01-01' : '2026-10-01'), dueOn: at('2099-12-31'), status, visibility, questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: w.people.mona.id },
		select: { id: true },
	})
	return cycle.id
}
const worldCycle = async (w: World): Promise<Made> => ({ cycleId: w.cycle.id, memberId: w.people.alice.id })
const draftCycle = async (w: World): Promise<Made> => ({ cycleId: await cycleOf(w, 'draft'), memberId: w.people.alice.id })
const openCycle = async (w: World): Promise<Made> => ({ cycleId: await cycleOf(w, 'open'), memberId: w.people.alice.id })
const moderatorsOnly = async (w: World): Promise<Made> => {
	const cycleId = await cycleOf(w, 'open', 'moderators')
	await db.reviewSubmission.create({ data: { cycleId, memberId: w.people.alice.id, status: 'submitted', submittedAt: new Date(), answers: '{"revenue":1}' } })
	return { cycleId, memberId: w.people.alice.id }
}
const bobsDraft = async (w: World): Promise<Made> => {
	await db.reviewSubmission.upsert({ where: { cycleId_memberId: { cycleId: w.cycle.id, memberId: w.people.bob.id } }, create: { cycleId: w.cycle.id, memberId: w.people.bob.id, answers: '{"wins":"private"}' }, update: {} })
	return { cycleId: w.cycle.id, memberId: w.people.bob.id }
}
const base = (slug: string, made: Made) => `/g/${slug}/reviews/${made.cycleId}`
const editIntent = (intent: string, form: Record<string, string> = {}): Door => ({
	door: `POST /reviews/:cycleId/edit ${intent} (draft)`, write: true, fn: editAction, setup: draftCycle,
	run: (cookie, slug, made) => runRoute(editAction, { request: send(`${base(slug, made)}/edit`, cookie, { intent, ...form }), params: { slug, cycleId: made.cycleId } }),
	expect: 'login 404 ok 404 404',
})

//                                                                            anon  member mod  othMod admin
// prettier-ignore
const DOORS: Door[] = [
	{ door: 'GET /reviews', write: false, fn: reviewsLoader, setup: worldCycle,
		run: (cookie, slug) => runRoute(reviewsLoader, { request: get(`/g/${slug}/reviews`, cookie), params: { slug } }),
		expect: 'login ok ok 404 404' },
	{ door: 'GET /reviews/new', write: false, fn: newLoader, setup: worldCycle,
		run: (cookie, slug) => runRoute(newLoader, { request: get(`/g/${slug}/reviews/new`, cookie), params: { slug } }),
		expect: 'login 403 ok 404 404' },
	{ door: 'POST /reviews/new', write: true, fn: newAction, setup: worldCycle,
		run: (cookie, slug) => runRoute(newAction, { request: send(`/g/${slug}/reviews/new`, cookie, { quarter: freshQuarter(), opensOn: '2099-03-01', dueOn: '2099-03-10', visibility: 'group' }), params: { slug } }),
		expect: 'login 403 ok 404 404' },
	{ door: 'GET /reviews/:cycleId (open)', write: false, fn: cycleLoader, setup: worldCycle,
		run: (cookie, slug, made) => runRoute(cycleLoader, { request: get(base(slug, made), cookie), params: { slug, cycleId: made.cycleId } }),
		expect: 'login ok ok 404 404' },
	{ door: 'GET /reviews/:cycleId (draft)', write: false, fn: cycleLoader, setup: draftCycle,
		run: (cookie, slug, made) => runRoute(cycleLoader, { request: get(base(slug, made), cookie), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 404 ok 404 404' },
	{ door: 'POST /reviews/:cycleId save-draft', write: true, fn: cycleAction, setup: worldCycle,
		run: (cookie, slug, made) => runRoute(cycleAction, { request: send(base(slug, made), cookie, { intent: 'save-draft', 'answers.wins': 'Half a thought' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login ok ok 404 404' },
	{ door: 'POST /reviews/:cycleId submit', write: true, fn: cycleAction, setup: worldCycle,
		run: (cookie, slug, made) => runRoute(cycleAction, { request: send(base(slug, made), cookie, { intent: 'submit', ...FULL_ANSWERS }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login ok ok 404 404' },
	{ door: 'POST /reviews/:cycleId submit (draft cycle)', write: true, fn: cycleAction, setup: draftCycle,
		run: (cookie, slug, made) => runRoute(cycleAction, { request: send(base(slug, made), cookie, { intent: 'submit', ...FULL_ANSWERS }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 404 400 404 404' },
	{ door: 'POST /reviews/:cycleId open (draft)', write: true, fn: cycleAction, setup: draftCycle,
		run: (cookie, slug, made) => runRoute(cycleAction, { request: send(base(slug, made), cookie, { intent: 'open' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 404 ok 404 404' },
	{ door: 'POST /reviews/:cycleId close (open)', write: true, fn: cycleAction, setup: openCycle,
		run: (cookie, slug, made) => runRoute(cycleAction, { request: send(base(slug, made), cookie, { intent: 'close' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 403 ok 404 404' },
	{ door: 'POST /reviews/:cycleId meeting-day (open)', write: true, fn: cycleAction, setup: openCycle,
		run: (cookie, slug, made) => runRoute(cycleAction, { request: send(base(slug, made), cookie, { intent: 'meeting-day', meetingOn: '2099-06-01', meetingPlace: 'Dallas' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 403 ok 404 404' },
	{ door: 'POST /reviews/:cycleId/draft (autosave)', write: true, fn: draftAction, setup: worldCycle,
		run: (cookie, slug, made) => runRoute(draftAction, { request: send(`${base(slug, made)}/draft`, cookie, { 'answers.wins': 'Typing…' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login ok ok 404 404' },
	{ door: 'POST /reviews/:cycleId/draft (autosave, draft cycle)', write: true, fn: draftAction, setup: draftCycle,
		run: (cookie, slug, made) => runRoute(draftAction, { request: send(`${base(slug, made)}/draft`, cookie, { 'answers.wins': 'Typing…' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 404 409 404 404' },
	{ door: 'GET /reviews/:cycleId/edit (draft)', write: false, fn: editLoader, setup: draftCycle,
		run: (cookie, slug, made) => runRoute(editLoader, { request: get(`${base(slug, made)}/edit`, cookie), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 404 ok 404 404' },
	{ door: 'GET /reviews/:cycleId/edit (open)', write: false, fn: editLoader, setup: worldCycle,
		run: (cookie, slug, made) => runRoute(editLoader, { request: get(`${base(slug, made)}/edit`, cookie), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 403 redirect 404 404' },
	editIntent('settings', { 'settings.quarter': '2099-Q4', 'settings.opensOn': '2099-01-01', 'settings.dueOn': '2099-01-31', 'settings.visibility': 'moderators', 'labels.wins': 'Highlights' }),
	editIntent('add-question', { kind: 'text', label: 'Anything else?' }),
	editIntent('remove-question', { questionId: 'wins' }),
	editIntent('move-question', { questionId: 'wins', direction: 'up' }),
	editIntent('save-template'),
	editIntent('open'),
	{ ...editIntent('remove-question'), door: 'POST /reviews/:cycleId/edit remove-question (open)', setup: worldCycle,
		run: (cookie, slug, made) => runRoute(editAction, { request: send(`${base(slug, made)}/edit`, cookie, { intent: 'remove-question', questionId: 'wins' }), params: { slug, cycleId: made.cycleId } }),
		expect: 'login 403 400 404 404' },
	{ door: 'GET /reviews/:cycleId/updates/:memberId (submitted, group)', write: false, fn: updateLoader, setup: worldCycle,
		run: (cookie, slug, made) => runRoute(updateLoader, { request: get(`${base(slug, made)}/updates/${made.memberId}`, cookie), params: { slug, cycleId: made.cycleId, memberId: made.memberId } }),
		expect: 'login ok ok 404 404' },
	{ door: 'GET /reviews/:cycleId/updates/:memberId (submitted, moderators only)', write: false, fn: updateLoader, setup: moderatorsOnly,
		run: (cookie, slug, made) => runRoute(updateLoader, { request: get(`${base(slug, made)}/updates/${made.memberId}`, cookie), params: { slug, cycleId: made.cycleId, memberId: made.memberId } }),
		expect: 'login 404 ok 404 404' },
	{ door: 'GET /reviews/:cycleId/updates/:memberId (someone’s draft)', write: false, fn: updateLoader, setup: bobsDraft,
		run: (cookie, slug, made) => runRoute(updateLoader, { request: get(`${base(slug, made)}/updates/${made.memberId}`, cookie), params: { slug, cycleId: made.cycleId, memberId: made.memberId } }),
		expect: 'login 404 404 404 404' },
]

function answers(row: string): Record<Role, string> {
	const parts = row.trim().split(/\s+/)
	if (parts.length !== ROLES.length) throw new Error(`"${row}" has ${parts.length} answers for ${ROLES.length} roles`)
	return Object.fromEntries(ROLES.map((role, i) => [role, parts[i]!])) as Record<Role, string>
}

function classify(result: unknown, door: Door, wrote: boolean): string {
	const status = statusOf(result)
	if (status >= 300 && status < 400) {
		const location = result instanceof Response ? (result.headers.get('location') ?? '') : ''
		if (location.startsWith('/login')) return 'login'
		if (!door.write) return 'redirect'
		return wrote ? 'ok' : 'redirect without a write'
	}
	if (status >= 400) return String(status)
	if (door.write) return wrote ? 'ok' : `${status} without a write`
	return 'ok'
}

describe('who may open every page and action of cycles', () => {
	beforeAll(async () => {
		world = await buildWorld()
	})

	describe.each(DOORS.map((door) => [door.door, door] as const))('%s', (_name, door) => {
		test.each(ROLES.map((role) => [role]))('as %s', async (role) => {
			const expected = answers(door.expect)[role]
			const actor = await actorFor(world, role)
			const made = await door.setup(world)
			const before = await databaseDigest()
			const result = await settle(Promise.resolve(door.run(actor?.cookie, world.group.slug, made)))
			const changed = changedTables(before, await databaseDigest())
			const actual = classify(result, door, changed.length > 0)
			const refused = !['ok', 'redirect'].includes(actual)
			expect(refused && changed.length > 0 ? `${actual} but wrote ${changed.join(', ')}` : actual, `${door.door} as ${role}`).toBe(expected)
		})
	})

	test('a cycle under another group’s address is not found, even for that group’s moderator', async () => {
		const cookie = await sessionCookieFor(world.people.olga.id)
		const result = await settle(runRoute(cycleLoader, { request: get(`/g/${world.otherGroup.slug}/reviews/${world.cycle.id}`, cookie), params: { slug: world.otherGroup.slug, cycleId: world.cycle.id } }))
		expect(statusOf(result)).toBe(404)
	})

	test('the cycle page lists exactly the updates the viewer may read', async () => {
		const { alice, bob, mona } = world.people
		const shared = await cycleOf(world, 'open')
		await db.reviewSubmission.createMany({
			data: [
				{ cycleId: shared, memberId: alice.id, status: 'submitted', submittedAt: new Date() },
				{ cycleId: shared, memberId: bob.id, status: 'draft' },
			],
		})
		const listed = async (userId: string, cycleId = shared) => {
			const page = await runRoute(cycleLoader, { request: get(`/g/${world.group.slug}/reviews/${cycleId}`, await sessionCookieFor(userId)), params: { slug: world.group.slug, cycleId } })
			return dataOf<{ updates: Array<{ memberId: string }> }>(page).updates.map((u) => u.memberId).sort()
		}
		expect(await listed(bob.id)).toEqual([alice.id, bob.id].sort())
		expect(await listed(mona.id)).toEqual([alice.id])
		const hidden = await moderatorsOnly(world)
		expect(await listed(bob.id, hidden.cycleId)).toEqual([])
		expect(await listed(alice.id, hidden.cycleId)).toEqual([alice.id])
		expect(await listed(mona.id, hidden.cycleId)).toEqual([alice.id])
	})

	test('the table covers every loader and action of the cycles pages', async () => {
		const mine = ['routes/quarterly/reviews.tsx', 'routes/quarterly/new-cycle.tsx', 'routes/quarterly/cycle.tsx', 'routes/quarterly/edit-cycle.tsx', 'routes/quarterly/draft.ts', 'routes/quarterly/update.tsx']
		const routes = (await listRoutes()).filter((route) => mine.includes(route.file))
		expect(routes).toHaveLength(mine.length)
		const missing = routes.flatMap((route) => [route.loader, route.action].filter((fn) => fn && !DOORS.some((door) => door.fn === fn)).map(() => route.file))
		expect(missing).toEqual([])
		expect(DOORS.every((door) => answers(door.expect).anonymous === 'login' && answers(door.expect).otherModerator === '404' && answers(door.expect).admin === '404')).toBe(true)
	})
})

describe('the completion view hears of updates live', () => {
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

	test('a moderator in the cycle’s room hears a member’s draft and submit; a member is refused the room and hears nothing', async () => {
		const mona = await createUser({ name: 'Mona Live' })
		const ann = await createUser({ name: 'Ann Live' })
		const ben = await createUser({ name: 'Ben Live' })
		const group = await createGroupWith({ moderator: mona, members: [ann, ben] })
		const { id: cycleId } = await createCycle(group.id, mona.id, { quarter: '2026-Q4', opensOn: '2026-10-01', dueOn: '2099-12-31', visibility: 'group' })
		await db.reviewCycle.update({ where: { id: cycleId }, data: { status: 'open' } })
		const open = async (userId: string) => {
			const socket = connectSocket(url, { cookie: await sessionCookieFor(userId) })
			sockets.push(socket)
			return connected(socket)
		}
		const join = (socket: Socket) => socket.timeout(5000).emitWithAck('review-cycle:join', { cycleId }) as Promise<{ ok: boolean; error?: string }>
		const moderator = await open(mona.id)
		const member = await open(ben.id)
		expect(await join(moderator)).toEqual({ ok: true })
		expect(await join(member)).toEqual({ ok: false, error: 'not_found' })
		const heardByMember: CompletionEvent[] = []
		member.on(QUARTERLY_EVENTS.completion, (event: CompletionEvent) => heardByMember.push(event))

		const context = { clientIp: '10.0.0.9', realtime: realtime.publisher }
		const annCookie = await sessionCookieFor(ann.id)
		const post = (form: Record<string, string>) => runRoute(cycleAction, { request: makeRequest(`/g/${group.slug}/reviews/${cycleId}`, { cookie: annCookie, form }), params: { slug: group.slug, cycleId }, context })
		const drafted = nextEvent<CompletionEvent>(moderator, QUARTERLY_EVENTS.completion)
		await post({ intent: 'save-draft', 'answers.wins': 'Typing' })
		expect(await drafted).toEqual({ cycleId, memberId: ann.id, status: 'draft' })
		const submitted = nextEvent<CompletionEvent>(moderator, QUARTERLY_EVENTS.completion)
		await post({ intent: 'submit', ...FULL_ANSWERS })
		expect(await submitted).toEqual({ cycleId, memberId: ann.id, status: 'submitted' })
		// A round trip on the member's socket: anything sent to it has arrived by the answer.
		await join(member)
		expect(heardByMember).toEqual([])
	})
})
