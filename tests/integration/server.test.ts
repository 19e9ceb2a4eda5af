// The server process around the app, over real HTTP: health check, the origin check on writes,
// graceful shutdown, start-up configuration errors, the request log.
import { spawn, type ChildProcess } from 'node:child_process'
import { connect, type Socket as NetSocket } from 'node:net'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { db, disconnectDb } from '#app/utils/db.server.ts'
import { projectRoot } from '#server/db/engine.ts'
import type { RunningServer } from '#server/index.ts'
import { changeEnv, createUser, sessionCookieFor, TEST_PASSWORD } from '#tests/helpers.ts'
import { createTestDatabase } from '#tests/setup/test-database.ts'
import {
	connected,
	connectSocket,
	ensureServerBuild,
	SERVER_START_TIMEOUT,
	send,
	startTestServer,
	testBuildRoot,
} from '#tests/running-server.ts'

function form(values: Record<string, string>): { body: string; headers: Record<string, string> } {
	const body = new URLSearchParams(values).toString()
	return {
		body,
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': String(Buffer.byteLength(body)),
		},
	}
}

/** Whether a new TCP connection to the server's port is accepted. */
function acceptsConnections(url: string): Promise<boolean> {
	const { hostname, port } = new URL(url)
	return new Promise((resolve) => {
		const socket = connect(Number(port), hostname)
		socket.once('connect', () => {
			socket.destroy()
			resolve(true)
		})
		socket.once('error', () => resolve(false))
	})
}

describe('a started server', () => {
	let server: RunningServer

	beforeAll(async () => {
		server = await startTestServer()
	}, SERVER_START_TIMEOUT)

	afterAll(async () => {
		await server?.close()
	})

	test('GET /healthz answers 200 when the database answers', async () => {
		const response = await send(`${server.url}/healthz`)
		expect(response.status).toBe(200)
		expect(JSON.parse(response.body)).toEqual({ status: 'ok', database: 'ok' })
	})

	test('GET /healthz answers 503 while the database is unreachable, and 200 again once it is back', async () => {
		// The database client is created on first use from DATABASE_URL: dropping the connection and
		// pointing it at a port where no database listens makes every query fail, as an outage would.
		await disconnectDb()
		const restoreEnv = changeEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/unreachable' })
		try {
			const response = await send(`${server.url}/healthz`)
			expect(response.status).toBe(503)
			expect(JSON.parse(response.body)).toEqual({ status: 'unavailable', database: 'unreachable' })
		} finally {
			await disconnectDb()
			restoreEnv()
		}
		expect((await send(`${server.url}/healthz`)).status).toBe(200)
	})

	test('a POST from a foreign origin is refused with 403 and changes nothing', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const response = await send(`${server.url}/logout`, {
			method: 'POST',
			headers: { cookie, origin: 'http://evil.example', ...form({}).headers },
			body: '',
		})
		expect(response.status).toBe(403)
		expect(response.body).toMatch(/Forbidden/)
		expect(await db.session.count({ where: { userId: user.id } })).toBe(1)
	})

	test('a POST without an Origin header is refused with 403', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const response = await send(`${server.url}/logout`, {
			method: 'POST',
			headers: { cookie, ...form({}).headers },
			body: '',
		})
		expect(response.status).toBe(403)
		expect(await db.session.count({ where: { userId: user.id } })).toBe(1)
	})

	test('a POST from our own origin reaches the app', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		const response = await send(`${server.url}/logout`, {
			method: 'POST',
			headers: { cookie, origin: server.url, ...form({}).headers },
			body: '',
		})
		expect(response.status).toBe(302)
		expect(response.headers.location).toBe('/')
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
	})

	test('a GET from a foreign origin is served (reading changes nothing)', async () => {
		const response = await send(`${server.url}/login`, {
			headers: { origin: 'http://evil.example' },
		})
		expect(response.status).toBe(200)
		expect(response.body).toMatch(/Log in to PeerPower/)
	})
})

describe('closing the server (what SIGTERM does)', () => {
	test(
		'stops accepting, disconnects sockets, lets the request in flight finish, then resolves',
		async () => {
			const server = await startTestServer()
			const user = await createUser()
			const socket = connectSocket(server.url, { cookie: await sessionCookieFor(user.id) })
			await connected(socket)
			const socketClosed = new Promise<string>((resolve) =>
				socket.once('disconnect', (reason) => resolve(reason)),
			)

			// A log-in whose body has not fully arrived: the app is still reading it when close() begins.
			const { hostname, port } = new URL(server.url)
			const body = new URLSearchParams({ email: user.email, password: TEST_PASSWORD }).toString()
			const raw: NetSocket = connect(Number(port), hostname)
			await new Promise((resolve) => raw.once('connect', resolve))
			let response = ''
			raw.setEncoding('utf8')
			raw.on('data', (chunk: string) => (response += chunk))
			const responded = new Promise<void>((resolve) => raw.once('end', () => resolve()))
			const [head, tail] = [body.slice(0, 10), body.slice(10)]
			const requestArrived = new Promise((resolve) => server.httpServer.once('request', resolve))
			raw.write(
				`POST /login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${server.url}\r\n` +
					`Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${head}`,
			)
			await requestArrived

			let closeResolved = false
			const closing = server.close().then(() => {
				closeResolved = true
			})

			expect(await socketClosed).toBe('io server disconnect')
			expect(await acceptsConnections(server.url)).toBe(false)
			expect(closeResolved).toBe(false)

			raw.write(tail)
			await responded
			expect(response).toMatch(/^HTTP\/1\.1 302 /)
			expect(response).toMatch(/set-cookie: pp_session=/i)
			// The answer ends its connection: kept alive, it would hold the shutdown for keepAliveTimeout.
			expect(response).toMatch(/^connection: close\r$/im)
			await closing
			expect(closeResolved).toBe(true)
			expect(server.httpServer.listening).toBe(false)
		},
		SERVER_START_TIMEOUT,
	)
})

