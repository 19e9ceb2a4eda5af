// The buddy pages through their loaders and actions with real Requests: who gets what (a table
// over the plan's roles, every refusal a 404), and what a member's mistakes answer (400 with the
// message, never a 500).
import { describe, expect, test } from 'vitest'
import { planAccess } from '#app/modules/plans/access.server.ts'
import { action as buddiesAction, loader as buddiesLoader } from '#app/routes/buddies.tsx'
import { action as checkInAction, loader as checkInLoader } from '#app/routes/plans/check-in.tsx'
import { action as nudgeAction } from '#app/routes/plans/nudge.ts'
import { db } from '#app/utils/db.server.ts'
import { getToast } from '#app/utils/toast.server.ts'
import { dataOf, makeRequest, runRoute, settle, statusOf } from '#tests/helpers.ts'
import { addGoal, DAY, planWorld, type PlanWorld } from '#tests/plan-helpers.ts'

async function toastOf(response: unknown) {
	if (!(response instanceof Response)) return null
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0]!)
		.join('; ')
	return (await getToast(makeRequest('/', { cookie }))).toast
}

function outcome(result: unknown): string {
	const status = statusOf(result)
	if (result instanceof Response && status >= 300 && status < 400) {
		return result.headers.get('location')?.startsWith('/login') ? 'login' : 'ok'
	}
	return status >= 400 ? String(status) : 'ok'
}

const ROLES = ['owner', 'buddy', 'pending', 'declined', 'ended', 'member', 'moderator', 'elsewhere', 'admin', 'anonymous'] as const
type Role = (typeof ROLES)[number]

function cookieOf(w: PlanWorld, role: Role): string | undefined {
	const people = { owner: w.alice, buddy: w.bob, pending: w.pen, declined: w.dec, ended: w.ended, member: w.carol, moderator: w.mona, elsewhere: w.dave, admin: w.ada }
	return role === 'anonymous' ? undefined : people[role].cookie
}

type Door = { what: string; run: (w: PlanWorld, cookie: string | undefined) => Promise<unknown>; expect: string }

const checkInPath = (w: PlanWorld) => `/plans/${w.plan.id}/check-ins/${w.checkIn.id}`
const checkInParams = (w: PlanWorld) => ({ planId: w.plan.id, checkInId: w.checkIn.id })

//                    owner buddy pend  decl  ended memb  mod   else  admin anon
const DOORS: Door[] = [
	{
		what: 'the check-in page',
		run: (w, cookie) => runRoute(checkInLoader, { request: makeRequest(checkInPath(w), { cookie }), params: checkInParams(w) }),
		expect: 'ok    ok    404   404   404   404   404   404   404   login',
	},
	{
		what: 'confirm the check-in',
		run: (w, cookie) =>
			runRoute(checkInAction, { request: makeRequest(checkInPath(w), { cookie, form: { intent: 'review', verdict: 'confirmed' } }), params: checkInParams(w) }),
		expect: '404   ok    404   404   404   404   404   404   404   login',
	},
	{
		what: 'comment on the check-in',
		run: (w, cookie) =>
			runRoute(checkInAction, { request: makeRequest(checkInPath(w), { cookie, form: { intent: 'comment', body: 'Nice.' } }), params: checkInParams(w) }),
		expect: 'ok    ok    404   404   404   404   404   404   404   login',
	},
	{
		what: 'nudge a quiet goal',
		run: async (w, cookie) => {
			const goal = await addGoal(w.plan.id, { createdAt: new Date(Date.now() - 40 * DAY) })
			const path = `/plans/${w.plan.id}/goals/${goal.id}/nudge`
			return runRoute(nudgeAction, { request: makeRequest(path, { cookie, form: {} }), params: { planId: w.plan.id, goalId: goal.id } })
		},
		expect: '404   ok    404   404   404   404   404   404   404   login',
	},
	{
		what: 'the check-in through another plan’s address',
		run: async (w, cookie) => {
			const other = await db.plan.create({ data: { ownerId: w.alice.id, year: 2020, kind: `other-${Math.random()}` }, select: { id: true } })
			const params = { planId: other.id, checkInId: w.checkIn.id }
			return runRoute(checkInLoader, { request: makeRequest(`/plans/${other.id}/check-ins/${w.checkIn.id}`, { cookie }), params })
		},
		expect: '404   404   404   404   404   404   404   404   404   login',
	},
]

