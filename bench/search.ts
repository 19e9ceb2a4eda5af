// How search holds up at the size of a real community: 1,000,000 posts, 10,000 threads, 1,000
// members (bench/search-data/ writes it once per schema and keeps it).
//   1. searchPosts for every query class (rare, medium, common word, a two-word phrase), with no
//      filter and with a forum, a kind and an author filter: p50 and p99 over RUNS runs, as a
//      member of two groups sees it (three forums of twenty-one).
//   2. Beside each class, the ceiling measured in the same run: the bare engine query with no
//      access rule, no join and no snippet: FTS5's `MATCH … ORDER BY rank LIMIT 20`, and on
//      PostgreSQL `@@ … ORDER BY ts_rank DESC LIMIT 20` through the GIN index.
//   3. /healthz under load: an HTTP server in this process answering /healthz exactly as the
//      app does (pingDb) and /search with searchPosts (no page rendering), ten search loops at
//      once from a worker thread, and /healthz asked every 20 ms meanwhile.
//
//   npx tsx bench/search.ts [sqlite|postgresql|both] [posts]     (npm run bench:search)
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import pg from 'pg'
import { isPostgresReachable, postgresAdminUrl } from '#server/db/throwaway-postgres.ts'
import { printTable, writeResults } from './lib.ts'
import { FULL_SIZE, PLANTED, VIEWER_ID } from './search-data/community.ts'
import { preparePostgres, prepareSqlite, sizeOf } from './search-data/prepare.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const WARMUP = 3
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10)

const engines = (process.argv[2] ?? 'both') === 'both' ? ['sqlite', 'postgresql'] : [process.argv[2]!]
const size = sizeOf(Number(process.argv[3] ?? process.env.BENCH_SEARCH_POSTS ?? FULL_SIZE.posts))

const CLASSES = [
	{ name: 'rare', q: PLANTED.rare.word },
	{ name: 'medium (1 %)', q: PLANTED.medium.word },
	{ name: 'common (40 %)', q: PLANTED.common.word },
	{ name: 'phrase', q: 'cash flow' },
] as const
const FILTERS = [
	{ name: 'none', options: {} },
	// The viewer's own group's forum: 2.5 % of the posts.
	{ name: 'forum', options: { forumId: 'f0000' } },
	{ name: 'kind', options: { kind: 'question' } },
	// One member of a thousand.
	{ name: 'author', options: { authorId: 'u0042' } },
] as const

function percentiles(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b)
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
	return { p50: Math.round(at(0.5) * 100) / 100, p99: Math.round(at(0.99) * 100) / 100 }
}

async function time(work: () => Promise<unknown> | unknown, runs = RUNS): Promise<number[]> {
	for (let i = 0; i < WARMUP; i++) await work()
	const samples: number[] = []
	for (let i = 0; i < runs; i++) {
		const started = performance.now()
		await work()
		samples.push(performance.now() - started)
	}
	return samples
}

/** The bare engine query for a class: no access rule, no join, no snippet. */
async function ceilingOf(engine: string, url: string): Promise<{ run: (q: string) => Promise<unknown>; close: () => Promise<void> }> {
	const { searchTerms, toFtsExpression, toTsQuery } = await import('#app/modules/search/terms.ts')
	if (engine === 'sqlite') {
		const sqlite = new Database(url.replace(/^file:/, ''), { readonly: true })
		const statement = sqlite.prepare(`SELECT rowid FROM "search_fts" WHERE "search_fts" MATCH ? ORDER BY rank LIMIT 20`)
		return {
			run: async (q) => statement.all(toFtsExpression(searchTerms(q))),
			close: async () => {
				sqlite.close()
			},
		}
	}
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	return {
		run: (q) =>
			client.query(
				`SELECT "id" FROM "search_index", to_tsquery('english', $1) q WHERE "tsv" @@ q ORDER BY ts_rank("tsv", q) DESC LIMIT 20`,
				[toTsQuery(searchTerms(q))],
			),
		close: () => client.end(),
	}
}

type LoadFigures = { searches: number; search: { p50: number; p99: number }; healthz: { p50: number; p99: number }; refused: number }