const tsx = path.join(projectRoot, 'node_modules/.bin/tsx')

/**
 * `tsx server/index.ts`; it serves ./build, so `cwd` decides which build. With `signals`, Node runs
 * the server itself (`node --import tsx`): the tsx command relays a signal to its child and kills
 * it outright when the child's event loop does not acknowledge within 30 ms, which a busy test
 * machine can miss; a signal should reach the server's own handler.
 */
function runServerProcess(
	env: Record<string, string>,
	options: { cwd?: string; signals?: boolean } = {},
): ChildProcess {
	const entry = path.join(projectRoot, 'server/index.ts')
	const [command, args] = options.signals
		? [process.execPath, ['--import', 'tsx', entry]]
		: [tsx, [entry]]
	return spawn(command, args, {
		cwd: options.cwd ?? projectRoot,
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: '0',
			LOG_LEVEL: 'silent',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
}

function finished(
	child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	let stdout = ''
	let stderr = ''
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
	return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

describe('starting with a wrong environment', () => {
	test.each([
		['PORT', { PORT: 'abc' }],
		['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
		['NODE_ENV', { NODE_ENV: 'staging' }],
	])(
		'a wrong %s stops the process with one line that names it',
		async (name, env) => {
			const { code, stdout, stderr } = await finished(runServerProcess(env))
			expect(code).not.toBe(0)
			expect(stdout).toBe('')
			const lines = stderr.trim().split('\n')
			expect(lines).toHaveLength(1)
			expect(lines[0]).toContain(`Invalid environment variable ${name}`)
		},
		90_000,
	)
})

describe('the server process', () => {
	let child: ChildProcess | undefined
	let database: { url: string; dispose: () => Promise<void> } | undefined

	afterAll(async () => {
		if (child && child.exitCode === null) child.kill('SIGKILL')
		await database?.dispose()
	})

	test(
		'logs one line per request without cookies, and exits cleanly on SIGTERM',
		async () => {
			await ensureServerBuild()
			// Its own database: two processes writing one SQLite file would make each other wait.
			database = await createTestDatabase(inject('templateDatabaseUrl'))
			child = runServerProcess(
				{ DATABASE_URL: database.url, LOG_LEVEL: 'info', SECURE_COOKIES: 'auto' },
				{ cwd: testBuildRoot, signals: true },
			)
			const exit = finished(child)
			const logLines: Array<Record<string, unknown>> = []
			const listening = new Promise<string>((resolve, reject) => {
				createInterface({ input: child!.stdout! }).on('line', (line) => {
					const entry = JSON.parse(line) as Record<string, unknown>
					logLines.push(entry)
					if (typeof entry.url === 'string' && String(entry.msg).includes('listening'))
						resolve(entry.url)
				})
				void exit.then(({ code, stderr }) =>
					reject(
						new Error(
							`the server exited (${code}) before listening: ${stderr}${JSON.stringify(logLines)}`,
						),
					),
				)
			})
			const url = await listening

			const signup = form({
				name: 'Process Test',
				email: 'process@example.com',
				company: 'P',
				password: 'long enough password',
			})
			const response = await send(`${url}/signup?from=test`, {
				method: 'POST',
				headers: { origin: url, cookie: 'pp_toast=secret-cookie-value', ...signup.headers },
				body: signup.body,
			})
			expect(response.status).toBe(302)
			// Sign-up logs nobody in (it answers alike for a taken email): the new member logs in.
			const credentials = form({ email: 'process@example.com', password: 'long enough password' })
			const loggedIn = await send(`${url}/login`, {
				method: 'POST',
				headers: { origin: url, ...credentials.headers },
				body: credentials.body,
			})
			expect(loggedIn.status).toBe(302)
			// Production serves Secure cookies (SECURE_COOKIES=auto).
			const setCookie = String(loggedIn.headers['set-cookie'])
			expect(setCookie).toMatch(/pp_session=[a-z2-7]{32};.*Secure/)
			const cookie = setCookie.match(/pp_session=[a-z2-7]{32}/)![0]
			const home = await send(`${url}/`, { headers: { cookie } })
			expect(home.body).toMatch(/Welcome, Process/)

			child.kill('SIGTERM')
			const { code, stderr } = await exit
			expect({ code, stderr }).toEqual({ code: 0, stderr: '' })

			const requestLog = logLines.find(
				(entry) => (entry.req as { url?: string } | undefined)?.url === '/signup?from=test',
			)
			expect(requestLog).toMatchObject({
				req: { method: 'POST', url: '/signup?from=test' },
				res: { statusCode: 302 },
			})
			expect(typeof requestLog?.responseTime).toBe('number')
			const everything = JSON.stringify(logLines)
			expect(everything).not.toContain('secret-cookie-value')
			expect(everything).not.toContain(cookie.split('=')[1])
			expect(logLines.some((entry) => entry.msg === 'shutting down')).toBe(true)
		},
		SERVER_START_TIMEOUT,
	)
})
