// Cross-site request forgery: every action of app/routes.ts (every POST row of the access table),
// sent to the real server over HTTP by the person who may do it, is refused with 403 and changes
// nothing when its Origin is foreign, `null` or missing; the same request from our own origin goes
// through (so the refusal is the origin check's, not a missing permission).
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '#server/index.ts'
import { ROUTE_CASES, type RouteCase } from '#tests/access-table.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { fillPattern, listRoutes, paramNames, type AppRoute } from '#tests/route-list.ts'
import { SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'
import { ROLES, actorFor, buildWorld, type Role, type World } from '#tests/world.ts'

let server: RunningServer
let world: World
let routes: AppRoute[]

beforeAll(async () => {
	server = await startTestServer()
	routes = await listRoutes()
	world = await buildWorld()
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	await server?.close()
})

type Answer = { status: number; location: string | null; body: string }

/** A form POST with exactly the headers given: no client adds or fills in an Origin. */
function post(path: string, form: Record<string, string>, headers: Record<string, string>): Promise<Answer> {
	const body = new URLSearchParams(form).toString()
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			new URL(path, server.url),
			{
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers },
			},
			(response) => {
				let text = ''
				response.setEncoding('utf8')
				response.on('data', (chunk: string) => (text += chunk))
				response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null, body: text }))
			},
		)
		request.on('error', reject)
		request.setTimeout(15_000, () => request.destroy(new Error(`no answer to POST ${path} in 15 s`)))
		request.end(body)
	})
}

/** Who should send the request: the first role for whom the table says it goes through. */
function allowedRole(row: RouteCase): Role {
	return ROLES.find((role) => row.expect[role] === 'ok') ?? ROLES.find((role) => row.expect[role] === 'no-op') ?? 'anonymous'
}

function defaultParams(w: World): Record<string, string> {
	return { slug: w.group.slug, threadId: w.groupThread.id, userId: w.people.alice.id, token: w.invitationToken, notificationId: w.notificationId }
}

const FORGED_ORIGINS: Array<[string, string | undefined]> = [
	['a foreign origin', 'https://evil.example'],
	['a look-alike origin (our host, another port)', 'http://127.0.0.1:1'],
	['the null origin (sandboxed frame, data: URL)', 'null'],
	['no Origin at all', undefined],
]

const POST_ROWS = ROUTE_CASES.filter((row) => row.method === 'POST')
let refusals = 0

test('every action of app/routes.ts has a POST row to forge', () => {
	const withAction = routes.filter((route) => route.action).map((route) => route.file)
	expect(withAction.filter((file) => !POST_ROWS.some((row) => row.route === file))).toEqual([])
})

describe.each(POST_ROWS.map((row) => [`${row.route} · ${row.what}`, row] as const))('%s', (_name, row) => {
	test(`refused from a foreign, null or missing Origin; accepted from our own`, async () => {
		const route = routes.find((candidate) => candidate.file === row.route)!
		const role = allowedRole(row)
		const actor = await actorFor(world, role)
		const made = (await row.setup?.({ world, actor })) ?? {}
		const c = { world, actor, made }
		const params = { ...defaultParams(world), ...row.params?.(c) }
		const path = fillPattern(route.pattern, Object.fromEntries(paramNames(route.pattern).map((name) => [name, params[name]!])))
		const form = row.form?.(c) ?? {}
		const cookie: Record<string, string> = actor ? { cookie: actor.cookie } : {}

		for (const [label, origin] of FORGED_ORIGINS) {
			const before = await databaseDigest()
			const answer = await post(path, form, { ...cookie, ...(origin === undefined ? {} : { origin }) })
			expect(answer.status, `POST ${path} as ${role} with ${label}`).toBe(403)
			expect(changedTables(before, await databaseDigest()), `POST ${path} with ${label} wrote`).toEqual([])
			refusals += 1
		}
		if (row.expect[role] === 'ok' || row.expect[role] === 'no-op') {
			const own = await post(path, form, { ...cookie, origin: server.url })
			expect(own.status, `POST ${path} as ${role} from our own origin: ${own.body.slice(0, 200)}`).toBeLessThan(400)
		}
	})
})

afterAll(() => {
	console.log(`cross-origin writes: ${POST_ROWS.length} actions × ${FORGED_ORIGINS.length} forged origins = ${refusals} refusals checked`)
})