describe('who may open and act on a plan’s check-ins', () => {
	test.each(DOORS.map((door) => [door.what, door] as const))('%s', async (_what, door) => {
		const w = await planWorld()
		const expected = door.expect.trim().split(/\s+/)
		const actual: string[] = []
		for (const role of ROLES) actual.push(outcome(await settle(Promise.resolve(door.run(w, cookieOf(w, role))))))
		expect(Object.fromEntries(ROLES.map((role, i) => [role, actual[i]]))).toEqual(Object.fromEntries(ROLES.map((role, i) => [role, expected[i]])))
	})

	test('a hidden check-in answers exactly like a missing one', async () => {
		const w = await planWorld()
		const hidden = await settle(runRoute(checkInLoader, { request: makeRequest(checkInPath(w), { cookie: w.carol.cookie }), params: checkInParams(w) }))
		const missing = await settle(
			runRoute(checkInLoader, {
				request: makeRequest(`/plans/${w.plan.id}/check-ins/nope`, { cookie: w.carol.cookie }),
				params: { planId: w.plan.id, checkInId: 'nope' },
			}),
		)
		expect(hidden).toBeInstanceOf(Response)
		expect(missing).toBeInstanceOf(Response)
		const [a, b] = [hidden as Response, missing as Response]
		expect([a.status, await a.text()]).toEqual([b.status, await b.text()])
	})
})

describe('the buddy dashboard', () => {
	test('shows a buddy the partner’s plan with quiet goals first, and a member without buddies an empty page with the invite form', async () => {
		const w = await planWorld()
		const quiet = await addGoal(w.plan.id, { title: 'Quiet goal', createdAt: new Date(Date.now() - 40 * DAY) })
		const bobs = await runRoute(buddiesLoader, { request: makeRequest('/buddies', { cookie: w.bob.cookie }) })
		expect(bobs.plans).toHaveLength(1)
		expect(bobs.plans[0]!.goals.map((goal) => [goal.id, goal.state])).toEqual([
			[quiet.id, 'quiet'],
			[w.goal.id, 'open'],
		])
		expect(bobs.plans[0]!.goals[1]!.lastCheckIn?.id).toBe(w.checkIn.id)
		expect(bobs.pairs.accepted.map((pair) => pair.partner.id)).toEqual([w.alice.id])

		const carols = await runRoute(buddiesLoader, { request: makeRequest('/buddies', { cookie: w.carol.cookie }) })
		expect(carols.plans).toEqual([])
		expect(carols.pairs).toEqual({ incoming: [], outgoing: [], accepted: [] })
		expect(carols.invitable.map((p) => p.name)).toContain('Bob Buddy')
		expect(carols.invitable.map((p) => p.name)).not.toContain('Dave Elsewhere')

		const pens = await runRoute(buddiesLoader, { request: makeRequest('/buddies', { cookie: w.pen.cookie }) })
		expect(pens.plans).toEqual([])
		expect(pens.pairs.incoming.map((pair) => pair.partner.id)).toEqual([w.alice.id])
	})

	test('inviting: a member’s mistakes answer 400 with the reason; a good invitation is sent', async () => {
		const w = await planWorld()
		const invite = (inviteeId: string) => settle(runRoute(buddiesAction, { request: makeRequest('/buddies', { cookie: w.carol.cookie, form: { intent: 'invite', inviteeId } }) }))
		const empty = await invite('')
		expect(statusOf(empty)).toBe(400)
		expect(dataOf<{ invite: { error: Record<string, string[]> } }>(empty).invite.error).toMatchObject({ inviteeId: ['Choose someone'] })
		const elsewhere = await invite(w.dave.id)
		expect(statusOf(elsewhere)).toBe(400)
		expect(dataOf<{ invite: { error: Record<string, string[]> } }>(elsewhere).invite.error['']).toEqual([expect.stringMatching(/member of one of your groups/)])
		const self = await invite(w.carol.id)
		expect(dataOf<{ invite: { error: Record<string, string[]> } }>(self).invite.error['']).toEqual(['You cannot be your own buddy.'])
		expect(await db.buddyPair.count({ where: { inviterId: w.carol.id } })).toBe(0)

		const sent = await invite(w.bob.id)
		expect(sent).toBeInstanceOf(Response)
		expect((sent as Response).headers.get('location')).toBe('/buddies')
		expect(await toastOf(sent)).toMatchObject({ title: 'Invitation sent' })
		const again = await invite(w.bob.id)
		expect(statusOf(again)).toBe(400)
		const unknown = await settle(runRoute(buddiesAction, { request: makeRequest('/buddies', { cookie: w.carol.cookie, form: { intent: 'frobnicate' } }) }))
		expect(statusOf(unknown)).toBe(400)
	})

	test('ending a pairing asks for confirmation, then ends access at once', async () => {
		const w = await planWorld()
		const pair = await db.buddyPair.findFirstOrThrow({ where: { inviterId: w.alice.id, inviteeId: w.bob.id } })
		const unconfirmed = await settle(runRoute(buddiesAction, { request: makeRequest('/buddies', { cookie: w.bob.cookie, form: { intent: 'end', pairId: pair.id } }) }))
		expect(statusOf(unconfirmed)).toBe(400)
		expect(dataOf<{ end: { pairId: string; result: { error: Record<string, string[]> } } }>(unconfirmed).end).toMatchObject({
			pairId: pair.id,
			result: { error: { confirm: [expect.stringMatching(/Tick the box/)] } },
		})
		expect((await planAccess(w.bob, w.plan.id))?.role).toBe('buddy')
		const ended = await settle(
			runRoute(buddiesAction, { request: makeRequest('/buddies', { cookie: w.bob.cookie, form: { intent: 'end', pairId: pair.id, confirm: 'yes' } }) }),
		)
		expect(await toastOf(ended)).toMatchObject({ title: expect.stringMatching(/^Pairing ended/) })
		expect(await planAccess(w.bob, w.plan.id)).toBeNull()
		const page = await settle(runRoute(checkInLoader, { request: makeRequest(checkInPath(w), { cookie: w.bob.cookie }), params: checkInParams(w) }))
		expect(statusOf(page)).toBe(404)
	})

	test('answering invitations: accept grants access; a stale answer is a gentle no-op', async () => {
		const w = await planWorld()
		const pair = await db.buddyPair.findFirstOrThrow({ where: { inviterId: w.alice.id, inviteeId: w.pen.id } })
		const accepted = await settle(runRoute(buddiesAction, { request: makeRequest('/buddies', { cookie: w.pen.cookie, form: { intent: 'accept', pairId: pair.id } }) }))
		expect(await toastOf(accepted)).toMatchObject({ title: expect.stringMatching(/^You are now buddies/) })
		expect((await planAccess(w.pen, w.plan.id))?.role).toBe('buddy')
		const twice = await settle(runRoute(buddiesAction, { request: makeRequest('/buddies', { cookie: w.pen.cookie, form: { intent: 'decline', pairId: pair.id } }) }))
		expect(await toastOf(twice)).toMatchObject({ type: 'info', title: 'That invitation is no longer open' })
		expect((await planAccess(w.pen, w.plan.id))?.role).toBe('buddy')
	})
})

