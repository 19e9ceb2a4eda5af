// `npm run bench`: PeerPower's production build against ceilings, on a generated data set.
//   1. builds the app (react-router build, into bench/.tmp/run-<pid>/build)
//   2. generates the data set (bench/data/generate.ts: 10,000-thread forum, 1,000,000 posts,
//      1,000 users) into a throwaway SQLite file, and signs every member in (real sessions)
//   3. starts the server from the build as `npm start` does, in its own process, and runs each
//      scenario (bench/scenarios/) against it and against its ceiling, in interleaved rounds, with
//      the load generated from other processes
//   4. prints the table and writes it to bench/results.md
// Options:
//   --quick             1,000 threads / 50,000 posts, one round, short runs, 1,000 readers (CI)
//   --only a,b          only these scenarios: start memory thread list home search healthz replies fanout
//   --keep-data         keep the generated set in bench/.data (or --data-dir DIR) and reuse it
//   --rounds N, --seconds N, --out FILE
// Figures are measured, never judged: the command fails only when a scenario fails to run.
import { execFile } from 'node:child_process'
import { execSync } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { freePort, spawnServer, type ServerProcess } from '#tests/server-process.ts'
import { cachedSqliteDataset, FULL_SIZE, generateSqlite, QUICK_SIZE } from './data/generate.ts'
import { forkChild } from './lib/children.ts'
import type { Context, Row, Settings } from './lib/context.ts'
import { createSqliteSessions } from './lib/sessions.ts'
import { formatValue } from './lib/stats.ts'
import * as fanout from './scenarios/fanout.ts'
import * as healthz from './scenarios/healthz.ts'
import * as memory from './scenarios/memory.ts'
import * as pages from './scenarios/pages.ts'
import * as replies from './scenarios/replies.ts'
import * as search from './scenarios/search.ts'
import * as start from './scenarios/start.ts'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const projectRoot = path.dirname(benchDir)
const tmpDir = path.join(benchDir, '.tmp')

// start and memory run first, each on servers of its own: a second server cannot migrate (a no-op,
// but it takes the schema engine's lock) while the shared one holds the file open.
const OWN_SERVER = new Set(['start', 'memory'])
const SCENARIOS: Record<string, (ctx: Context) => Promise<void>> = {
	start: start.run,
	memory: memory.run,
	thread: pages.runThread,
	list: pages.runForumList,
	home: pages.runHome,
	search: search.run,
	healthz: healthz.run,
	replies: replies.run,
	fanout: fanout.run,
}

const args = process.argv.slice(2)
const option = (name: string) => {
	const at = args.indexOf(`--${name}`)
	return at >= 0 ? args[at + 1] : undefined
}
const quick = args.includes('--quick')
const only = option('only')?.split(',').map((name) => name.trim()).filter(Boolean)
const unknown = only?.filter((name) => !(name in SCENARIOS)) ?? []
if (unknown.length > 0) {
	console.error(`No scenario named ${unknown.join(', ')}. There are: ${Object.keys(SCENARIOS).join(', ')}`)
	process.exit(2)
}
const chosen = Object.keys(SCENARIOS).filter((name) => !only || only.includes(name))
const settings: Settings = {
	quick,
	rounds: Number(option('rounds') ?? (quick ? 1 : 3)),
	seconds: Number(option('seconds') ?? (quick ? 2 : 10)),
	readers: quick ? [1_000] : [1_000, 10_000],
	searchBudget: quick ? { maxSamples: 3, minSamples: 1, maxMs: 500 } : { maxSamples: 8, minSamples: 2, maxMs: 3000 },
}
const size = quick ? QUICK_SIZE : FULL_SIZE
const keepData = args.includes('--keep-data') || option('data-dir') !== undefined
const dataDir = path.resolve(option('data-dir') ?? path.join(benchDir, '.data'))
const out = path.resolve(option('out') ?? (quick || only ? path.join(tmpDir, 'results.md') : path.join(benchDir, 'results.md')))

// A stuck run ends: every step has its own time limit, this is the last resort.
const watchdog = setTimeout(
	() => {
		console.error('bench: still running after the time limit; giving up')
		process.exit(1)
	},
	(quick ? 15 : 120) * 60_000,
)
watchdog.unref()

const runStarted = performance.now()
const log = (line: string) => console.log(`bench [${((performance.now() - runStarted) / 1000).toFixed(0).padStart(4)} s] ${line}`)
process.env.NODE_ENV = 'production'
process.env.LOG_LEVEL ??= 'silent'

await mkdir(tmpDir, { recursive: true })
// A build per run: two runs at once (a quick one while a full one goes on) must not share one.
const runDir = path.join(tmpDir, `run-${process.pid}`)
const buildDir = path.join(runDir, 'build')
await mkdir(runDir, { recursive: true })
log('building the app (react-router build)')
await promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/react-router'), ['build'], {
	cwd: projectRoot,
	env: { ...process.env, NODE_ENV: 'production', PEERPOWER_BUILD_DIR: buildDir },
	timeout: 300_000,
})

