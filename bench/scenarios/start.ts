// Start time: from spawning the server as `npm start` does (node --import tsx scripts/start.ts,
// on the generated database, already migrated) to its first 200 from /healthz, polled every 5 ms.
// The ceiling is a bare `node -e` http server's start to its first 200.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '#server/db/engine.ts'
import { freePort } from '#tests/server-process.ts'
import { interleaved, type Context } from '../lib/context.ts'

async function timeToFirst200(command: string[], env: Record<string, string>, port: number): Promise<number> {
	const started = performance.now()
	const child = spawn(process.execPath, command, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
	let stderr = ''
	child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	let gone = false
	void exited.then(() => (gone = true))
	try {
		for (;;) {
			if (gone) throw new Error(`the server exited while starting: ${stderr}`)
			const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
				(response) => response.status === 200,
				() => false,
			)
			if (ok) return performance.now() - started
			if (performance.now() - started > 120_000) throw new Error('no 200 from /healthz within 120 s')
			await new Promise((resolve) => setTimeout(resolve, 5))
		}
	} finally {
		child.kill('SIGTERM')
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
		await exited
		clearTimeout(timer)
	}
}

export async function run(ctx: Context): Promise<void> {
	const figures = await interleaved(
		ctx.settings.rounds,
		async () => {
			const port = await freePort()
			const ms = await timeToFirst200(['--import', 'tsx', path.join(projectRoot, 'scripts/start.ts')], {
				NODE_ENV: 'production',
				PEERPOWER_BUILD_DIR: ctx.buildDir,
				DATABASE_URL: `file:${ctx.dbFile}`,
				PORT: String(port),
				HOST: '127.0.0.1',
				LOG_LEVEL: 'warn',
				SECURE_COOKIES: 'false',
			}, port)
			return { ms }
		},
		async () => {
			const port = await freePort()
			const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`
			return { ms: await timeToFirst200(['-e', script], {}, port) }
		},
	)
	ctx.record({ scenario: 'start', measure: 'spawn to first 200 from /healthz', unit: 'ms', app: figures.app.ms, ceiling: figures.ceiling.ms, note: 'ceiling: node -e http server' })
}