describe('the check-in page’s forms', () => {
	test('“let’s talk” needs a note; a comment has a limit; both answer 400 with the message and write nothing', async () => {
		const w = await planWorld()
		const post = (cookie: string, form: Record<string, string>) =>
			settle(runRoute(checkInAction, { request: makeRequest(checkInPath(w), { cookie, form }), params: checkInParams(w) }))
		const talk = await post(w.bob.cookie, { intent: 'review', verdict: 'talk', note: '  ' })
		expect(statusOf(talk)).toBe(400)
		expect(dataOf<{ review: { error: Record<string, string[]> } }>(talk).review.error).toMatchObject({ note: ['Say what you would like to talk about'] })
		const noVerdict = await post(w.bob.cookie, { intent: 'review' })
		expect(statusOf(noVerdict)).toBe(400)
		const long = await post(w.alice.cookie, { intent: 'comment', body: 'x'.repeat(2001) })
		expect(statusOf(long)).toBe(400)
		expect(dataOf<{ comment: { error: Record<string, string[]> } }>(long).comment.error).toMatchObject({ body: ['At most 2,000 characters'] })
		expect(await db.checkInReview.count({ where: { checkInId: w.checkIn.id } })).toBe(0)
		expect(await db.checkInComment.count({ where: { checkInId: w.checkIn.id } })).toBe(0)

		const saved = await post(w.bob.cookie, { intent: 'review', verdict: 'talk', note: 'Is it signed?' })
		expect(await toastOf(saved)).toMatchObject({ title: 'Noted: you would like to talk' })
		const fine = await post(w.alice.cookie, { intent: 'comment', body: 'x'.repeat(2000) })
		expect((fine as Response).headers.get('location')).toBe(`${checkInPath(w)}#comments`)
		const page = await runRoute(checkInLoader, { request: makeRequest(checkInPath(w), { cookie: w.alice.cookie }), params: checkInParams(w) })
		expect(page.checkIn.reviews).toMatchObject([{ buddyId: w.bob.id, verdict: 'talk', note: 'Is it signed?' }])
		expect(page.checkIn.comments).toHaveLength(1)
	})

	test('a nudge refused by the daily limit goes back to the dashboard saying why', async () => {
		const w = await planWorld()
		const goal = await addGoal(w.plan.id, { createdAt: new Date(Date.now() - 40 * DAY) })
		const nudge = () =>
			settle(
				runRoute(nudgeAction, {
					request: makeRequest(`/plans/${w.plan.id}/goals/${goal.id}/nudge`, { cookie: w.bob.cookie, form: {} }),
					params: { planId: w.plan.id, goalId: goal.id },
				}),
			)
		const first = await nudge()
		expect((first as Response).headers.get('location')).toBe('/buddies')
		expect(await toastOf(first)).toMatchObject({ title: 'Nudge sent' })
		const second = await nudge()
		expect((second as Response).headers.get('location')).toBe('/buddies')
		expect(await toastOf(second)).toMatchObject({ type: 'info', title: expect.stringMatching(/already nudged today/) })
		const fresh = await settle(
			runRoute(nudgeAction, {
				request: makeRequest(`/plans/${w.plan.id}/goals/${w.goal.id}/nudge`, { cookie: w.bob.cookie, form: {} }),
				params: { planId: w.plan.id, goalId: w.goal.id },
			}),
		)
		expect(await toastOf(fresh)).toMatchObject({ type: 'info', title: expect.stringMatching(/within the last 30 days/) })
	})
})
