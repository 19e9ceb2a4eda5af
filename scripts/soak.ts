// `npm run soak` (about 2 minutes; `-- --short` about 30 s, for CI): PeerPower's production server
// on a throwaway SQLite database, with 500 signed-in members reading threads over socket.io, a
// steady stream of replies and page views over HTTP. It fails (exit 1) on any error answer or
// dropped socket, on any reply that a connected reader of its thread did not receive, and when
// memory grows: the server's RSS at the end must stay under SOAK_RSS_FACTOR (1.5) times its RSS
// after warm-up.
//
// Options: --short, --seconds N, --clients N, --posts-per-second N, --views-per-second N,
// --build-dir DIR (a build to use instead of building one; it must be of this checkout).
// Traffic goes to 127.0.0.1 only; every loop is bounded by the duration, and a watchdog ends the
// run if anything hangs.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { io, type Socket } from 'socket.io-client'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
	const at = args.indexOf(`--${name}`)
	return at >= 0 ? Number(args[at + 1]) : fallback
}
const short = args.includes('--short')
const SECONDS = option('seconds', short ? 30 : 120)
const CLIENTS = option('clients', 500)
const POSTS_PER_SECOND = option('posts-per-second', 4)
const VIEWS_PER_SECOND = option('views-per-second', 10)
const THREADS = 10
const POSTERS = 20
const RSS_FACTOR = Number(process.env.SOAK_RSS_FACTOR ?? 1.5)
/** The first part of the run warms the server up (JIT, caches, pools); memory is measured after it. */
const WARM_UP_SHARE = 0.25

// Ends a stuck run: the soak is bounded whatever happens.
const watchdog = setTimeout(
	() => {
		console.error(`soak: still running ${SECONDS + 240} s after start; giving up`)
		process.exit(1)
	},
	(SECONDS + 240) * 1000,
)
watchdog.unref()

process.env.NODE_ENV = 'production'
process.env.LOG_LEVEL ??= 'silent'
const workDir = await mkdtemp(path.join(os.tmpdir(), 'peerpower-soak-'))
const databaseUrl = `file:${path.join(workDir, 'soak.db')}`

/** The build this run made, if any, removed at the end. */
let ownBuild: string | undefined

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function build(): Promise<string> {
	const given = args.indexOf('--build-dir')
	if (given >= 0) return path.resolve(args[given + 1]!)
	// Inside the project, so that the build's server code finds node_modules; removed at the end.
	const buildDir = path.join(projectRoot, 'tests/.tmp', path.basename(workDir), 'build')
	ownBuild = path.dirname(buildDir)
	console.log('soak: building the app (react-router build)…')
	await promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/react-router'), ['build'], {
		cwd: projectRoot,
		env: { ...process.env, NODE_ENV: 'production', PEERPOWER_BUILD_DIR: buildDir },
		timeout: 240_000,
	})
	return buildDir
}

const { migrateDatabase } = await import('#server/db/migrate.ts')
const { db, disconnectDb } = await import('#app/utils/db.server.ts')
const { configure, parseEnv } = await import('#app/utils/env.server.ts')
// This process fills the soak's database directly; the server under test is a child process.
configure(parseEnv({ ...process.env, DATABASE_URL: databaseUrl }))
const { createThread } = await import('#app/modules/forums/posts.server.ts')
const { FORUM_EVENTS } = await import('#app/modules/forums/events.ts')
const { createGroupWith, createUser, sessionCookieFor } = await import('#tests/helpers.ts')
const { createPublisher } = await import('#server/realtime/publisher.ts')
const { Server } = await import('socket.io')
const { freePort, spawnServer } = await import('#tests/server-process.ts')

type Member = { id: string; cookie: string }
type Reader = { member: Member; threadId: string; socket: Socket; joinedAt: number; received: Set<number>; dropped: boolean }
type Sent = { threadId: string; number: number; sentAt: number }

const errors: string[] = []
const error = (message: string) => {
	if (errors.length < 50) errors.push(message)
	else if (errors.length === 50) errors.push('… more errors left out')
}

