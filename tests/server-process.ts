// PeerPower's production server as a child process (`scripts/start.ts`, as `npm start` runs it),
// for tests and benchmarks that must kill it, restart it or measure its memory. Plain Node: no
// Vitest imports, so bench/ scripts can use it too.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type ServerProcess = {
	url: string
	pid: number
	child: ChildProcess
	/** Resolves when the process has exited, with its code or signal. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
	/** Resident memory of the process now, in bytes (from /proc). */
	rss: () => number
	/** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
	kill: () => Promise<void>
	/** SIGTERM: the graceful shutdown; resolves once the process is gone. */
	stop: () => Promise<void>
}

/** A TCP port free on 127.0.0.1 now (kept across restarts, so clients need not look again). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			const port = typeof address === 'object' && address ? address.port : 0
			probe.close(() => resolve(port))
		})
	})
}

function rssOf(pid: number): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
		return kb * 1024
	} catch {
		return 0
	}
}

type Options = {
	/** The build folder (holding server/ and client/), as PEERPOWER_BUILD_DIR. */
	buildDir: string
	databaseUrl: string
	port: number
	env?: Record<string, string>
	/** How long to wait for /healthz to answer 200. */
	startTimeoutMs?: number
	/** Extra options for node itself (e.g. --cpu-prof), before the script. */
	nodeOptions?: string[]
	/**
	 * Run the compiled server as `npm start` does (scripts/start.mjs → <buildDir>/start.mjs, made by
	 * `npm run build`) instead of scripts/start.ts through tsx.
	 */
	compiled?: boolean
	/** Another checkout of PeerPower to run instead of this one (a benchmark's baseline). */
	checkout?: string
}

export async function spawnServer(options: Options): Promise<ServerProcess> {
	const url = `http://127.0.0.1:${options.port}`
	const root = options.checkout ?? projectRoot
	const child = spawn(
		process.execPath,
		[
			...(options.nodeOptions ?? []),
			...(options.compiled
				? [path.join(root, 'scripts/start.mjs')]
				: ['--import', 'tsx', path.join(root, 'scripts/start.ts')]),
		],
		{
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PEERPOWER_BUILD_DIR: options.buildDir,
				DATABASE_URL: options.databaseUrl,
				PORT: String(options.port),
				HOST: '127.0.0.1',
				LOG_LEVEL: 'warn',
				SECURE_COOKIES: 'false',
				// Load and durability runs post far faster than members do: the posting gap has its own tests.
				POST_MIN_GAP_SECONDS: '0',
				NEW_ACCOUNT_POST_MIN_GAP_SECONDS: '0',
				...options.env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	)
	let output = ''
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000)
	}
	child.stdout!.on('data', keep)
	child.stderr!.on('data', keep)
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	)
	let gone = false
	void exited.then(() => (gone = true))

	const deadline = Date.now() + (options.startTimeoutMs ?? 60_000)
	for (;;) {
		if (gone) throw new Error(`the server exited while starting:\n${output}`)
		const healthy = await fetch(`${url}/healthz`).then(
			(response) => response.ok,
			() => false,
		)
		if (healthy) break
		if (Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error(`the server did not answer /healthz in time:\n${output}`)
		}
		await new Promise((resolve) => setTimeout(resolve, 50))
	}

	const end = async (signal: NodeJS.Signals) => {
		if (!gone) child.kill(signal)
		await exited
	}
	return {
		url,
		pid: child.pid!,
		child,
		exited,
		rss: () => rssOf(child.pid!),
		kill: () => end('SIGKILL'),
		stop: () => end('SIGTERM'),
	}
}
