// Start time and idle memory of the production server, as `npm start` runs it.
//   figure:  from spawning the process to the first 200 from /healthz, on a database whose
//            migrations are all applied (an ordinary restart); then its RSS once idle (5 s later)
//   beside:  the same server run from source through tsx (`node --import tsx scripts/start.ts`,
//            how `npm start` ran before the server was compiled), and a floor: plain Node
//            answering /healthz from a bare http server
// Options (env): BENCH_RUNS (5), BENCH_BUILD_DIR (default build/, built when missing).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { benchDir, printTable, stats, throwawaySqlite, writeResults } from './lib.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const IDLE_MS = 5_000
const projectRoot = path.dirname(benchDir)
const buildDir = path.resolve(projectRoot, process.env.BENCH_BUILD_DIR ?? 'build')
if (
	!existsSync(path.join(buildDir, 'start.mjs')) ||
	!existsSync(path.join(buildDir, 'server/index.js'))
) {
	console.log('startup: building the app…')
	execFileSync('npm', ['run', 'build'], {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, PEERPOWER_BUILD_DIR: buildDir },
	})
}

const database = throwawaySqlite()
process.env.DATABASE_URL = database.url
const { migrateDatabase } = await import('#server/db/migrate.ts')
const { freePort, spawnServer } = await import('#tests/server-process.ts')
await migrateDatabase(database.url)

/** CPU time the process has used (user + system), from /proc: steadier than wall time on a busy machine. */
function cpuTimeMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
	const ticks = Number(fields[11]) + Number(fields[12])
	return (ticks * 1000) / 100
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function peerpower(compiled: boolean) {
	const port = await freePort()
	const started = performance.now()
	const server = await spawnServer({
		buildDir,
		databaseUrl: database.url,
		port,
		compiled,
		env: { LOG_LEVEL: 'error' },
	})
	const ms = performance.now() - started
	const cpuMs = cpuTimeMs(server.pid)
	await sleep(IDLE_MS)
	const rss = server.rss()
	await server.stop()
	return { ms, rss, cpuMs }
}

async function bareNode() {
	const port = await freePort()
	const script = `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`
	const started = performance.now()
	const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' })
	for (;;) {
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
			(response) => response.ok,
			() => false,
		)
		if (ok) break
		await sleep(10)
	}
	const ms = performance.now() - started
	const cpuMs = cpuTimeMs(child.pid!)
	child.kill()
	return { ms, rss: 0, cpuMs }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)
try {
	const variants = [
		{ name: 'npm start (compiled, plain node)', run: () => peerpower(true) },
		{ name: 'from source through tsx (before)', run: () => peerpower(false) },
		{ name: 'floor: bare node http server', run: bareNode },
	]
	const results: Record<
		string,
		{ startMs: ReturnType<typeof stats>; cpuMs: ReturnType<typeof stats>; idleRssMb: number }
	> = {}
	// Interleaved, so that a busy moment of the machine does not fall on one variant only.
	const samples = new Map(
		variants.map((variant) => [
			variant.name,
			[] as Array<{ ms: number; rss: number; cpuMs: number }>,
		]),
	)
	for (let i = 0; i < RUNS; i++) {
		for (const variant of variants) samples.get(variant.name)!.push(await variant.run())
	}
	const rows = variants.map((variant) => {
		const runs = samples.get(variant.name)!
		const start = stats(runs.map((run) => run.ms))
		const rss = runs.map((run) => run.rss).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!
		const cpu = stats(runs.map((run) => run.cpuMs))
		results[variant.name] = { startMs: start, cpuMs: cpu, idleRssMb: Number(mb(rss)) }
		return [
			variant.name,
			start.medianMs.toFixed(0),
			start.maxMs.toFixed(0),
			cpu.medianMs.toFixed(0),
			rss ? mb(rss) : '',
		]
	})
	printTable(
		['start to first 200 from /healthz', 'median ms', 'max ms', 'CPU ms (median)', 'idle RSS MB'],
		rows,
	)
	console.log(`→ ${await writeResults('startup', { runs: RUNS, results })}`)
} finally {
	await database.dispose()
}
process.exit(0)
