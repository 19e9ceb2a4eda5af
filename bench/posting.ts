// Replies posted through the real reply form, by many members at once, against the production
// server in a child process (the load runs here, in another process).
//   figure:  replies per second and latency (p50, p99) of `POST /t/:id` (intent=reply, with an
//            idempotency key, as the page sends it), WRITERS members posting back to back
//   ceiling: the reply's own writes (claim the number, insert the post, index it, the author's
//            watch) as one prepared better-sqlite3 transaction, same settings (WAL, synchronous
//            FULL), on the same database after the server has stopped
// Options (env): BENCH_WRITERS (20), BENCH_SECONDS (15), BENCH_THREADS (4), BENCH_BUILD_DIR (a
// build of this checkout; default build/, built when missing), BENCH_CPU_PROF=dir (the server
// runs under --cpu-prof, profiles written there), BENCH_BASELINE_DIR (another checkout, built,
// e.g. an earlier commit: measured first on the same database, run from source through tsx as
// `npm start` ran it before the server was compiled).
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { request, Agent } from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { benchDir, printTable, throwawaySqlite, writeResults } from './lib.ts'

const WRITERS = Number(process.env.BENCH_WRITERS ?? 20)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const THREADS = Number(process.env.BENCH_THREADS ?? 4)
const WARMUP_SECONDS = 3
const projectRoot = path.dirname(benchDir)

const database = throwawaySqlite()
process.env.DATABASE_URL = database.url

const buildDir = path.resolve(projectRoot, process.env.BENCH_BUILD_DIR ?? 'build')
if (
	!existsSync(path.join(buildDir, 'server/index.js')) ||
	!existsSync(path.join(buildDir, 'start.mjs'))
) {
	console.log('posting: building the app…')
	execFileSync('npm', ['run', 'build'], {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, PEERPOWER_BUILD_DIR: buildDir },
	})
}

const { migrateDatabase } = await import('#server/db/migrate.ts')
const { db, disconnectDb } = await import('#app/utils/db.server.ts')
const { createThread } = await import('#app/modules/forums/posts.server.ts')
const { createGroupWith, createUser, sessionCookieFor } = await import('#tests/helpers.ts')
const { createPublisher } = await import('#server/realtime/publisher.ts')
const { Server } = await import('socket.io')
const { freePort, spawnServer } = await import('#tests/server-process.ts')

function percentile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0
}

async function setUp() {
	await migrateDatabase(database.url)
	const writers = await Promise.all(
		Array.from({ length: WRITERS }, (_, i) => createUser({ name: `Writer ${i}` })),
	)
	const group = await createGroupWith({ moderator: writers[0]!, members: writers.slice(1) })
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	const quiet = createPublisher(new Server())
	const threadIds: string[] = []
	for (let i = 0; i < THREADS; i++) {
		const { threadId } = await createThread(
			{ id: writers[i % WRITERS]!.id, isSiteAdmin: false },
			forum.id,
			{
				kind: 'discussion',
				title: `Quarterly numbers ${i}`,
				categoryId: forum.categories[0]!.id,
				tags: [],
				body: 'Opening post',
			},
			quiet,
			'unpaced',
		)
		threadIds.push(threadId)
	}
	const cookies = await Promise.all(writers.map((writer) => sessionCookieFor(writer.id)))
	await disconnectDb()
	return { cookies, threadIds }
}

const body = (n: number) =>
	`Reply ${n}: we looked at **cash flow** again this quarter.\n\n- invoicing in milestones\n- weekly review of receivables\n\nDetails [on the portal](https://partner.example.com/p/${n}).`

type Sample = { at: number; ms: number; status: number }

async function load(origin: string, cookies: string[], threadIds: string[]) {
	const agent = new Agent({ keepAlive: true, maxSockets: WRITERS })
	const url = new URL(origin)
	const samples: Sample[] = []
	const errors: string[] = []
	let n = 0
	const post = (writer: number) =>
		new Promise<Sample>((resolve) => {
			const form = new URLSearchParams({
				intent: 'reply',
				body: body(n++),
				idempotencyKey: randomUUID(),
			}).toString()
			const started = performance.now()
			const req = request(
				{
					agent,
					host: url.hostname,
					port: url.port,
					method: 'POST',
					path: `/t/${threadIds[writer % threadIds.length]}`,
					headers: {
						cookie: cookies[writer]!,
						origin,
						'content-type': 'application/x-www-form-urlencoded',
						'content-length': Buffer.byteLength(form),
					},
				},
				(res) => {
					res.resume()
					res.on('end', () =>
						resolve({ at: started, ms: performance.now() - started, status: res.statusCode ?? 0 }),
					)
				},
			)
			req.on('error', (error) =>
				resolve({ at: started, ms: performance.now() - started, status: -1, ...{ error } }),
			)
			req.end(form)
		})
	const startedAt = performance.now()
	const measureFrom = startedAt + WARMUP_SECONDS * 1000
	const endAt = measureFrom + SECONDS * 1000
	await Promise.all(
		cookies.map(async (_, writer) => {
			while (performance.now() < endAt) {
				const sample = await post(writer)
				if (sample.status !== 302 && errors.length < 10) errors.push(`answered ${sample.status}`)
				if (sample.at >= measureFrom) samples.push(sample)
			}
		}),
	)
	agent.destroy()
	const ok = samples.filter((s) => s.status === 302)
	const sorted = samples.map((s) => s.ms).sort((a, b) => a - b)
	return {
		replies: ok.length,
		perSecond: ok.length / SECONDS,
		p50Ms: percentile(sorted, 0.5),
		p99Ms: percentile(sorted, 0.99),
		errors: samples.length - ok.length,
		errorSamples: errors,
	}
}

