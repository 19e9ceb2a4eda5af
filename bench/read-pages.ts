// How fast PeerPower serves its read pages on a big forum, beside the ceiling for pages of the
// same size measured in the same run.
//   1. A throwaway SQLite forum: 10,000 threads, ~100,000 posts (bench/read-pages/seed.ts).
//   2. The production build served by scripts/start.ts in its own process; the load generator
//      (autocannon) runs here, in a second process.
//   3. The ceiling: bare Express answering with React's renderToString of a page of the same size
//      (bench/read-pages/ceiling-server.ts), in its own process too.
//   4. The thread page (20 posts) at 50 connections, then at a steady rate of half its maximum
//      (p50/p99); the forum's list pages 1, 200 and last at 20 connections.
//   5. What one page costs the database (statements, through the build's own loaders) and how
//      much of the page is loader data.
// BENCH_SECONDS (default 10) sets each run's length.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'
import { benchDir, kib, printTable, throwawaySqlite, writeResults } from './lib.ts'
import { seedBigForum } from './read-pages/seed.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const projectRoot = path.dirname(benchDir)

type Latency = { p50: number; p99: number; average: number }
type CannonResult = { requests: { average: number }; latency: Latency; non2xx: number; errors: number; timeouts: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (
	options: Record<string, unknown>,
	done: (error: Error | null, result: CannonResult) => void,
) => unknown

function cannon(url: string, options: { connections: number; cookie?: string; overallRate?: number; duration?: number }): Promise<CannonResult> {
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url,
				connections: options.connections,
				duration: options.duration ?? SECONDS,
				headers: options.cookie ? { cookie: options.cookie } : {},
				...(options.overallRate ? { overallRate: options.overallRate } : {}),
			},
			(error, result) => (error ? reject(error) : resolve(result)),
		)
	})
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer()
		server.once('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const address = server.address()
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
		})
	})
}

/** Starts a process and waits for `ready` in its output. */
function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
		let output = ''
		const onData = (chunk: Buffer) => {
			output += chunk.toString()
			if (ready.test(output)) resolve(child)
		}
		child.stdout!.on('data', onData)
		child.stderr!.on('data', onData)
		child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)))
	})
}

function stop(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve()
		child.removeAllListeners('exit')
		child.once('exit', () => resolve())
		child.kill('SIGTERM')
	})
}

/** Bytes of the page and of its loader data (the inline script that hands it to the client). */
async function pageSize(url: string, cookie: string): Promise<{ bytes: number; loaderDataBytes: number }> {
	const response = await fetch(url, { headers: { cookie } })
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
	const html = await response.text()
	const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
	const loaderDataBytes = scripts.filter((s) => s.includes('streamController')).reduce((sum, s) => sum + Buffer.byteLength(s), 0)
	return { bytes: Buffer.byteLength(html), loaderDataBytes }
}