const dbFile = path.join(runDir, 'work.db')
log(`data set: ${size.bigForumThreads.toLocaleString('en-US')}-thread forum (+${size.otherThreads.toLocaleString('en-US')} threads elsewhere), ${size.posts.toLocaleString('en-US')} posts, ${size.users.toLocaleString('en-US')} users`)
const generateStarted = performance.now()
const info = keepData
	? await cachedSqliteDataset(dataDir, dbFile, size, { log: (line) => log(`generate: ${line}`) })
	: await generateSqlite(dbFile, size, { log: (line) => log(`generate: ${line}`) })
const generateSeconds = (performance.now() - generateStarted) / 1000
const cookies = createSqliteSessions(dbFile, info.userIds)

const rows: Row[] = []
const failures: string[] = []
let app: ServerProcess | undefined
const loadFile = path.join(benchDir, 'load/worker.ts')
const load = forkChild(loadFile)
const probe = forkChild(loadFile)
const dbWork = forkChild(path.join(benchDir, 'ceilings/db-work.ts'))
const ctx: Context = {
	settings,
	info,
	dbFile,
	buildDir,
	get app() {
		if (!app) throw new Error('the shared server is not started yet')
		return app
	},
	cookies,
	viewerCookie: cookies.get(info.viewerId)!,
	load,
	probe,
	dbWork,
	record: (row) => {
		rows.push(row)
		log(`${row.scenario} · ${row.measure}: app ${cell(row.app, row.unit)}, ceiling ${cell(row.ceiling, row.unit)}`)
	},
	log,
}

try {
	for (const name of chosen) {
		log(`▶ ${name}`)
		try {
			if (!OWN_SERVER.has(name) && !app) {
				app = await spawnServer({ buildDir, databaseUrl: `file:${dbFile}`, port: await freePort(), startTimeoutMs: 120_000 })
			}
			await SCENARIOS[name]!(ctx)
		} catch (error) {
			failures.push(name)
			console.error(`bench: scenario ${name} failed:`, error)
		}
	}
} finally {
	await Promise.all([app?.stop(), load.close(), probe.close(), dbWork.close()])
	await rm(runDir, { recursive: true, force: true })
}

function cell(value: number | [number, number], unit: string): string {
	if (Array.isArray(value)) return `${formatValue(value[0], '')} / ${formatValue(value[1], unit)}`
	return formatValue(value, unit)
}

function ratio(row: Row): string {
	const one = (a: number, c: number) => (c > 0 && Number.isFinite(a) ? `${(a / c).toFixed(a / c < 10 ? 2 : 0)}×` : '–')
	if (Array.isArray(row.app) && Array.isArray(row.ceiling)) return `${one(row.app[0], row.ceiling[0])} / ${one(row.app[1], row.ceiling[1])}`
	return one(row.app as number, row.ceiling as number)
}

const commit = (() => {
	try {
		const sha = execSync('git rev-parse --short HEAD', { cwd: projectRoot }).toString().trim()
		const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: projectRoot }).toString().trim()
		return `${sha}${dirty ? ' (with uncommitted changes)' : ''}`
	} catch {
		return 'unknown'
	}
})()
const table = [
	'| scenario | measure | app | ceiling | app ÷ ceiling |',
	'|---|---|---:|---:|---:|',
	...rows.map((row) => `| ${row.scenario} | ${row.measure}${row.note ? ` (${row.note})` : ''} | ${cell(row.app, row.unit)} | ${cell(row.ceiling, row.unit)} | ${ratio(row)} |`),
].join('\n')
const report = [
	`# PeerPower benchmark${quick ? ' (quick)' : ''}`,
	'',
	`- date: ${new Date().toISOString()}`,
	`- commit: ${commit}`,
	`- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}`,
	`- data: ${info.counts.threads.toLocaleString('en-US')} threads (${size.bigForumThreads.toLocaleString('en-US')} in the big forum), ${info.counts.posts.toLocaleString('en-US')} posts, ${info.counts.users.toLocaleString('en-US')} users, ${info.counts.groups} groups; ${keepData ? 'generated or reused' : 'generated'} in ${generateSeconds.toFixed(0)} s`,
	`- each figure: the median of ${settings.rounds} interleaved round${settings.rounds > 1 ? 's' : ''} (app, ceiling, app, ceiling…), ${settings.seconds} s per throughput or open-loop run; latency pairs are p50 / p99`,
	failures.length > 0 ? `- FAILED: ${failures.join(', ')}` : '',
	'',
	table,
	'',
].join('\n')
console.log(`\n${report}`)
await mkdir(path.dirname(out), { recursive: true })
await writeFile(out, report)
log(`written to ${path.relative(process.cwd(), out)}`)
process.exit(failures.length > 0 ? 1 : 0)
