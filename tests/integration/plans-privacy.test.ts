// Who may open a plan: every loader and action of the plans pages, for every role a person can
// stand in to the plan's owner, on a plan not shared and on one shared with moderators. The rule
// is app/modules/plans/access.server.ts: the owner changes; accepted buddies, and moderators of the
// owner's groups when the plan is shared, read; everyone else gets 404 as if the plan did not exist
// (writes too, and a refused write changes nothing); a signed-out visitor is sent to log in.
// The same rule answers search (is the goal found?), notifications (is a notice of a check-in still
// listed?) and the plan's live room (may one join it?).
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addGoal } from '#app/modules/plans/goals.server.ts'
import { startPlan, updatePlanSettings } from '#app/modules/plans/plans.server.ts'
import { action as editAction, loader as editLoader } from '#app/routes/plans/edit.tsx'
import { action as goalAction, loader as goalLoader } from '#app/routes/plans/goal.tsx'
import { action as planAction, loader as planLoader } from '#app/routes/plans/plan.tsx'
import { action as plansAction, loader as plansLoader } from '#app/routes/plans/plans.tsx'
import { loader as exportLoader } from '#app/routes/plans/export-csv.ts'
import { action as checkInAction, loader as checkInLoader } from '#app/routes/plans/check-in.tsx'
import { action as nudgeAction } from '#app/routes/plans/nudge.ts'
import { action as reviewAction, loader as reviewLoader } from '#app/routes/plans/review.tsx'
import { PLAN_CHECK_IN } from '#app/modules/plans/subjects.server.ts'
import { loader as notificationsLoader } from '#app/routes/notifications.tsx'
import { loader as searchLoader } from '#app/routes/search.tsx'
import { db } from '#app/utils/db.server.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { listRoutes } from '#tests/route-list.ts'
import { connected, connectSocket } from '#tests/running-server.ts'
import { createGroupWith, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'

const ROLES = ['owner', 'buddy', 'pending', 'declined', 'ended', 'member', 'moderator', 'admin', 'anonymous'] as const
type Role = (typeof ROLES)[number]
const SUBJECTS = ['private', 'shared'] as const
type SubjectName = (typeof SUBJECTS)[number]
// ok: served, or written (an action: a redirect and a change); listed / - : the plan (or, in a
// search, its goal) is or is not on the list; refused: a socket without a session is not let in.
type Outcome = 'ok' | 'listed' | '-' | '404' | 'login' | 'refused'

// lastYearPlanId: the owner's plan of the year before, shared or not like planId, for carrying goals over.
// word: a word only this plan's goal holds, for search.
type Subject = { planId: string; goalId: string; lastYearPlanId: string; word: string }
type Call = { role: Role; cookie: string | undefined; subject: Subject; name: SubjectName; freshGoal: () => Promise<string>; freshCheckIn: () => Promise<string> }
type Door = { door: string; write: boolean; fn: unknown; setup?: (subject: Subject) => Promise<unknown>; run: (call: Call) => Promise<unknown>; expect: Record<SubjectName, string> }

const year = new Date().getUTCFullYear()
const goalForm = { title: 'Open a second office', area: 'operations', measure: 'milestone', dueQuarter: '3' }
const post = (path: string, cookie: string | undefined, form: Record<string, string>) => makeRequest(path, { cookie, form })
const get = (path: string, cookie: string | undefined) => makeRequest(path, { cookie })

//                                               owner  buddy  pend  decl  ended member mod   admin anon
// prettier-ignore
const DOORS: Door[] = [
	{ door: 'GET /plans (the owner’s plan listed?)', write: false, fn: plansLoader,
		run: ({ cookie }) => runRoute(plansLoader, { request: get('/plans', cookie) }),
		expect: { private: 'listed -      -     -     -     -      -     -     login',
		          shared:  'listed -      -     -     -     -      -     -     login' } },
	{ door: 'POST /plans (start one’s own plan)', write: true, fn: plansAction,
		run: ({ cookie, name }) => runRoute(plansAction, { request: post('/plans', cookie, { year: String(year), kind: name === 'private' ? 'life' : 'legacy' }) }),
		expect: { private: 'ok     ok     ok    ok    ok    ok     ok    ok    login',
		          shared:  'ok     ok     ok    ok    ok    ok     ok    ok    login' } },
	{ door: 'GET /plans/:planId', write: false, fn: planLoader,
		run: ({ cookie, subject }) => runRoute(planLoader, { request: get(`/plans/${subject.planId}`, cookie), params: { planId: subject.planId } }),
		expect: { private: 'ok     ok     404   404   404   404    404   404   login',
		          shared:  'ok     ok     404   404   404   404    ok    404   login' } },
	{ door: 'POST /plans/:planId add-goal', write: true, fn: planAction,
		run: ({ cookie, subject }) => runRoute(planAction, { request: post(`/plans/${subject.planId}`, cookie, { intent: 'add-goal', ...goalForm }), params: { planId: subject.planId } }),
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	{ door: 'POST /plans/:planId check-in', write: true, fn: planAction,
		run: ({ cookie, subject }) => runRoute(planAction, { request: post(`/plans/${subject.planId}`, cookie, { intent: 'check-in', goalId: subject.goalId, value: '12', status: 'on_track' }), params: { planId: subject.planId } }),
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	{ door: 'POST /plans/:planId move-goal', write: true, fn: planAction,
		run: async ({ cookie, subject, freshGoal }) => {
			const goalId = await freshGoal()
			return runRoute(planAction, { request: post(`/plans/${subject.planId}`, cookie, { intent: 'move-goal', goalId, direction: 'up' }), params: { planId: subject.planId } })
		},
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	{ door: 'GET /plans/:planId/goals/:goalId', write: false, fn: goalLoader,
		run: ({ cookie, subject }) => runRoute(goalLoader, { request: get(`/plans/${subject.planId}/goals/${subject.goalId}`, cookie), params: { planId: subject.planId, goalId: subject.goalId } }),
		expect: { private: 'ok     ok     404   404   404   404    404   404   login',
		          shared:  'ok     ok     404   404   404   404    ok    404   login' } },
	...(['check-in', 'edit-goal', 'drop-goal'] as const).map((intent): Door => ({
		door: `POST /plans/:planId/goals/:goalId ${intent}`, write: true, fn: goalAction,
		run: async ({ cookie, subject, freshGoal }) => {
			const goalId = await freshGoal()
			const form: Record<string, string> = intent === 'check-in' ? { done: 'on', status: 'on_track' } : intent === 'edit-goal' ? { ...goalForm, title: 'Renamed' } : { reason: 'No longer needed' }
			return runRoute(goalAction, { request: post(`/plans/${subject.planId}/goals/${goalId}`, cookie, { intent, ...form }), params: { planId: subject.planId, goalId } })
		},
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' },
	})),
	{ door: 'GET /plans/:planId/edit', write: false, fn: editLoader,
		run: ({ cookie, subject }) => runRoute(editLoader, { request: get(`/plans/${subject.planId}/edit`, cookie), params: { planId: subject.planId } }),
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	{ door: 'POST /plans/:planId/edit', write: true, fn: editAction,
		// The form keeps the plan's sharing as it is, so the owner's save changes the theme word only.
		run: ({ cookie, subject, name }) =>
			runRoute(editAction, {
				request: post(`/plans/${subject.planId}/edit`, cookie, { themeWord: `Word ${Math.random().toString(36).slice(2, 8)}`, reminderCadence: 'monthly', ...(name === 'shared' ? { sharedWithModerators: 'on' } : {}) }),
				params: { planId: subject.planId },
			}),
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	{ door: 'GET /plans/:planId/review', write: false, fn: reviewLoader,
		run: ({ cookie, subject }) => runRoute(reviewLoader, { request: get(`/plans/${subject.planId}/review`, cookie), params: { planId: subject.planId } }),
		expect: { private: 'ok     ok     404   404   404   404    404   404   login',
		          shared:  'ok     ok     404   404   404   404    ok    404   login' } },
	{ door: 'POST /plans/:planId/review closing-note', write: true, fn: reviewAction,
		run: async ({ cookie, subject, freshGoal }) => {
			const goalId = await freshGoal()
			return runRoute(reviewAction, { request: post(`/plans/${subject.planId}/review`, cookie, { intent: 'closing-note', goalId, note: 'Nearly there' }), params: { planId: subject.planId } })
		},
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	{ door: 'POST /plans/:planId/review carry (last year’s plan)', write: true, fn: reviewAction,
		// A new unfinished goal each time, so the owner's carry has something to copy.
		setup: (subject) => db.goal.create({ data: { planId: subject.lastYearPlanId, position: 1, title: `Unfinished ${Math.random()}`, area: 'other', measure: 'milestone', dueQuarter: 4 } }),
		run: ({ cookie, subject }) => {
			return runRoute(reviewAction, { request: post(`/plans/${subject.lastYearPlanId}/review`, cookie, { intent: 'carry' }), params: { planId: subject.lastYearPlanId } })
		},
		expect: { private: 'ok     404    404   404   404   404    404   404   login',
		          shared:  'ok     404    404   404   404   404    404   404   login' } },
	// The buddies' doors: a check-in's page, its verdicts and comments, and nudging a quiet goal.
	{ door: 'GET /plans/:planId/check-ins/:checkInId', write: false, fn: checkInLoader,
		run: async ({ cookie, subject, freshCheckIn }) => {
			const checkInId = await freshCheckIn()
			return runRoute(checkInLoader, { request: get(`/plans/${subject.planId}/check-ins/${checkInId}`, cookie), params: { planId: subject.planId, checkInId } })
		},
		expect: { private: 'ok     ok     404   404   404   404    404   404   login',
		          shared:  'ok     ok     404   404   404   404    ok    404   login' } },
	...([['review', { verdict: 'confirmed' }], ['comment', { body: 'Well done.' }]] as const).map(([intent, form]): Door => ({
		door: `POST /plans/:planId/check-ins/:checkInId ${intent}`, write: true, fn: checkInAction,
		run: async ({ cookie, subject, freshCheckIn }) => {
			const checkInId = await freshCheckIn()
			return runRoute(checkInAction, { request: post(`/plans/${subject.planId}/check-ins/${checkInId}`, cookie, { intent, ...form }), params: { planId: subject.planId, checkInId } })
		},
		expect: intent === 'review'
			? { private: '404    ok     404   404   404   404    404   404   login',
			    shared:  '404    ok     404   404   404   404    404   404   login' }
			: { private: 'ok     ok     404   404   404   404    404   404   login',
			    shared:  'ok     ok     404   404   404   404    404   404   login' },
	})),
	{ door: 'POST /plans/:planId/goals/:goalId/nudge', write: true, fn: nudgeAction,
		run: async ({ cookie, subject, freshGoal }) => {
			const goalId = await freshGoal()
			return runRoute(nudgeAction, { request: post(`/plans/${subject.planId}/goals/${goalId}/nudge`, cookie, {}), params: { planId: subject.planId, goalId } })
		},
		expect: { private: '404    ok     404   404   404   404    404   404   login',
		          shared:  '404    ok     404   404   404   404    404   404   login' } },
	{ door: 'GET /plans/:planId/export.csv', write: false, fn: exportLoader,
		run: ({ cookie, subject }) => runRoute(exportLoader, { request: get(`/plans/${subject.planId}/export.csv`, cookie), params: { planId: subject.planId } }),
		expect: { private: 'ok     ok     404   404   404   404    404   404   login',
		          shared:  'ok     ok     404   404   404   404    ok    404   login' } },
	{ door: 'GET /search?q=<a word of the goal> (the goal found?)', write: false, fn: searchLoader,
		run: async ({ cookie, subject }) => {
			const result = await runRoute(searchLoader, { request: get(`/search?q=${subject.word}`, cookie) })
			if (statusOf(result) !== 200) return result
			const hrefs = dataOf<{ search: { results: Array<{ type: string; href?: string }> } | null }>(result).search?.results.map((r) => r.href) ?? []
			return hrefs.includes(`/plans/${subject.planId}/goals/${subject.goalId}`) ? 'listed' : '-'
		},
		expect: { private: 'listed listed -     -     -     -      -     -     login',
		          shared:  'listed listed -     -     -     -      listed -     login' } },
	{ door: 'GET /notifications (a notice of a check-in listed?)', write: false, fn: notificationsLoader,
		run: async ({ role, cookie, name }) => {
			const result = await runRoute(notificationsLoader, { request: get('/notifications', cookie) })
			if (statusOf(result) !== 200) return result
			const ids = dataOf<{ notifications: Array<{ id: string }> }>(result).notifications.map((n) => n.id)
			return ids.includes(notices[name][role] ?? '') ? 'listed' : '-'
		},
		expect: { private: 'listed listed -     -     -     -      -     -     login',
		          shared:  'listed listed -     -     -     -      listed -     login' } },
	{ door: 'socket plan:join (the plan’s live room)', write: false, fn: undefined,
		run: ({ cookie, subject }) => joinPlanRoom(cookie, subject.planId),
		expect: { private: 'ok     ok     404   404   404   404    404   404   refused',
		          shared:  'ok     ok     404   404   404   404    ok    404   refused' } },
]

// Everyone (but the anonymous visitor) was told of a check-in on each plan, as if access had once
// been theirs: the notifications list shows the notice only while the rule lets them see the plan.
let notices: Record<SubjectName, Partial<Record<Role, string>>>
let httpServer: HttpServer
let realtime: Realtime
let socketUrl: string

/** Joins the plan's room over a real socket: ok, 404 (refused as if no such plan), or refused (no session). */
async function joinPlanRoom(cookie: string | undefined, planId: string): Promise<Outcome> {
	const socket = connectSocket(socketUrl, cookie ? { cookie } : {})
	try {
		if (!cookie) {
			const error = await new Promise<Error | null>((resolve) => {
				socket.once('connect_error', resolve)
				socket.once('connect', () => resolve(null))
			})
			return error ? 'refused' : 'ok'
		}
		await connected(socket)
		const ack = (await socket.timeout(5000).emitWithAck('plan:join', { planId })) as { ok: boolean; error?: string }
		return ack.ok ? 'ok' : ack.error === 'not_found' ? '404' : (`refused (${ack.error})` as Outcome)
	} finally {
		socket.disconnect()
	}
}

/** A check-in of the owner's on a goal, for the doors of a check-in's page. */
async function checkInOn(goalId: string): Promise<string> {
	return (await db.checkIn.create({ data: { goalId, value: 12, status: 'on_track' }, select: { id: true } })).id
}

function answers(row: string): Record<Role, Outcome> {
	const parts = row.trim().split(/\s+/)
	if (parts.length !== ROLES.length) throw new Error(`"${row}" has ${parts.length} answers for ${ROLES.length} roles`)
	return Object.fromEntries(ROLES.map((role, i) => [role, parts[i] as Outcome])) as Record<Role, Outcome>
}

let cookies: Record<Role, string | undefined>
let subjects: Record<SubjectName, Subject>
let ownerId: string

beforeAll(async () => {
	const owner = await createUser({ name: 'Olivia Owner' })
	ownerId = owner.id
	const [buddy, pending, declined, ended, member, moderator, admin] = await Promise.all([
		createUser({ name: 'Bea Buddy' }),
		createUser({ name: 'Pat Pending' }),
		createUser({ name: 'Dee Declined' }),
		createUser({ name: 'Ed Ended' }),
		createUser({ name: 'Max Member' }),
		createUser({ name: 'Mo Moderator' }),
		createUser({ name: 'Ada Admin', isSiteAdmin: true }),
	])
	// The buddies are in the owner's group too: a pairing that is not accepted grants nothing, even there.
	await createGroupWith({ moderator, members: [owner, member, buddy, pending, declined, ended] })
	const now = new Date()
	await db.buddyPair.createMany({
		data: [
			{ inviterId: owner.id, inviteeId: buddy.id, status: 'accepted', respondedAt: now },
			{ inviterId: pending.id, inviteeId: owner.id, status: 'pending' },
			{ inviterId: owner.id, inviteeId: declined.id, status: 'declined', respondedAt: now },
			{ inviterId: ended.id, inviteeId: owner.id, status: 'ended', respondedAt: now, endedAt: now, endedById: owner.id },
		],
	})
	const make = async (kind: 'business' | 'leadership', shared: boolean): Promise<Subject> => {
		const plan = await startPlan(owner.id, year, kind)
		if (shared) await updatePlanSettings(plan.id, { reminderCadence: 'monthly', sharedWithModerators: true })
		const word = shared ? 'kiwishared' : 'kiwiprivate'
		const goal = await addGoal(plan.id, { title: 'Reach 20 clients', area: 'sales', measure: 'number', targetValue: 20, dueQuarter: 4, why: `The ${word} rollout pays for itself.` })
		const lastYear = await db.plan.create({ data: { ownerId: owner.id, year: year - 1, kind, sharedWithModerators: shared }, select: { id: true } })
		return { planId: plan.id, goalId: goal.id, lastYearPlanId: lastYear.id, word }
	}
	subjects = { private: await make('business', false), shared: await make('leadership', true) }
	const people = { owner, buddy, pending, declined, ended, member, moderator, admin }
	cookies = { anonymous: undefined } as Record<Role, string | undefined>
	for (const [role, person] of Object.entries(people)) cookies[role as Role] = await sessionCookieFor(person.id)
	notices = { private: {}, shared: {} }
	for (const name of SUBJECTS) {
		const checkInId = await checkInOn(subjects[name].goalId)
		for (const [role, person] of Object.entries(people)) {
			const notice = await db.notification.create({
				data: { userId: person.id, type: 'check-in', subjectKind: PLAN_CHECK_IN, subjectId: checkInId, actorId: owner.id },
				select: { id: true },
			})
			notices[name][role as Role] = notice.id
		}
	}
	httpServer = createServer()
	realtime = await attachRealtime(httpServer)
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
	socketUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterAll(async () => {
	await realtime?.close()
	await new Promise((resolve) => httpServer?.close(resolve))
})

function classify(result: unknown, door: Door, subject: Subject, wrote: boolean): string {
	if (typeof result === 'string') return result
	const status = statusOf(result)
	if (status >= 300 && status < 400) {
		const location = result instanceof Response ? (result.headers.get('location') ?? '') : ''
		if (location.startsWith('/login')) return 'login'
		if (!door.write) return `redirect to ${location}`
		return wrote ? 'ok' : 'redirect without a write'
	}
	if (status >= 400) return String(status)
	if (door.door.startsWith('GET /plans (')) {
		const years = dataOf<{ years: Array<{ plans: Array<{ id: string }> }> }>(result).years
		return years.some((y) => y.plans.some((plan) => plan.id === subject.planId)) ? 'listed' : '-'
	}
	return door.write ? `${status} (expected a redirect)` : 'ok'
}

const CELLS = DOORS.flatMap((door) => SUBJECTS.flatMap((name) => ROLES.map((role) => ({ door, name, role, expected: answers(door.expect[name])[role] }))))

describe.each(DOORS.map((door) => [door.door, door] as const))('%s', (_name, door) => {
	test.each(SUBJECTS.flatMap((name) => ROLES.map((role) => [name, role] as const)))('%s plan, as %s', async (name, role) => {
		const expected = answers(door.expect[name])[role]
		const subject = subjects[name]
		// A fresh goal has been quiet for 40 days, so that a buddy may nudge it.
		const freshGoal = async () =>
			(await db.goal.create({ data: { planId: subject.planId, position: 1000 + Math.floor(Math.random() * 1e6), title: 'A fresh goal', area: 'other', measure: 'milestone', dueQuarter: 4, createdAt: new Date(Date.now() - 40 * 24 * 60 * 60 * 1000) }, select: { id: true } })).id
		const freshCheckIn = async () => checkInOn(subject.goalId)
		const call: Call = { role, cookie: cookies[role], subject, name, freshGoal, freshCheckIn }
		// Things a door makes for itself (a fresh goal, a check-in) are made before the fingerprint.
		let prepared: Call = call
		await door.setup?.(subject)
		if (door.write) {
			const [goalId, checkInId] = [await freshGoal(), await freshCheckIn()]
			prepared = { ...call, freshGoal: () => Promise.resolve(goalId), freshCheckIn: () => Promise.resolve(checkInId) }
		}
		const before = door.write ? await databaseDigest() : null
		const result = await settle(Promise.resolve(door.run(prepared)))
		const changed = before ? changedTables(before, await databaseDigest()) : []
		const actual = classify(result, door, subject, changed.length > 0)
		const refused = actual === '404' || actual === 'login'
		expect(refused && changed.length > 0 ? `${actual} but wrote ${changed.join(', ')}` : actual, `${door.door} on the ${name} plan as ${role}`).toBe(expected)
	})
})

test('the table covers every loader and action of the plans pages', async () => {
	const plansRoutes = (await listRoutes()).filter((route) => route.file.startsWith('routes/plans/'))
	const missing = plansRoutes.flatMap((route) => [route.loader, route.action].filter((fn) => fn && !DOORS.some((door) => door.fn === fn)).map(() => route.file))
	expect(plansRoutes.length).toBeGreaterThanOrEqual(4)
	expect(missing, 'plans routes without a door in this table').toEqual([])
	expect(CELLS.length).toBe(DOORS.length * SUBJECTS.length * ROLES.length)
	// Every refusal in the table is a 404, the log-in page or a socket without a session: never a
	// 403 that would tell a plan exists.
	expect(CELLS.every((cell) => ['ok', 'listed', '-', '404', 'login', 'refused'].includes(cell.expected))).toBe(true)
	expect(ownerId).toBeTruthy()
})
