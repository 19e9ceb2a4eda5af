// Benchmark processes talk over Node's IPC channel: the parent calls, the child answers. Load
// generators, ceilings and socket clients each run in a process of their own, so that none of
// them shares an event loop with what it measures.
import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

type Request = { id: number; type: string; [key: string]: unknown }
type Answer = { id: number; ok: boolean; result?: unknown; error?: string }

export type Child = {
	pid: number
	process: ChildProcess
	call<T>(type: string, payload?: Record<string, unknown>): Promise<T>
	/** Resident memory now, in bytes (from /proc). */
	rss(): number
	close(): Promise<void>
}

export function rssOf(pid: number): number {
	try {
		return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
	} catch {
		return 0
	}
}

/** Starts `file` (TypeScript, through tsx) as a child that answers calls (see `serve`). */
export function forkChild(file: string, options: { env?: Record<string, string>; execArgv?: string[] } = {}): Child {
	const child = fork(file, [], {
		execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
		env: { ...process.env, NODE_ENV: 'production', ...options.env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	})
	let next = 0
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
	child.on('message', (message: Answer) => {
		const waiting = pending.get(message.id)
		if (!waiting) return
		pending.delete(message.id)
		if (message.ok) waiting.resolve(message.result)
		else waiting.reject(new Error(`${file}: ${message.error}`))
	})
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			for (const waiting of pending.values()) waiting.reject(new Error(`${file} exited (${code ?? signal})`))
			pending.clear()
			resolve()
		}),
	)
	return {
		pid: child.pid!,
		process: child,
		call<T>(type: string, payload: Record<string, unknown> = {}) {
			const id = ++next
			return new Promise<T>((resolve, reject) => {
				pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
				child.send({ id, type, ...payload } satisfies Request)
			})
		},
		rss: () => rssOf(child.pid!),
		async close() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
			await exited
			clearTimeout(timer)
		},
	}
}

/** The child's side: one handler per call type; a thrown error goes back as the call's error. */
export function serve(handlers: Record<string, (request: Record<string, unknown>) => unknown>): void {
	process.on('message', async (message: Request) => {
		const handler = handlers[message.type]
		try {
			if (!handler) throw new Error(`no handler for ${message.type}`)
			const result = await handler(message)
			process.send!({ id: message.id, ok: true, result } satisfies Answer)
		} catch (error) {
			process.send!({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer)
		}
	})
	// The parent going away ends the child: no orphaned load generators.
	process.on('disconnect', () => process.exit(0))
}
