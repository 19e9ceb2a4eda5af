// Durability: the production server is killed with SIGKILL in the middle of bursts of writes
// (replies and draft saves through the real routes, by signed-in members), restarted, and killed
// again. Afterwards every write that was acknowledged (answered 2xx/3xx) is in the database,
// nothing is half-written (post numbers contiguous, counters and the search index in step), and
// SQLite's integrity check passes.
//
// Short by default (CI); DURABILITY_FULL=1 runs the full form: at least 20 kills over at least
// 10,000 acknowledged writes. DURABILITY_KILLS and DURABILITY_WRITES override either.
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { disconnectDb, db } from '#app/utils/db.server.ts'
import { createGroupWith, createUser, sessionCookieFor } from '#tests/helpers.ts'
import { ensureServerBuild, SERVER_START_TIMEOUT } from '#tests/running-server.ts'
import { freePort, spawnServer, type ServerProcess } from '#tests/server-process.ts'
import { createThread } from '#app/modules/forums/posts.server.ts'
import { createPublisher } from '#server/realtime/publisher.ts'
import { Server } from 'socket.io'

const full = process.env.DURABILITY_FULL === '1'
const KILLS = Number(process.env.DURABILITY_KILLS ?? (full ? 22 : 3))
const MIN_WRITES = Number(process.env.DURABILITY_WRITES ?? (full ? 10_000 : 600))
const WRITERS = 8
const THREADS = 4
/** One write in this many is a draft save; the others are replies. */
const DRAFT_EVERY = 4

type Writer = { id: string; cookie: string; index: number }
type Thread = { id: string }

let server: ServerProcess | undefined
let databaseFile = ''

afterAll(async () => {
	await server?.kill()
})

beforeAll(async () => {
	await ensureServerBuild()
}, SERVER_START_TIMEOUT)

