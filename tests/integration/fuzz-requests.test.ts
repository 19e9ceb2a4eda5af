// Fuzzing of every action through the real server over HTTP, where what arrives is not a well-formed
// form: JSON, text/plain, no content type, broken multipart, invalid percent-encoding and UTF-8,
// random bytes, and oversized bodies. The answer is a 2xx, 3xx or 4xx with a body, never a 5xx
// or a hang, and a 4xx leaves the database exactly as it was.
import { request as httpRequest } from 'node:http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '#server/index.ts'
import { ROUTE_CASES, type RouteCase } from '#tests/access-table.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import { FUZZ_RUNS, FUZZ_SEED, HANG_MS } from '#tests/fuzz.ts'
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

type Answer = { status: number; body: string }

function send(path: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(new URL(path, server.url), { method: 'POST', headers: { 'content-length': String(body.length), ...headers } }, (response) => {
			let text = ''
			response.setEncoding('utf8')
			response.on('data', (chunk: string) => (text += chunk))
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
		})
		// A server that answers a huge body early closes the connection while it is still being
		// written: the write fails, but the answer may still be on its way — wait for it a moment.
		request.on('error', (error) => setTimeout(() => reject(error), 500))
		request.setTimeout(HANG_MS, () => request.destroy(new Error(`no answer to POST ${path} in ${HANG_MS} ms`)))
		request.end(body)
	})
}

function allowedRole(row: RouteCase): Role {
	return ROLES.find((role) => row.expect[role] === 'ok') ?? ROLES.find((role) => row.expect[role] === 'no-op') ?? 'anonymous'
}

function defaultParams(w: World): Record<string, string> {
	return { slug: w.group.slug, threadId: w.groupThread.id, userId: w.people.alice.id, token: w.invitationToken, notificationId: w.notificationId }
}

/** One valid request per action (its first row), and who may send it. */
async function target(file: string) {
	const route = routes.find((candidate) => candidate.file === file)!
	const row = ROUTE_CASES.find((candidate) => candidate.route === file && candidate.method === 'POST')!
	const role = allowedRole(row)
	const actor = await actorFor(world, role)
	const made = (await row.setup?.({ world, actor })) ?? {}
	const c = { world, actor, made }
	const params = { ...defaultParams(world), ...row.params?.(c) }
	const path = fillPattern(route.pattern, Object.fromEntries(paramNames(route.pattern).map((name) => [name, params[name]!])))
	const headers: Record<string, string> = { origin: server.url, ...(actor ? { cookie: actor.cookie } : {}) }
	return { path, form: row.form?.(c) ?? {}, headers, role }
}

type Body = { contentType: string | null; body: Buffer; label: string }

const ACTION_ROUTES = [...new Set(ROUTE_CASES.filter((row) => row.method === 'POST').map((row) => row.route))]
const RUNS = Math.max(5, Math.ceil(FUZZ_RUNS / 2))
let totalRuns = 0

const randomBytes = fc.uint8Array({ maxLength: 2000 }).map((array) => Buffer.from(array))

/** Bodies that claim to be forms (urlencoded or multipart) but are broken or random. */
function brokenForms(): fc.Arbitrary<Body> {
	return fc.oneof(
		fc.constantFrom<Body>(
			{ contentType: 'multipart/form-data', body: Buffer.from('--x\r\nbroken'), label: 'multipart without a boundary' },
			{ contentType: 'multipart/form-data; boundary=x', body: Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), label: 'unterminated multipart' },
			{ contentType: 'application/x-www-form-urlencoded', body: Buffer.from('body=%zz&title=%E0%A4%A&intent=%FF%FE'), label: 'invalid percent-encoding' },
			{ contentType: 'application/x-www-form-urlencoded', body: Buffer.from([0x62, 0x6f, 0x64, 0x79, 0x3d, 0xff, 0xfe, 0xc3, 0x28]), label: 'invalid UTF-8' },
			{ contentType: 'application/x-www-form-urlencoded; charset=utf-16', body: Buffer.from('body=x', 'utf16le'), label: 'a UTF-16 form' },
		),
		fc
			.tuple(fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x'), randomBytes)
			.map(([contentType, body]) => ({ contentType, body, label: `${body.length} random bytes as ${contentType}` })),
	)
}

/** Bodies that are not forms at all: JSON, text, XML, bytes, or no content type. */
function notForms(form: Record<string, string>): fc.Arbitrary<Body> {
	return fc.oneof(
		fc.constantFrom<Body>(
			{ contentType: 'application/json', body: Buffer.from(JSON.stringify(form)), label: 'the form as JSON' },
			{ contentType: 'text/plain', body: Buffer.from(new URLSearchParams(form).toString()), label: 'the form as text/plain' },
			{ contentType: null, body: Buffer.from(new URLSearchParams(form).toString()), label: 'the form without a content type' },
			{ contentType: 'application/xml', body: Buffer.from('<a>b</a>'), label: 'XML' },
		),
		fc
			.tuple(fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'), randomBytes)
			.map(([contentType, body]) => ({ contentType, body, label: `${body.length} random bytes as ${contentType}` })),
	)
}

/** Sends what `bodies` makes, RUNS times, and judges every answer. */
async function survives(file: string, bodies: (form: Record<string, string>) => fc.Arbitrary<Body>) {
	const { path, form, headers, role } = await target(file)
	await fc.assert(
		fc.asyncProperty(bodies(form), async ({ contentType, body, label }) => {
			const before = await databaseDigest()
			const answer = await send(path, body, { ...headers, ...(contentType ? { 'content-type': contentType } : {}) })
			totalRuns += 1
			const what = `POST ${path} as ${role} with ${label}: ${answer.status} ${answer.body.slice(0, 200)}`
			expect(answer.status, what).toBeGreaterThanOrEqual(200)
			expect(answer.status, what).toBeLessThan(500)
			if (answer.status >= 400) {
				expect(answer.body.trim(), `a ${answer.status} without a message: ${what}`).not.toBe('')
				// A refusal on the thread page is shown on the thread itself, and showing a thread records
				// how far its reader has read: that write is the page view's, not the refused action's.
				const changed = changedTables(before, await databaseDigest()).filter((table) => table !== 'ThreadUserState')
				expect(changed, `a ${answer.status} that wrote: ${what}`).toEqual([])
			}
		}),
		{ numRuns: RUNS, seed: FUZZ_SEED },
	)
}


describe.each(ACTION_ROUTES.map((file) => [file]))('%s', (file) => {
	test(`answers ${RUNS} broken or random form bodies with a 2xx, 3xx or 4xx`, () => survives(file, brokenForms), 120_000)

	test(`answers ${RUNS} bodies that are not forms (JSON, text, none) with a 2xx, 3xx or 4xx`, () => survives(file, notForms), 120_000)

	test('refuses a 10 MB body at the edge with 413, before any work', async () => {
		const { path, headers } = await target(file)
		const body = Buffer.from(new URLSearchParams({ body: 'x'.repeat(10 * 1024 * 1024) }).toString())
		const before = await databaseDigest()
		const answer = await send(path, body, { ...headers, 'content-type': 'application/x-www-form-urlencoded' }).catch((error: Error) => ({ status: 0, body: error.message }))
		totalRuns += 1
		expect(answer.status, `POST ${path}: ${answer.body.slice(0, 200)}`).toBe(413)
		expect(changedTables(before, await databaseDigest())).toEqual([])
	}, 60_000)
})

afterAll(() => {
	console.log(`request fuzzing: ${ACTION_ROUTES.length} actions × (${RUNS} broken forms + ${RUNS} non-forms + 1 oversized) = ${totalRuns} requests`)
})
