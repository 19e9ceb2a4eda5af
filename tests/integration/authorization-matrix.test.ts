// The authorisation matrix: every loader and action of app/routes.ts, called as React Router calls
// it (a real Request, params, a load context), by every role, against the expected answers of
// tests/access-table.ts. A route without a row fails here; a refused action must leave every row
// of every table as it was.
import { beforeAll, describe, expect, test } from 'vitest'
import { ROUTE_CASES, type Outcome, type RouteCase } from '#tests/access-table.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { createTestContext, makeRequest, settle, statusOf } from '#tests/helpers.ts'
import { fillPattern, listRoutes, paramNames, type AppRoute } from '#tests/route-list.ts'
import { ROLES, actorFor, buildWorld, type Actor, type Role, type World } from '#tests/world.ts'
import { db } from '#app/utils/db.server.ts'

let world: World
let routes: AppRoute[]

beforeAll(async () => {
	routes = await listRoutes()
	world = await buildWorld()
})

/** Default values for the patterns' :params: group A and its question. */
function defaultParams(w: World): Record<string, string> {
	return { slug: w.group.slug, threadId: w.groupThread.id, userId: w.people.alice.id, token: w.invitationToken, notificationId: w.notificationId }
}

function locationOf(result: unknown): string | null {
	if (result instanceof Response) return result.headers.get('location')
	return null
}

/** What a route function's answer means, in the vocabulary of the table. */
function classify(result: unknown, wrote: boolean, row: RouteCase): Outcome | string {
	const status = statusOf(result)
	if (status >= 300 && status < 400) {
		const location = locationOf(result) ?? ''
		// Sign-up ends on the log-in page too, saying so (?signedUp=1): that is its success, not a refusal.
		if (location.startsWith('/login') && !new URL(location, 'http://x').searchParams.has('signedUp')) return 'login'
		if (row.anonymousOnly && location === '/') return 'home'
	} else if (status >= 400) {
		return String(status)
	}
	if (row.method === 'GET' && !row.writes) return 'ok'
	return wrote ? 'ok' : 'no-op'
}

const REFUSALS = new Set<string>(['login', 'home', '400', '401', '403', '404'])

type Cell = { row: RouteCase; role: Role; expected: Outcome; actual: string; changed: string[] }

async function runCell(row: RouteCase, role: Role, as?: { actor: Actor; ignoredTables: () => Promise<string[]> }): Promise<Cell> {
	const route = routes.find((candidate) => candidate.file === row.route)
	if (!route) throw new Error(`${row.route} is in the table but not in app/routes.ts`)
	const fn = row.method === 'GET' ? route.loader : route.action
	if (!fn) throw new Error(`${row.route} has no ${row.method === 'GET' ? 'loader' : 'action'}`)
	const actor = as ? as.actor : await actorFor(world, role)
	const made = (await row.setup?.({ world, actor })) ?? {}
	const c = { world, actor, made }
	const params = { ...defaultParams(world), ...row.params?.(c) }
	const needed = Object.fromEntries(paramNames(route.pattern).map((name) => [name, params[name]!]))
	const query = typeof row.query === 'function' ? row.query(c) : (row.query ?? '')
	const path = fillPattern(route.pattern, needed) + query
	const form = row.form?.(c) ?? (row.method === 'POST' ? {} : undefined)
	const request = makeRequest(path, { cookie: actor?.cookie, form, method: row.method })
	// Only writes are compared (GET pages that write nothing are not expected to).
	const compares = row.method === 'POST' || row.writes
	const before = compares ? await databaseDigest() : null
	let result: unknown
	try {
		result = await settle(Promise.resolve(fn({ request, params: needed, context: createTestContext() })))
	} catch (error) {
		// An exception is a 500 for the visitor: reported as such, with what it was.
		result = new Response(null, { status: 500 })
		console.error(`${row.method} ${path} as ${role} threw:`, error)
	}
	const ignored = (await as?.ignoredTables()) ?? []
	const changed = before ? changedTables(before, await databaseDigest()).filter((table) => !ignored.includes(table)) : []
	const actual = classify(result, changed.length > 0, row)
	return { row, role, expected: row.expect[role], actual: REFUSALS.has(actual) && changed.length > 0 ? `${actual} but wrote ${changed.join(', ')}` : actual, changed }
}

let cellsChecked = 0

describe('every route of app/routes.ts is in the table', () => {
	test('each loader and action has at least one row, and every row names a real route function', () => {
		const missing: string[] = []
		for (const route of routes) {
			if (route.loader && !ROUTE_CASES.some((row) => row.route === route.file && row.method === 'GET')) missing.push(`${route.file} loader`)
			if (route.action && !ROUTE_CASES.some((row) => row.route === route.file && row.method === 'POST')) missing.push(`${route.file} action`)
		}
		expect(missing, 'add these to tests/access-table.ts').toEqual([])
		const unknown = ROUTE_CASES.filter((row) => {
			const route = routes.find((candidate) => candidate.file === row.route)
			return !route || !(row.method === 'GET' ? route.loader : route.action)
		}).map((row) => `${row.route} ${row.method}`)
		expect(unknown, 'rows for routes or functions that do not exist').toEqual([])
	})
})

describe.each(ROUTE_CASES.map((row) => [`${row.method} ${row.route} · ${row.what}`, row] as const))('%s', (_name, row) => {
	test.each(ROLES.map((role) => [role]))('as %s', async (role) => {
		const cell = await runCell(row, role)
		cellsChecked += 1
		expect(cell.actual, `${row.method} ${row.route} (${row.what}) as ${role}`).toBe(cell.expected)
	})
})

// A suspended account keeps whatever roles it had, and none of them counts: a moderator of group A,
// suspended, is answered on every row as a visitor who is not signed in. The one change such a
// request may make is ending the session that survived the suspension.
describe('a suspended moderator of this group is answered like an anonymous visitor', () => {
	test.each(ROUTE_CASES.map((row) => [`${row.method} ${row.route} · ${row.what}`, row] as const))('%s', async (_name, row) => {
		const actor = (await actorFor(world, 'moderator'))!
		await db.suspension.create({ data: { userId: actor.id, reason: 'Shared a member’s figures outside the group', suspendedById: world.people.alice.id } })
		const started = new Date()
		// Ending their own session is not counted as a write; a session made for someone else is (a log-in).
		const ignoredTables = async () => {
			const ownEnded = !(await db.session.findUnique({ where: { id: actor.sessionId } }))
			const othersMade = await db.session.count({ where: { userId: { not: actor.id }, createdAt: { gte: started } } })
			return ownEnded && othersMade === 0 ? ['Session'] : []
		}
		const cell = await runCell(row, 'anonymous', { actor, ignoredTables })
		expect(cell.actual, `${row.method} ${row.route} (${row.what}) as a suspended moderator`).toBe(row.expect.anonymous)
	})
})

describe('summary', () => {
	test('figures', () => {
		const routeFunctions = new Set(ROUTE_CASES.map((row) => `${row.route} ${row.method}`)).size
		console.log(
			`authorisation matrix: ${routes.length} routes, ${routeFunctions} loaders and actions, ${ROUTE_CASES.length} cases × ${ROLES.length} roles = ${ROUTE_CASES.length * ROLES.length} cells; ${cellsChecked} checked in this run`,
		)
		expect(cellsChecked).toBe(ROUTE_CASES.length * ROLES.length)
	})
})