let exitCode = 1
/** Set once the run is over: sockets closing after it are not drops. */
let finished = false
let server: Awaited<ReturnType<typeof spawnServer>> | undefined
const readers: Reader[] = []
try {
	const buildDir = await build()
	if (!existsSync(path.join(buildDir, 'server/index.js'))) throw new Error(`no server build in ${buildDir}`)

	// The community: one group with everyone in it, a few threads.
	await migrateDatabase(databaseUrl)
	const setupStarted = Date.now()
	// One member made the usual way (it hashes the shared password once), the others in bulk.
	const first = await createUser({ name: 'Soak Member 0', email: 'soak0@example.com' })
	await db.user.createMany({
		data: Array.from({ length: CLIENTS + POSTERS - 1 }, (_, i) => ({
			name: `Soak Member ${i + 1}`,
			handle: `soak.member${i + 1}`,
			email: `soak${i + 1}@example.com`,
			company: 'Soak Ltd',
			passwordHash: first.passwordHash,
		})),
	})
	const users = await db.user.findMany({ where: { email: { startsWith: 'soak' } }, orderBy: { createdAt: 'asc' }, select: { id: true } })
	const members: Member[] = []
	for (let i = 0; i < users.length; i += 50) {
		const batch = users.slice(i, i + 50)
		members.push(...(await Promise.all(batch.map(async (user) => ({ id: user.id, cookie: await sessionCookieFor(user.id) })))))
	}
	const group = await createGroupWith({ moderator: members[0]! })
	await db.membership.createMany({ data: members.slice(1).map((member) => ({ userId: member.id, groupId: group.id, role: 'member' })) })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	const quiet = createPublisher(new Server())
	const threadIds: string[] = []
	for (let i = 0; i < THREADS; i++) {
		const { threadId } = await createThread(
			{ id: members[i]!.id, isSiteAdmin: false },
			forum.id,
			{ kind: 'discussion', title: `Soak thread ${i}`, categoryId: forum.categories[0]!.id, tags: [], body: 'Opening post' },
			quiet,
		)
		threadIds.push(threadId)
	}
	await disconnectDb()
	console.log(`soak: ${members.length} members, ${THREADS} threads ready in ${((Date.now() - setupStarted) / 1000).toFixed(0)} s`)

	const port = await freePort()
	server = await spawnServer({ buildDir, databaseUrl, port, env: { LOG_LEVEL: 'error' } })
	const origin = server.url
	const readersOf = members.slice(0, CLIENTS)
	const posters = members.slice(CLIENTS)

	// 500 readers, connected in batches as tabs would open over a few seconds.
	const connectStarted = Date.now()
	for (let start = 0; start < readersOf.length; start += 50) {
		await Promise.all(
			readersOf.slice(start, start + 50).map(async (member, offset) => {
				const threadId = threadIds[(start + offset) % THREADS]!
				const socket = io(origin, { transports: ['websocket'], extraHeaders: { cookie: member.cookie }, reconnection: false, forceNew: true })
				const reader: Reader = { member, threadId, socket, joinedAt: Infinity, received: new Set(), dropped: false }
				readers.push(reader)
				socket.on(FORUM_EVENTS.postCreated, (event: { threadId: string; post: { number: number } }) => {
					if (event.threadId === threadId) reader.received.add(event.post.number)
				})
				await new Promise<void>((resolve, reject) => {
					socket.once('connect', () => resolve())
					socket.once('connect_error', (cause) => reject(new Error(`socket refused: ${cause.message}`)))
				})
				socket.on('disconnect', (reason) => {
					if (!finished) {
						reader.dropped = true
						error(`a reader's socket dropped: ${reason}`)
					}
				})
				const answer = (await socket.timeout(20_000).emitWithAck('thread:join', { threadId })) as { ok: boolean }
				if (!answer.ok) throw new Error(`thread:join refused: ${JSON.stringify(answer)}`)
				reader.joinedAt = Date.now()
			}),
		)
	}
	console.log(`soak: ${readers.length} sockets connected and joined in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s`)

	// The steady part: posts and page views at fixed rates, for SECONDS.
	const sent: Sent[] = []
	let views = 0
	const latencies: number[] = []
	const rss: Array<{ at: number; bytes: number }> = []
	const started = Date.now()
	const endAt = started + SECONDS * 1000
	const headersFor = (member: Member) => ({ cookie: member.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' })

	async function post(i: number) {
		const poster = posters[i % posters.length]!
		const threadId = threadIds[i % THREADS]!
		const sentAt = Date.now()
		try {
			const response = await fetch(`${origin}/t/${threadId}`, {
				method: 'POST',
				headers: headersFor(poster),
				body: new URLSearchParams({ intent: 'reply', body: `Soak reply ${i}: numbers for **Q${(i % 4) + 1}**.` }),
				redirect: 'manual',
			})
			await response.arrayBuffer()
			latencies.push(Date.now() - sentAt)
			const number = Number(/#post-(\d+)$/.exec(response.headers.get('location') ?? '')?.[1])
			if (response.status !== 302 || !number) return error(`reply answered ${response.status}`)
			sent.push({ threadId, number, sentAt })
		} catch (cause) {
			error(`reply failed: ${(cause as Error).message}`)
		}
	}

	async function view(i: number) {
		const reader = readers[(i * 7919) % readers.length]!
		const url = i % 3 === 0 ? `${origin}/g/${group.slug}/forum` : `${origin}/t/${reader.threadId}`
		const sentAt = Date.now()
		try {
			const response = await fetch(url, { headers: { cookie: reader.member.cookie }, redirect: 'manual' })
			await response.arrayBuffer()
			latencies.push(Date.now() - sentAt)
			if (response.status !== 200) return error(`GET ${new URL(url).pathname} answered ${response.status}`)
			views += 1
		} catch (cause) {
			error(`page view failed: ${(cause as Error).message}`)
		}
	}

	// Requests are started on a clock, not one after another: a slow answer does not slow the load.
	const inFlight = new Set<Promise<void>>()
	const track = (work: Promise<void>) => {
		inFlight.add(work)
		void work.finally(() => inFlight.delete(work))
	}
	const sampler = setInterval(() => rss.push({ at: Date.now(), bytes: server!.rss() }), 1000)
	let posts = 0
	let pageViews = 0
	// The most requests waiting for an answer at once: how far the server fell behind the clock.
	let backlog = 0
	while (Date.now() < endAt) {
		const elapsed = (Date.now() - started) / 1000
		while (posts < elapsed * POSTS_PER_SECOND) track(post(posts++))
		while (pageViews < elapsed * VIEWS_PER_SECOND) track(view(pageViews++))
		backlog = Math.max(backlog, inFlight.size)
		await sleep(25)
	}
	await Promise.all(inFlight)
	// Every post has been answered; its event was sent before the answer. Give delivery a moment.
	await sleep(2000)
	clearInterval(sampler)
	rss.push({ at: Date.now(), bytes: server.rss() })

	// No message lost: every reply reached every reader of its thread who was connected before it was sent.
	let deliveries = 0
	let lost = 0
	for (const reader of readers) {
		if (reader.dropped) continue
		for (const item of sent) {
			if (item.threadId !== reader.threadId || item.sentAt < reader.joinedAt) continue
			if (reader.received.has(item.number)) deliveries += 1
			else lost += 1
		}
	}
	if (lost > 0) error(`${lost} replies never reached a connected reader of their thread`)
	finished = true

	const warm = rss.find((sample) => sample.at >= started + SECONDS * 1000 * WARM_UP_SHARE) ?? rss[0]!
	const end = rss.at(-1)!
	const peak = Math.max(...rss.map((sample) => sample.bytes))
	const sortedLatency = [...latencies].sort((a, b) => a - b)
	const p = (q: number) => sortedLatency[Math.min(sortedLatency.length - 1, Math.floor(q * sortedLatency.length))] ?? 0
	if (end.bytes > warm.bytes * RSS_FACTOR) error(`memory grew: RSS ${mb(warm.bytes)} after warm-up, ${mb(end.bytes)} at the end (limit ×${RSS_FACTOR})`)

	console.log(
		[
			`soak: ${SECONDS} s, ${readers.length} sockets, ${sent.length} replies (${POSTS_PER_SECOND}/s), ${views} page views (${VIEWS_PER_SECOND}/s)`,
			`  deliveries to connected readers: ${deliveries}, lost: ${lost}, dropped sockets: ${readers.filter((r) => r.dropped).length}`,
			`  HTTP latency: median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms; at most ${backlog} requests waiting at once`,
			`  server RSS: ${mb(rss[0]!.bytes)} at start, ${mb(warm.bytes)} after warm-up, ${mb(end.bytes)} at the end, peak ${mb(peak)} (end/warm ${(end.bytes / warm.bytes).toFixed(2)}, limit ${RSS_FACTOR})`,
			`  errors: ${errors.length}`,
			...errors.map((message) => `    - ${message}`),
		].join('\n'),
	)
	exitCode = errors.length === 0 ? 0 : 1
} catch (cause) {
	console.error(`soak: ${(cause as Error).stack ?? cause}`)
} finally {
	for (const reader of readers) reader.socket.disconnect()
	await server?.stop()
	await rm(workDir, { recursive: true, force: true })
	if (ownBuild) await rm(ownBuild, { recursive: true, force: true })
}
process.exit(exitCode)