/** The reply's own writes, as one prepared transaction on the bare driver. */
function ceiling(file: string, threadIds: string[]) {
	const sqlite = new Database(file, { timeout: 5000 })
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('synchronous = FULL')
	sqlite.pragma('foreign_keys = ON')
	const author = sqlite.prepare('SELECT id, forumId FROM Thread LIMIT 1').get() as {
		id: string
		forumId: string
	}
	const userId = (
		sqlite.prepare('SELECT authorId FROM Thread LIMIT 1').get() as { authorId: string }
	).authorId
	const claim = sqlite.prepare(
		'UPDATE Thread SET lastPostNumber = lastPostNumber + 1, replyCount = replyCount + 1, lastActivityAt = ? WHERE id = ? RETURNING lastPostNumber, title, locked',
	)
	const insertPost = sqlite.prepare(
		'INSERT INTO Post (id, threadId, number, authorId, body, bodyHtml, bodyText, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
	)
	const index = sqlite.prepare(
		'INSERT INTO SearchDocument (postId, threadId, forumId, title, body, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
	)
	const watch = sqlite.prepare(
		`INSERT INTO ThreadUserState (userId, threadId, level, lastReadPostNumber) VALUES (?, ?, 'watching', ?)
		 ON CONFLICT (userId, threadId) DO UPDATE SET level = coalesce(level, 'watching'), lastReadPostNumber = max(lastReadPostNumber, excluded.lastReadPostNumber)`,
	)
	const reply = sqlite.transaction((threadId: string, n: number) => {
		const now = Date.now()
		const counters = claim.get(now, threadId) as { lastPostNumber: number; title: string }
		const id = randomUUID()
		insertPost.run(
			id,
			threadId,
			counters.lastPostNumber,
			userId,
			body(n),
			`<p>${body(n)}</p>`,
			body(n),
			now,
		)
		index.run(id, threadId, author.forumId, counters.title, body(n), now)
		watch.run(userId, threadId, counters.lastPostNumber)
	})
	const runs = 3000
	const started = performance.now()
	for (let i = 0; i < runs; i++) reply(threadIds[i % threadIds.length]!, i)
	const perSecond = runs / ((performance.now() - started) / 1000)
	sqlite.close()
	return { perSecond }
}

try {
	const { cookies, threadIds } = await setUp()
	const port = await freePort()
	const baselineDir = process.env.BENCH_BASELINE_DIR
	let baseline: Awaited<ReturnType<typeof load>> | undefined
	if (baselineDir) {
		const before = await spawnServer({
			checkout: path.resolve(baselineDir),
			buildDir: path.resolve(baselineDir, 'build'),
			databaseUrl: database.url,
			port,
			env: { LOG_LEVEL: 'error' },
		})
		try {
			baseline = await load(before.url, cookies, threadIds)
		} finally {
			await before.stop()
		}
	}
	const profileDir = process.env.BENCH_CPU_PROF
	const server = await spawnServer({
		buildDir,
		databaseUrl: database.url,
		port,
		compiled: true,
		env: { LOG_LEVEL: 'error' },
		...(profileDir
			? { nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] }
			: {}),
	})
	let result
	try {
		result = await load(server.url, cookies, threadIds)
	} finally {
		await server.stop()
	}
	const bare = ceiling(database.url.replace(/^file:/, ''), threadIds)
	printTable(
		['replies posted', 'per second', 'p50 ms', 'p99 ms', 'errors', 'share of ceiling'],
		[
			[
				`${WRITERS} writers, HTTP`,
				result.perSecond.toFixed(0),
				result.p50Ms.toFixed(1),
				result.p99Ms.toFixed(1),
				result.errors,
				`${((result.perSecond / bare.perSecond) * 100).toFixed(1)} %`,
			],
			...(baseline
				? [
						[
							`baseline (${path.basename(baselineDir!)})`,
							baseline.perSecond.toFixed(0),
							baseline.p50Ms.toFixed(1),
							baseline.p99Ms.toFixed(1),
							baseline.errors,
							`${((baseline.perSecond / bare.perSecond) * 100).toFixed(1)} %`,
						],
					]
				: []),
			['ceiling: one prepared transaction', bare.perSecond.toFixed(0), '', '', '', '100 %'],
		],
	)
	if (result.errorSamples.length > 0) console.log(`errors: ${result.errorSamples.join(', ')}`)
	console.log(
		`→ ${await writeResults('posting', { writers: WRITERS, seconds: SECONDS, threads: THREADS, http: result, baseline, ceiling: bare })}`,
	)
} finally {
	await database.dispose()
}
process.exit(0)