/** Ten search loops and a /healthz probe every 20 ms, from a worker thread, for LOAD_SECONDS. */
async function healthzUnderLoad(searchPosts: typeof import('#app/modules/search/search.server.ts').searchPosts): Promise<LoadFigures> {
	const { pingDb } = await import('#app/utils/db.server.ts')
	const { SearchRefusedError } = await import('#app/modules/search/search.server.ts')
	let refused = 0
	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://x')
		if (url.pathname === '/healthz') {
			const ok = await pingDb()
			res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }))
			return
		}
		try {
			const found = await searchPosts({ id: VIEWER_ID, isSiteAdmin: false }, { q: url.searchParams.get('q') ?? '', kind: url.searchParams.get('kind') ?? undefined })
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total: found.total }))
		} catch (error) {
			if (error instanceof SearchRefusedError) refused += 1
			res.writeHead(error instanceof SearchRefusedError ? 200 : 500).end()
		}
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const port = (server.address() as AddressInfo).port
	const queries = CLASSES.flatMap((c) => [`q=${encodeURIComponent(c.q)}`, `q=${encodeURIComponent(c.q)}&kind=question`])
	const client = new Worker(
		`
		const { workerData, parentPort } = require('node:worker_threads')
		const http = require('node:http')
		const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
		const get = (path) => new Promise((resolve, reject) => {
			const started = performance.now()
			http.get({ host: '127.0.0.1', port: workerData.port, path, agent }, (res) => {
				res.resume()
				res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode }))
			}).on('error', reject)
		})
		const until = Date.now() + workerData.seconds * 1000
		const search = [], healthz = []
		let failures = 0
		const loops = Array.from({ length: 10 }, async (_, i) => {
			let n = i
			while (Date.now() < until) {
				const r = await get('/search?' + workerData.queries[n++ % workerData.queries.length])
				if (r.status !== 200) failures++
				search.push(r.ms)
			}
		})
		const probe = (async () => {
			while (Date.now() < until) {
				const r = await get('/healthz')
				if (r.status !== 200) failures++
				healthz.push(r.ms)
				await new Promise((resolve) => setTimeout(resolve, 20))
			}
		})()
		Promise.all([...loops, probe]).then(() => parentPort.postMessage({ search, healthz, failures }))
		`,
		{ eval: true, workerData: { port, seconds: LOAD_SECONDS, queries } },
	)
	const result = await new Promise<{ search: number[]; healthz: number[]; failures: number }>((resolve, reject) => {
		client.once('message', resolve)
		client.once('error', reject)
	})
	await client.terminate()
	await new Promise((resolve) => server.close(resolve))
	if (result.failures) console.log(`  ${result.failures} requests failed under load`)
	return { searches: result.search.length, search: percentiles(result.search), healthz: percentiles(result.healthz), refused }
}

const report: Record<string, unknown> = {}
for (const engine of engines) {
	if (engine === 'postgresql' && !(await isPostgresReachable())) {
		console.log(`\npostgresql: not reachable at ${postgresAdminUrl().replace(/\/\/[^@/]*@/, '//')}, skipped`)
		continue
	}
	const url = engine === 'sqlite' ? await prepareSqlite(size) : await preparePostgres(size)
	const { disconnectDb, prepareDb } = await import('#app/utils/db.server.ts')
	await disconnectDb()
	process.env.DATABASE_URL = url
	await prepareDb()
	const { searchPosts, SearchRefusedError } = await import('#app/modules/search/search.server.ts')
	const { closeSearchPool } = await import('#app/modules/search/search-pool.server.ts')
	const ceiling = await ceilingOf(engine, url)
	const viewer = { id: VIEWER_ID, isSiteAdmin: false }
	console.log(`\n${engine}: ${size.posts.toLocaleString('en')} posts, ${size.threads.toLocaleString('en')} threads, ${size.users.toLocaleString('en')} members; ${RUNS} runs each (ms)`)
	const rows: Array<Array<string | number>> = []
	const figures: Record<string, unknown> = {}
	for (const queryClass of CLASSES) {
		const bare = percentiles(await time(() => ceiling.run(queryClass.q)))
		for (const filter of FILTERS) {
			let found = { total: 0, capped: false }
			let refused = 0
			const samples = await time(async () => {
				found = await searchPosts(viewer, { q: queryClass.q, ...filter.options }).catch((error: unknown) => {
					if (!(error instanceof SearchRefusedError)) throw error
					refused += 1
					return found
				})
			})
			if (refused) console.log(`  ${queryClass.name} / ${filter.name}: ${refused} searches refused (time limit)`)
			const searched = percentiles(samples)
			rows.push([queryClass.name, filter.name, `${found.total}${found.capped ? '+' : ''}`, searched.p50, searched.p99, bare.p50, bare.p99])
			figures[`${queryClass.name} / ${filter.name}`] = { ...searched, threads: found.total, capped: found.capped, ceiling: bare }
		}
	}
	printTable(['class', 'filter', 'threads', 'search p50', 'search p99', 'bare rank p50', 'bare rank p99'], rows)
	await ceiling.close()
	console.log(`\n/healthz while 10 searches run at once (${LOAD_SECONDS} s):`)
	const load = await healthzUnderLoad(searchPosts)
	console.log(`  /healthz p50 ${load.healthz.p50} ms, p99 ${load.healthz.p99} ms; ${load.searches} searches, p50 ${load.search.p50} ms, p99 ${load.search.p99} ms; ${load.refused} refused`)
	report[engine] = { size, classes: figures, underLoad: load }
	await closeSearchPool()
	await disconnectDb()
}
console.log(`\nwritten to ${await writeResults('search', report)}`)
