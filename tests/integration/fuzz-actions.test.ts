// Fuzzing of every action of app/routes.ts with fast-check: each run takes a valid form of the
// access table, sent by someone allowed to send it, and keeps, drops, replaces or doubles each field
// (unicode, control characters, very long text, ids of other things, wrong intents) and adds stray
// fields. Whatever arrives, the answer is a 2xx, 3xx or 4xx — a 4xx with a message — within
// HANG_MS, never an exception (a 500); and after a 4xx the database is exactly as before.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROUTE_CASES, type RouteCase } from '#tests/access-table.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { anyValue, applyPlans, fieldPlan, FUZZ_RUNS, FUZZ_SEED, HANG_MS, messageOf, withinTime, type FieldPlan } from '#tests/fuzz.ts'
import { createTestContext, ORIGIN, settle, statusOf } from '#tests/helpers.ts'
import { fillPattern, listRoutes, paramNames, type AppRoute } from '#tests/route-list.ts'
import { ROLES, actorFor, buildWorld, type Role, type World } from '#tests/world.ts'

let world: World
let routes: AppRoute[]
let ids: string[]

beforeAll(async () => {
	routes = await listRoutes()
	world = await buildWorld()
	ids = [
		world.group.id,
		world.group.slug,
		world.otherGroup.id,
		world.group.forumId,
		world.groupThread.id,
		world.groupThread.bobReplyId,
		world.hiddenThread.id,
		world.hiddenThread.openingPostId,
		world.otherThread.id,
		world.otherThread.openingPostId,
		world.communityThread.id,
		world.notificationId,
		world.people.alice.id,
		world.aliceSession.sessionId,
		`reply:${world.hiddenThread.id}`,
		`thread:${world.otherGroup.forumId}`,
	]
})

function defaultParams(w: World): Record<string, string> {
	return { slug: w.group.slug, threadId: w.groupThread.id, userId: w.people.alice.id, token: w.invitationToken, notificationId: w.notificationId }
}

/** The sender of a row's form: someone for whom the table says it goes through. */
function allowedRole(row: RouteCase): Role {
	return ROLES.find((role) => row.expect[role] === 'ok') ?? ROLES.find((role) => row.expect[role] === 'no-op') ?? 'anonymous'
}

const ACTION_ROUTES = [...new Set(ROUTE_CASES.filter((row) => row.method === 'POST').map((row) => row.route))]
// Field names and intents each action's forms use, learned from the table's valid forms.
function knownFields(rows: RouteCase[]): { names: string[]; intents: string[] } {
	const sample = { world, actor: null, made: new Proxy({}, { get: () => 'x' }) as Record<string, string> }
	const forms = rows.map((row) => row.form?.(sample) ?? {})
	return {
		names: [...new Set(forms.flatMap((form) => Object.keys(form)))],
		intents: [...new Set(forms.flatMap((form) => (form.intent ? [form.intent] : [])))],
	}
}

let totalRuns = 0
const statusCounts = new Map<number, number>()

describe.each(ACTION_ROUTES.map((file) => [file]))('%s', (file) => {
	test(`survives ${FUZZ_RUNS} random forms`, async () => {
		const route = routes.find((candidate) => candidate.file === file)
		expect(route?.action, `${file} has an action`).toBeDefined()
		const rows = ROUTE_CASES.filter((row) => row.route === file && row.method === 'POST')
		const { names, intents } = knownFields(rows)
		const value = anyValue(ids)
		const intentValue = fc.oneof(fc.constantFrom(...(intents.length ? intents : ['none'])), value)
		const plans = fc.record(
			Object.fromEntries(names.map((name) => [name, fieldPlan(name === 'intent' ? intentValue : value)])) as Record<string, fc.Arbitrary<FieldPlan>>,
		)
		const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names, 'intent', '__proto__', 'redirectTo'), fc.string({ maxLength: 20 })), value), { maxLength: 3 })

		await fc.assert(
			fc.asyncProperty(fc.nat({ max: rows.length - 1 }), plans, extras, async (rowIndex, fieldPlans, extraFields) => {
				const row = rows[rowIndex]!
				const role = allowedRole(row)
				const actor = await actorFor(world, role)
				const made = (await row.setup?.({ world, actor })) ?? {}
				const c = { world, actor, made }
				const params = { ...defaultParams(world), ...row.params?.(c) }
				const needed = Object.fromEntries(paramNames(route!.pattern).map((name) => [name, params[name]!]))
				const pairs = applyPlans(row.form?.(c) ?? {}, fieldPlans, extraFields)
				const headers = new Headers({ origin: ORIGIN })
				if (actor) headers.set('cookie', actor.cookie)
				const request = new Request(new URL(fillPattern(route!.pattern, needed), ORIGIN), { method: 'POST', headers, body: new URLSearchParams(pairs) })
				const what = `${file} as ${role} with ${JSON.stringify(pairs).slice(0, 300)}`

				const before = await databaseDigest()
				const result = await withinTime(settle(Promise.resolve(route!.action!({ request, params: needed, context: createTestContext() }))), what)
				const status = statusOf(result)
				totalRuns += 1
				statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1)
				expect(status, what).toBeGreaterThanOrEqual(200)
				expect(status, what).toBeLessThan(500)
				if (status >= 400) {
					expect(await messageOf(result), `a ${status} without a message: ${what}`).not.toEqual([])
					expect(changedTables(before, await databaseDigest()), `a ${status} that wrote: ${what}`).toEqual([])
				}
			}),
			{ numRuns: FUZZ_RUNS, seed: FUZZ_SEED, interruptAfterTimeLimit: 10 * 60_000 },
		)
	}, Math.max(120_000, FUZZ_RUNS * HANG_MS))
})

afterAll(() => {
	const statuses = [...statusCounts.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`)
	console.log(`fuzzing: ${ACTION_ROUTES.length} actions × ${FUZZ_RUNS} runs = ${totalRuns} fuzz runs (${statuses.join(', ')})`)
})
