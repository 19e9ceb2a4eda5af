import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Piscina } from 'piscina'
import type { SqliteSearchAnswer, SqliteSearchTask } from './sqlite-search.server.ts'

/**
 * SQLite searches run in a small pool of worker threads, each with its own read-only connection
 * to the same WAL database. better-sqlite3 is synchronous: on the main thread even a 30 ms
 * search stops every other request and socket for 30 ms, and ten at once stop them for 300 ms.
 * In a worker the main thread only waits for a message.
 *
 * Two limits, so that no search can hold a worker for long:
 *   - the worker itself stops walking candidates after SEARCH_TIME_LIMIT_MS (it checks the clock
 *     as rows come), which covers the usual way a search grows slow;
 *   - past SEARCH_HARD_LIMIT_MS the pool ends the worker (a single SQLite step that never returns
 *     a row, which the worker cannot interrupt), and a fresh one takes its place.
 * Either way the member is told the search took too long, with what to do about it.
 */
export const SEARCH_TIME_LIMIT_MS = 1_500
const SEARCH_HARD_LIMIT_MS = 5_000
// Waiting for a worker is not the search's fault, but past this the member is told to retry.
const QUEUE_TIME_LIMIT_MS = 10_000

export class SearchRefusedError extends Error {}

export const TOO_SLOW =
	'This search took too long. Add another word or a filter (forum, kind, author) and try again.'
export const BUSY = 'Search is busy right now. Please try again in a moment.'

// Resolved through package.json "imports", as the markdown worker is (renderer.server.ts says why).
function resolveWorkerFile(): string {
	try {
		return createRequire(import.meta.url).resolve('#app/modules/search/search.worker.mjs')
	} catch {
		return path.resolve('app/modules/search/search.worker.mjs')
	}
}

const globalForPool = globalThis as unknown as { __peerpowerSearchPool?: Piscina }

function pool(): Piscina {
	// One core is left to the main thread, so that requests that are not searches (and /healthz)
	// stay quick while searches run: on a two-core machine searches take turns in one worker
	// (a search is tens of milliseconds; ten at once wait for each other, not for the server).
	// A worker ended at the hard limit is replaced by the pool.
	const threads = Math.max(1, availableParallelism() - 1)
	globalForPool.__peerpowerSearchPool ??= new Piscina({
		filename: resolveWorkerFile(),
		minThreads: threads,
		maxThreads: threads,
		maxQueue: 100,
		idleTimeout: 60_000,
		resourceLimits: { maxOldGenerationSizeMb: 256 },
	})
	return globalForPool.__peerpowerSearchPool
}

export async function closeSearchPool(): Promise<void> {
	const current = globalForPool.__peerpowerSearchPool
	globalForPool.__peerpowerSearchPool = undefined
	await current?.destroy()
}

export async function runInSearchPool(
	task: Omit<SqliteSearchTask, 'timeLimitMs'>,
	timeLimitMs = SEARCH_TIME_LIMIT_MS,
): Promise<Exclude<SqliteSearchAnswer, { tooSlow: true }>> {
	const started = new Int32Array(new SharedArrayBuffer(4))
	const controller = new AbortController()
	const submittedAt = performance.now()
	let startedAt: number | null = null
	let cause: 'slow' | 'queued' | null = null
	const hardLimitMs = Math.max(SEARCH_HARD_LIMIT_MS, timeLimitMs * 2)
	const watch = setInterval(() => {
		const now = performance.now()
		if (startedAt === null && Atomics.load(started, 0) === 1) startedAt = now
		if (startedAt !== null && now - startedAt > hardLimitMs) cause = 'slow'
		else if (startedAt === null && now - submittedAt > QUEUE_TIME_LIMIT_MS) cause = 'queued'
		if (cause) controller.abort()
	}, 50)
	try {
		const answer = (await pool().run({ ...task, timeLimitMs, started }, { signal: controller.signal })) as SqliteSearchAnswer
		if ('tooSlow' in answer) throw new SearchRefusedError(TOO_SLOW)
		return answer
	} catch (error) {
		if (error instanceof SearchRefusedError) throw error
		if (cause === 'queued') throw new SearchRefusedError(BUSY)
		if (cause === 'slow') throw new SearchRefusedError(TOO_SLOW)
		const message = (error as { message?: string } | null)?.message ?? ''
		if (/queue is at limit/i.test(message)) throw new SearchRefusedError(BUSY)
		throw error
	} finally {
		clearInterval(watch)
	}
}
