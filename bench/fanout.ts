// Live fan-out and the memory of idle sockets, against the production server in a child process
// (the clients run here, in another process).
//   figure 1: a reply posted through the real reply form (HTTP POST) until the last of N readers
//             of the thread has its 'thread:post-created' event (p50, p99 over the replies)
//   ceiling:  a bare socket.io server (its own process, same machine) asked over HTTP to
//             broadcast a payload of the same size to one room of N sockets, until the last has it
//   figure 2: the server's RSS growth per idle authenticated socket (connected, in its thread's
//             room), beside a bare socket.io server's growth per socket: over all N sockets (this
//             includes the heap the connecting work leaves grown: handshakes and joins query the
//             database), and over the second half only (what one more socket costs)
// Options (env): BENCH_READERS (comma-separated, default 1000,10000), BENCH_REPLIES (20),
// BENCH_BUILD_DIR (default build/, built when missing).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { benchDir, printTable, throwawaySqlite, writeResults } from './lib.ts'

const READER_COUNTS = (process.env.BENCH_READERS ?? '1000,10000').split(',').map(Number)
const REPLIES = Number(process.env.BENCH_REPLIES ?? 20)
const projectRoot = path.dirname(benchDir)
const buildDir = path.resolve(projectRoot, process.env.BENCH_BUILD_DIR ?? 'build')
if (
	!existsSync(path.join(buildDir, 'start.mjs')) ||
	!existsSync(path.join(buildDir, 'server/index.js'))
) {
	console.log('fanout: building the app…')
	execFileSync('npm', ['run', 'build'], {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, PEERPOWER_BUILD_DIR: buildDir },
	})
}

const database = throwawaySqlite()
process.env.DATABASE_URL = database.url
const { migrateDatabase } = await import('#server/db/migrate.ts')
const { db, disconnectDb } = await import('#app/utils/db.server.ts')
const { createThread } = await import('#app/modules/forums/posts.server.ts')
const { FORUM_EVENTS } = await import('#app/modules/forums/events.ts')
const { generateToken, hashToken, SESSION_COOKIE, SESSION_LIFETIME_MS } =
	await import('#app/modules/auth/sessions.server.ts')
