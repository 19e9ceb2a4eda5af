// Helpers for tests that talk to a real server over the network: the production build it serves,
// a started server on a free port, socket.io clients, raw HTTP.
import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import path from 'node:path'
import { promisify } from 'node:util'
import { io, type Socket } from 'socket.io-client'
import { inject } from 'vitest'
import { getEnv, type Env } from '#app/utils/env.server.ts'
import { projectRoot } from '#server/db/engine.ts'
import { startServer, type RunningServer } from '#server/index.ts'
import { tmpDir } from './setup/test-database.ts'

// The tests' own build, apart from build/: other people's builds and `npm start` never touch it.
// (react-router.config.ts builds into PEERPOWER_BUILD_DIR.) Kept inside a folder of its own so a
// server process started with that folder as working directory finds it at ./build.
export const testBuildRoot = path.join(tmpDir, 'server-build')
const buildDir = path.join(testBuildRoot, 'build')
const serverEntry = path.join(buildDir, 'server/index.js')
// What the server build is made from: when any of it is newer than the build, the build is stale.
const buildSources = [
	'app',
	'prisma/generated',
	'react-router.config.ts',
	'vite.config.ts',
	'package-lock.json',
]

async function newestModification(file: string): Promise<number> {
	const info = await stat(file).catch(() => null)
	if (!info) return 0
	if (!info.isDirectory()) return info.mtimeMs
	// Unit tests live next to the code but are not part of the build.
	const entries = (await readdir(file)).filter((entry) => !/\.test\.tsx?$/.test(entry))
	const times = await Promise.all(
		entries.map((entry) => newestModification(path.join(file, entry))),
	)
	return Math.max(info.mtimeMs, ...times)
}

async function buildTime(): Promise<number | null> {
	return stat(serverEntry).then(
		(info) => info.mtimeMs,
		() => null,
	)
}

/** Usable: newer than all its sources, or made during this run (others may edit while tests run). */
async function buildIsUsable(): Promise<boolean> {
	const built = await buildTime()
	if (built === null) return false
	if (built >= inject('runStartedAt')) return true
	const sources = await Promise.all(
		buildSources.map((source) => newestModification(path.join(projectRoot, source))),
	)
	return Math.max(...sources) <= built
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch {
		return false
	}
}

/** Runs `work` while holding a lock directory that test files (and parallel runs) share. */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
	await mkdir(tmpDir, { recursive: true })
	const lock = path.join(tmpDir, 'build.lock')
	const owner = path.join(lock, 'pid')
	for (;;) {
		const acquired = await mkdir(lock).then(
			() => true,
			() => false,
		)
		if (acquired) {
			await writeFile(owner, String(process.pid))
			break
		} else {
			// A lock whose process has gone (a killed run) is taken over.
			const pid = Number(await readFile(owner, 'utf8').catch(() => ''))
			if (pid && !isRunning(pid)) await rm(lock, { recursive: true, force: true })
			else await new Promise((resolve) => setTimeout(resolve, 250))
		}
	}
	try {
		await work()
	} finally {
		await rm(lock, { recursive: true, force: true })
	}
}

/**
 * Outside development the server imports a production build, which bundles the app and its Prisma
 * client. When the tests' build is missing or older than its sources, the first test file that
 * needs it runs `react-router build` (15-20 s), once per run; the lock keeps test files that run
 * in parallel from building at the same time.
 */
export function ensureServerBuild(): Promise<string> {
	// Checked once per test file: a build that was good at its start stays good for it.
	ensured ??= (async () => {
		if (await buildIsUsable()) return serverEntry
		await withBuildLock(async () => {
			if (await buildIsUsable()) return
			await promisify(execFile)(
				path.join(projectRoot, 'node_modules/.bin/react-router'),
				['build'],
				{
					cwd: projectRoot,
					env: { ...process.env, NODE_ENV: 'production', PEERPOWER_BUILD_DIR: buildDir },
					timeout: 120_000,
				},
			)
		})
		return serverEntry
	})()
	return ensured
}
let ensured: Promise<string> | undefined

/** Test files that start the server give their first hook this long: it may have to build. */
export const SERVER_START_TIMEOUT = 180_000

/** The real server (migrations, Express, socket.io, the built app) on a free port of 127.0.0.1. */
export async function startTestServer(overrides: Partial<Env> = {}): Promise<RunningServer> {
	const buildPath = await ensureServerBuild()
	// The test file's environment (its database, the posting gaps turned off), on a free port.
	return startServer({ ...getEnv(), PORT: 0, HOST: '127.0.0.1', ...overrides }, { buildPath })
}

/** A socket.io client as a browser tab would open one, over WebSocket only, not reconnecting. */
export function connectSocket(url: string, headers: Record<string, string> = {}): Socket {
	return io(url, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true,
	})
}

/** Resolves once the socket is connected; rejects with the server's reason when it is refused. */
export function connected(socket: Socket): Promise<Socket> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve(socket)
		socket.once('connect', () => resolve(socket))
		socket.once('connect_error', (error) => reject(error))
	})
}

/** The reason the server refused the connection (the test fails if it connects instead). */
export function refusal(socket: Socket): Promise<Error> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () =>
			reject(new Error('the socket connected, but should have been refused')),
		)
		socket.once('connect_error', (error) => resolve(error))
	})
}

/** The next `event` on the socket whose payload passes `accept`. */
export function nextEvent<T>(
	socket: Socket,
	event: string,
	accept: (payload: T) => boolean = () => true,
): Promise<T> {
	return new Promise((resolve) => {
		const listener = (payload: T) => {
			if (!accept(payload)) return
			socket.off(event, listener)
			resolve(payload)
		}
		socket.on(event, listener)
	})
}

export type HttpResult = {
	status: number
	headers: Record<string, string | string[] | undefined>
	body: string
}

/** One request with exactly the headers given (fetch would add or refuse some, like Origin). */
export function send(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
			let body = ''
			res.setEncoding('utf8')
			res.on('data', (chunk: string) => (body += chunk))
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
		})
		req.on('error', reject)
		req.end(options.body)
	})
}