// 1. The forum.
const database = throwawaySqlite()
const file = database.url.slice('file:'.length)
const { migrateDatabase } = await import('#server/db/migrate.ts')
const { renderMarkdown, closeMarkdownPool } = await import('#app/modules/markdown/renderer.server.ts')
const { generateToken, hashToken, sessionCookieHeader } = await import('#app/modules/auth/sessions.server.ts')
const started = performance.now()
await migrateDatabase(database.url)
const forum = await seedBigForum(file, {
	render: renderMarkdown,
	hashToken,
	generateToken,
	cookieOf: (token) => sessionCookieHeader(token).split(';')[0]!,
})
await closeMarkdownPool()
console.log(`seeded ${forum.threads} threads, ${forum.posts} posts in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// 2. The build and the server.
const serverBuild = path.join(projectRoot, 'build/server/index.js')
if (!existsSync(serverBuild) || process.env.BENCH_BUILD === '1') {
	console.log('building…')
	const result = spawnSync(path.join(projectRoot, 'node_modules/.bin/react-router'), ['build'], { cwd: projectRoot, stdio: 'ignore' })
	if (result.status !== 0) throw new Error('the build failed')
}
const appPort = await freePort()
const app = await startProcess(
	['--import', 'tsx', 'scripts/start.ts'],
	{ PORT: String(appPort), HOST: '127.0.0.1', DATABASE_URL: database.url, LOG_LEVEL: 'silent', SECURE_COOKIES: 'false' },
	/is running at/,
)
const base = `http://127.0.0.1:${appPort}`
const cookie = forum.cookie
const threadUrl = `${base}/t/${forum.threadId}`
const listUrl = (page: number) => `${base}/g/${forum.groupSlug}/forum?page=${page}`
const listPages = { first: 1, middle: 200, last: forum.threadPages }

const sizes = {
	thread: await pageSize(threadUrl, cookie),
	...Object.fromEntries(await Promise.all(Object.entries(listPages).map(async ([name, page]) => [`list ${name}`, await pageSize(listUrl(page), cookie)]))),
} as Record<string, { bytes: number; loaderDataBytes: number }>

// 3. Ceilings for the thread page's size and the list's.
const ceilingFor = async (bytes: number) => {
	const port = await freePort()
	const child = await startProcess(['--import', 'tsx', 'bench/read-pages/ceiling-server.ts', String(port), String(bytes)], { NODE_ENV: 'production' }, /ready/)
	return { child, url: `http://127.0.0.1:${port}/` }
}
const threadCeiling = await ceilingFor(sizes.thread!.bytes)
const listCeiling = await ceilingFor(sizes['list first']!.bytes)

// Warm both (JIT, SQLite's page cache) before measuring.
for (const url of [threadUrl, listUrl(1), listUrl(listPages.middle), listUrl(listPages.last)]) {
	await cannon(url, { connections: 10, cookie, duration: 3 }).catch(() => undefined)
}

// 4. Throughput, each beside its ceiling.
type Row = { page: string; bytes: number; loaderDataBytes: number; reqPerSec: number; ceilingReqPerSec: number; ratio: number; p99Ms: number; errors: number }
const rows: Row[] = []
const measurePage = async (page: string, url: string, connections: number, ceilingUrl: string) => {
	const ceiling = await cannon(ceilingUrl, { connections })
	const result = await cannon(url, { connections, cookie })
	const size = sizes[page]!
	rows.push({
		page,
		bytes: size.bytes,
		loaderDataBytes: size.loaderDataBytes,
		reqPerSec: result.requests.average,
		ceilingReqPerSec: ceiling.requests.average,
		ratio: result.requests.average / ceiling.requests.average,
		p99Ms: result.latency.p99,
		errors: result.non2xx + result.errors + result.timeouts,
	})
}
await measurePage('thread', threadUrl, 50, threadCeiling.url)
for (const [name, page] of Object.entries(listPages)) await measurePage(`list ${name}`, listUrl(page), 20, listCeiling.url)

// The thread page at a steady rate of half its maximum.
const steadyRate = Math.max(1, Math.round(rows[0]!.reqPerSec / 2))
const steady = await cannon(threadUrl, { connections: 100, cookie, overallRate: steadyRate })

// 5. Statements per page, through the build's own loaders in this process (same database file).
process.env.DATABASE_URL = database.url
const { onStatement, prepareDb, disconnectDb } = await import('#app/utils/db.server.ts')
await prepareDb()
type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>
const build = (await import(serverBuild)) as { routes: Record<string, { module: { loader?: Loader } }> }
const loaderOf = (id: string) => build.routes[id]!.module.loader!
const context = { clientIp: '127.0.0.1', realtime: { toRoom() {}, toRooms() {}, disconnectUser: async () => {}, evictFromRoom: async () => {} } }
async function statementsFor(routeId: string, url: string, params: Record<string, string>): Promise<{ total: number; writes: number }> {
	const seen: string[] = []
	const stopListening = onStatement((sql) => seen.push(sql))
	const request = new Request(url, { headers: { cookie } })
	await Promise.all([loaderOf('root')({ request, params: {}, context }), loaderOf(routeId)({ request, params, context })])
	stopListening()
	return { total: seen.length, writes: seen.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql)).length }
}
const statements = {
	thread: await statementsFor('routes/threads/thread', threadUrl, { threadId: forum.threadId }),
	'list first': await statementsFor('routes/forums/group-forum', listUrl(1), { slug: forum.groupSlug }),
	'list last': await statementsFor('routes/forums/group-forum', listUrl(listPages.last), { slug: forum.groupSlug }),
}
await disconnectDb()

await Promise.all([stop(app), stop(threadCeiling.child), stop(listCeiling.child)])
await database.dispose()

console.log(`\n${SECONDS} s per run; thread page at 50 connections, list pages at 20; ceilings: renderToString of a page of the same size behind bare Express\n`)
printTable(
	['page', 'size', 'loader data', 'req/s', 'ceiling req/s', 'ratio', 'p99', 'errors'],
	rows.map((r) => [r.page, kib(r.bytes), kib(r.loaderDataBytes), r.reqPerSec.toFixed(0), r.ceilingReqPerSec.toFixed(0), r.ratio.toFixed(2), `${r.p99Ms} ms`, r.errors]),
)
console.log(`\nthread page at a steady ${steadyRate} req/s (half its maximum): p50 ${steady.latency.p50} ms, p99 ${steady.latency.p99} ms`)
console.log('\nstatements per page (root loader + page loader, the reader having read the thread):')
printTable(
	['page', 'statements', 'writes'],
	Object.entries(statements).map(([page, s]) => [page, s.total, s.writes]),
)
const written = await writeResults('read-pages', {
	seconds: SECONDS,
	forum: { threads: forum.threads, posts: forum.posts, listPages },
	pages: rows,
	steady: { rate: steadyRate, p50Ms: steady.latency.p50, p99Ms: steady.latency.p99, errors: steady.non2xx + steady.errors },
	statements,
})
console.log(`\nwritten to ${written}`)
process.exit(0)