const { createGroupWith, createUser } = await import('#tests/helpers.ts')
const { createPublisher } = await import('#server/realtime/publisher.ts')
const { Server } = await import('socket.io')
const { freePort, spawnServer } = await import('#tests/server-process.ts')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const percentile = (sorted: number[], q: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
const rssOf = (pid: number) =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024

async function setUp(readers: number) {
	await migrateDatabase(database.url)
	const writer = await createUser({ name: 'Writer' })
	await db.user.createMany({
		data: Array.from({ length: readers }, (_, i) => ({
			name: `Reader ${i}`,
			handle: `reader${i}`,
			email: `reader${i}@example.com`,
			company: 'Readers Ltd',
			passwordHash: writer.passwordHash,
		})),
	})
	const users = await db.user.findMany({
		where: { email: { startsWith: 'reader' } },
		select: { id: true },
	})
	const group = await createGroupWith({ moderator: writer })
	await db.membership.createMany({
		data: users.map((user) => ({ userId: user.id, groupId: group.id, role: 'member' })),
	})
	const tokens = users.map(() => generateToken())
	await db.session.createMany({
		data: users.map((user, i) => ({
			id: hashToken(tokens[i]!),
			userId: user.id,
			expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
		})),
	})
	const writerToken = generateToken()
	await db.session.create({
		data: {
			id: hashToken(writerToken),
			userId: writer.id,
			expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
		},
	})
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	const { threadId } = await createThread(
		{ id: writer.id, isSiteAdmin: false },
		forum.id,
		{
			kind: 'discussion',
			title: 'Live thread',
			categoryId: forum.categories[0]!.id,
			tags: [],
			body: 'Opening post',
		},
		createPublisher(new Server()),
		'unpaced',
	)
	await disconnectDb()
	const cookie = (token: string) => `${SESSION_COOKIE}=${token}`
	return { threadId, readerCookies: tokens.map(cookie), writerCookie: cookie(writerToken) }
}

/** Connects sockets in batches; `onConnect` runs once each is connected (e.g. to join a room). */
async function connectAll(
	url: string,
	cookies: Array<string | undefined>,
	onConnect: (socket: Socket) => Promise<void>,
) {
	const sockets: Socket[] = []
	for (let start = 0; start < cookies.length; start += 200) {
		await Promise.all(
			cookies.slice(start, start + 200).map(async (cookie) => {
				const socket = io(url, {
					transports: ['websocket'],
					reconnection: false,
					forceNew: true,
					extraHeaders: cookie ? { cookie, origin: url } : { origin: url },
				})
				sockets.push(socket)
				await new Promise<void>((resolve, reject) => {
					socket.once('connect', () => resolve())
					socket.once('connect_error', (error) => reject(error))
				})
				await onConnect(socket)
			}),
		)
	}
	return sockets
}

/** Time from starting `trigger` until every socket has seen the event `matches` accepts. */
async function fanOut(
	sockets: Socket[],
	event: string,
	trigger: () => Promise<unknown>,
	matches: (payload: unknown) => boolean,
) {
	let remaining = sockets.length
	let done!: () => void
	const all = new Promise<void>((resolve) => (done = resolve))
	const listeners = sockets.map((socket) => {
		const listener = (payload: unknown) => {
			if (!matches(payload)) return
			socket.off(event, listener)
			if (--remaining === 0) done()
		}
		socket.on(event, listener)
		return listener
	})
	const started = performance.now()
	await Promise.all([trigger(), all])
	const ms = performance.now() - started
	sockets.forEach((socket, i) => socket.off(event, listeners[i]))
	return ms
}

const BARE_SERVER = `
const { createServer } = require('node:http')
const { Server } = require('socket.io')
const http = createServer((req, res) => {
	let body = ''
	req.on('data', (chunk) => (body += chunk))
	req.on('end', () => { io.to('room').emit('event', JSON.parse(body)); res.end('ok') })
})
const io = new Server(http, { serveClient: false })
io.on('connection', (socket) => socket.join('room'))
http.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
`

async function bare(readers: number, payload: unknown) {
	const port = await freePort()
	const child: ChildProcess = spawn(process.execPath, ['-e', BARE_SERVER], {
		cwd: projectRoot,
		env: { ...process.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
	const url = `http://127.0.0.1:${port}`
	await sleep(1000)
	const before = rssOf(child.pid!)
	const half = Math.floor(readers / 2)
	const sockets = await connectAll(url, Array.from({ length: half }), async () => undefined)
	await sleep(2000)
	const middle = rssOf(child.pid!)
	sockets.push(
		...(await connectAll(url, Array.from({ length: readers - half }), async () => undefined)),
	)
	await sleep(3000)
	const perSocket = (rssOf(child.pid!) - before) / readers
	const marginal = (rssOf(child.pid!) - middle) / (readers - half)
	const samples: number[] = []
	for (let i = 0; i < REPLIES; i++) {
		const marker = randomUUID()
		const body = JSON.stringify({ ...(payload as object), marker })
		samples.push(
			await fanOut(
				sockets,
				'event',
				() => fetch(url, { method: 'POST', body }).then((response) => response.text()),
				(received) => (received as { marker?: string }).marker === marker,
			),
		)
		await sleep(200)
	}
	for (const socket of sockets) socket.disconnect()
	child.kill()
	return { samples: samples.sort((a, b) => a - b), perSocket, marginal }
}

async function peerpower(readers: number) {
	const { threadId, readerCookies, writerCookie } = await setUp(readers)
	const server = await spawnServer({
		buildDir,
		databaseUrl: database.url,
		port: await freePort(),
		compiled: true,
		env: { LOG_LEVEL: 'error' },
	})
	try {
		await sleep(1000)
		const before = server.rss()
		const join = async (socket: Socket) => {
			const answer = (await socket.timeout(60_000).emitWithAck('thread:join', { threadId })) as {
				ok: boolean
			}
			if (!answer.ok) throw new Error('thread:join refused')
		}
		const half = Math.floor(readers / 2)
		const sockets = await connectAll(server.url, readerCookies.slice(0, half), join)
		await sleep(2000)
		const middle = server.rss()
		sockets.push(...(await connectAll(server.url, readerCookies.slice(half), join)))
		await sleep(3000)
		const perSocket = (server.rss() - before) / readers
		const marginal = (server.rss() - middle) / (readers - half)
		const samples: number[] = []
		let payload: unknown
		for (let i = 0; i < REPLIES; i++) {
			const form = new URLSearchParams({
				intent: 'reply',
				body: `Reply ${i}: the **numbers** for Q${(i % 4) + 1}.`,
				idempotencyKey: randomUUID(),
			})
			let number = -1
			const ms = await fanOut(
				sockets,
				FORUM_EVENTS.postCreated,
				async () => {
					const response = await fetch(`${server.url}/t/${threadId}`, {
						method: 'POST',
						headers: {
							cookie: writerCookie,
							origin: server.url,
							'content-type': 'application/x-www-form-urlencoded',
						},
						body: form,
						redirect: 'manual',
					})
					if (response.status !== 302) throw new Error(`reply answered ${response.status}`)
					number = Number(/#post-(\d+)$/.exec(response.headers.get('location') ?? '')?.[1])
				},
				(event) => {
					payload ??= event
					const { post } = event as { post: { body?: string } }
					return post.body?.startsWith(`Reply ${i}:`) ?? false
				},
			)
			if (number < 0) throw new Error('no reply number')
			samples.push(ms)
			await sleep(200)
		}
		for (const socket of sockets) socket.disconnect()
		return { samples: samples.sort((a, b) => a - b), perSocket, marginal, payload }
	} finally {
		await server.stop()
		await database.dispose()
	}
}

const rows: Array<Array<string | number>> = []
const results: Record<string, unknown> = {}
for (const readers of READER_COUNTS) {
	const ours = await peerpower(readers)
	const ceiling = await bare(readers, ours.payload)
	const ratio = (q: number) =>
		(percentile(ours.samples, q) / percentile(ceiling.samples, q)).toFixed(2)
	const kib = (bytes: number) => (bytes / 1024).toFixed(1)
	rows.push(
		[
			`${readers} readers: reply → last reader`,
			percentile(ours.samples, 0.5).toFixed(0),
			percentile(ours.samples, 0.99).toFixed(0),
			kib(ours.perSocket),
			kib(ours.marginal),
		],
		[
			`  ceiling: bare socket.io broadcast`,
			percentile(ceiling.samples, 0.5).toFixed(0),
			percentile(ceiling.samples, 0.99).toFixed(0),
			kib(ceiling.perSocket),
			kib(ceiling.marginal),
		],
		[
			`  ratio`,
			ratio(0.5),
			ratio(0.99),
			(ours.perSocket / ceiling.perSocket).toFixed(2),
			(ours.marginal / ceiling.marginal).toFixed(2),
		],
	)
	results[readers] = {
		peerpower: {
			p50Ms: percentile(ours.samples, 0.5),
			p99Ms: percentile(ours.samples, 0.99),
			perSocketBytes: ours.perSocket,
			marginalPerSocketBytes: ours.marginal,
		},
		bare: {
			p50Ms: percentile(ceiling.samples, 0.5),
			p99Ms: percentile(ceiling.samples, 0.99),
			perSocketBytes: ceiling.perSocket,
			marginalPerSocketBytes: ceiling.marginal,
		},
	}
}
printTable(['fan-out', 'p50 ms', 'p99 ms', 'KiB RSS / idle socket', 'KiB, 2nd half only'], rows)
console.log(`→ ${await writeResults('fanout', { replies: REPLIES, results })}`)
process.exit(0)