test(`acknowledged writes survive ${KILLS} kills mid-burst (≥ ${MIN_WRITES} writes)`, async () => {
	const buildDir = path.dirname(path.dirname(await ensureServerBuild()))
	const databaseUrl = process.env.DATABASE_URL!
	databaseFile = databaseUrl.replace(/^file:/, '')

	// The world: a group of writers with a few threads, signed in.
	const users = []
	for (let i = 0; i < WRITERS; i++) users.push(await createUser({ name: `Writer ${i}` }))
	const group = await createGroupWith({ moderator: users[0]!, members: users.slice(1) })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	const quiet = createPublisher(new Server())
	const threads: Thread[] = []
	for (let i = 0; i < THREADS; i++) {
		const { threadId } = await createThread(
			users[i % WRITERS]!,
			forum.id,
			{ kind: 'discussion', title: `Durability thread ${i}`, categoryId: forum.categories[0]!.id, tags: [], body: 'Opening post' },
			quiet,
		)
		threads.push({ id: threadId })
	}
	const writers: Writer[] = await Promise.all(users.map(async (user, index) => ({ id: user.id, cookie: await sessionCookieFor(user.id), index })))
	// The server is the only one writing from now on.
	await disconnectDb()

	const port = await freePort()
	const origin = `http://127.0.0.1:${port}`
	let startingMs = 0
	const start = async () => {
		const begun = Date.now()
		const started = await spawnServer({ buildDir, databaseUrl, port })
		startingMs += Date.now() - begun
		return started
	}

	// What was acknowledged: reply markers, and per (writer, draft key) the last saved sequence.
	const ackedReplies = new Map<string, { threadId: string; authorId: string }>()
	const ackedDrafts = new Map<string, number>()
	let acknowledged = 0
	let refused = 0
	/** Writes cut off by a kill: sent, never answered. */
	let lost = 0
	let sequence = 0
	let alive = false

	async function writeOnce(writer: Writer): Promise<void> {
		const seq = ++sequence
		const thread = threads[Math.floor(seq / DRAFT_EVERY) % THREADS]!
		const headers = { cookie: writer.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }
		if (seq % DRAFT_EVERY === 0) {
			const key = `reply:${thread.id}`
			const body = new URLSearchParams({ key, body: `draft ${writer.index} ${seq}` })
			const response = await fetch(`${origin}/resources/drafts`, { method: 'POST', headers, body, redirect: 'manual' })
			await response.arrayBuffer()
			if (response.status >= 200 && response.status < 400) {
				acknowledged += 1
				const slot = `${writer.id} ${key}`
				ackedDrafts.set(slot, Math.max(ackedDrafts.get(slot) ?? 0, seq))
			} else refused += 1
			return
		}
		const marker = `durable-${writer.index}-${seq}`
		const body = new URLSearchParams({ intent: 'reply', body: `Reply ${marker}: **committed** or never acknowledged.` })
		const response = await fetch(`${origin}/t/${thread.id}`, { method: 'POST', headers, body, redirect: 'manual' })
		await response.arrayBuffer()
		if (response.status >= 200 && response.status < 400) {
			acknowledged += 1
			ackedReplies.set(marker, { threadId: thread.id, authorId: writer.id })
		} else refused += 1
	}

	// Each writer sends one write after another while the server is up; a write cut off by a kill
	// is not acknowledged, and the writer waits for the next start.
	let finished = false
	const loops = writers.map(async (writer) => {
		while (!finished) {
			if (!alive) {
				await new Promise((resolve) => setTimeout(resolve, 20))
				continue
			}
			try {
				await writeOnce(writer)
			} catch {
				lost += 1
			}
		}
	})

	const perRound = Math.ceil(MIN_WRITES / KILLS)
	let kills = 0
	const started = Date.now()
	try {
		for (let round = 0; round < KILLS || acknowledged < MIN_WRITES; round++) {
			server = await start()
			alive = true
			// Kill somewhere in the round's burst: after a varying number of acknowledged writes.
			const target = acknowledged + Math.round(perRound * (0.6 + 0.8 * Math.random()))
			while (acknowledged < target) await new Promise((resolve) => setTimeout(resolve, 5))
			// Then at a random moment, not right after an answer: writes are saved one after another,
			// so a kill just after an answer would always find the next one before its commit.
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 400))
			alive = false
			await server.kill()
			kills += 1
		}
	} finally {
		finished = true
		alive = false
		await Promise.all(loops)
	}

	// The last start recovers the database from its last kill, then shuts down cleanly.
	server = await start()
	const health = await fetch(`${server.url}/healthz`)
	expect(health.status).toBe(200)
	await server.stop()
	server = undefined
	const seconds = (Date.now() - started) / 1000

	const sqlite = new Database(databaseFile, { readonly: true })
	try {
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
		expect(sqlite.pragma('foreign_key_check')).toEqual([])

		// Every acknowledged reply, whole, by its author, in its thread.
		const posts = sqlite
			.prepare(`SELECT p.id, p.threadId, p.authorId, p.number, p.body, p.bodyHtml FROM Post p WHERE p.body LIKE 'Reply durable-%'`)
			.all() as Array<{ id: string; threadId: string; authorId: string; number: number; body: string; bodyHtml: string }>
		const byMarker = new Map(posts.map((post) => [/^Reply (durable-\d+-\d+):/.exec(post.body)![1]!, post]))
		const missing = [...ackedReplies].filter(([marker, expected]) => {
			const post = byMarker.get(marker)
			return !post || post.threadId !== expected.threadId || post.authorId !== expected.authorId
		})
		expect(missing.map(([marker]) => marker)).toEqual([])
		for (const post of posts) {
			expect(post.body).toMatch(/^Reply durable-\d+-\d+: \*\*committed\*\* or never acknowledged\.$/)
			expect(post.bodyHtml).toContain('<strong>committed</strong>')
		}
		expect(new Set(posts.map((post) => post.body)).size).toBe(posts.length)

		// Nothing half-written: numbers 1..last without gaps, counters in step, one search document per post.
		for (const thread of threads) {
			const counters = sqlite.prepare('SELECT lastPostNumber, replyCount FROM Thread WHERE id = ?').get(thread.id) as { lastPostNumber: number; replyCount: number }
			const numbers = (sqlite.prepare('SELECT number FROM Post WHERE threadId = ? ORDER BY number').all(thread.id) as Array<{ number: number }>).map((row) => row.number)
			expect(numbers).toEqual(Array.from({ length: counters.lastPostNumber }, (_, i) => i + 1))
			expect(counters.replyCount).toBe(counters.lastPostNumber - 1)
			const indexed = sqlite.prepare('SELECT COUNT(*) AS n FROM SearchDocument WHERE postId IN (SELECT id FROM Post WHERE threadId = ?)').get(thread.id) as { n: number }
			expect(indexed.n).toBe(numbers.length)
		}

		// Drafts: the last acknowledged save of each, or a later one cut off before its answer.
		for (const [slot, seq] of ackedDrafts) {
			const [userId, key] = slot.split(' ') as [string, string]
			const draft = sqlite.prepare('SELECT body FROM Draft WHERE userId = ? AND key = ?').get(userId, key) as { body: string } | undefined
			// A later reply by the same writer in that thread clears the draft (each writer writes in
			// sequence); a draft that is there must be the acknowledged save or a later one.
			if (!draft) continue
			const saved = Number(/^draft \d+ (\d+)$/.exec(draft.body)?.[1] ?? -1)
			if (!(saved >= seq)) throw new Error(`draft ${slot} holds save ${saved}, older than the acknowledged ${seq}`)
		}

		const unacknowledgedButSaved = posts.length - ackedReplies.size
		console.log(
			[
				`durability: ${kills} SIGKILLs in ${seconds.toFixed(0)} s (${(startingMs / 1000).toFixed(0)} s of it restarting)`,
				`  acknowledged writes: ${acknowledged} (${ackedReplies.size} replies, ${acknowledged - ackedReplies.size} draft saves)`,
				`  recovered: ${ackedReplies.size - missing.length}/${ackedReplies.size} acknowledged replies, every acknowledged draft save or a newer one`,
				`  cut off by a kill (no answer): ${lost}, of which replies saved anyway: ${unacknowledgedButSaved}; refused: ${refused}`,
				`  integrity_check: ok; post numbers contiguous in ${threads.length} threads`,
			].join('\n'),
		)
		expect(kills).toBeGreaterThanOrEqual(KILLS)
		expect(acknowledged).toBeGreaterThanOrEqual(MIN_WRITES)
		expect(refused).toBe(0)
	} finally {
		sqlite.close()
	}
	// The full-text index agrees with its table (FTS5's check is a write command).
	const writable = new Database(databaseFile)
	try {
		writable.prepare(`INSERT INTO search_fts (search_fts) VALUES ('integrity-check')`).run()
	} finally {
		writable.close()
	}
})
