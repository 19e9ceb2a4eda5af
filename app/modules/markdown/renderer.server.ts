import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Piscina } from 'piscina'
import { MENTION_PATTERN, type MentionTarget, type RenderedMarkdown, type RenderTask } from './markdown.ts'

/**
 * Markdown is rendered in a pool of worker threads, never on the main thread. better-sqlite3
 * and every socket share the main thread, so a body that takes the parser seconds (long runs of
 * emphasis, deep nesting) would stop the whole community; in a worker it only costs its author,
 * and the time limit ends it.
 */
export const MAX_NESTING_DEPTH = 16
export const RENDER_TIME_LIMIT_MS = 2_000

/** A body the renderer will not take; the message is for the author. */
export class MarkdownRefusedError extends Error {}

const TOO_COMPLEX = 'This text’s formatting is too complex to display. Simplify the lists, quotes or emphasis and try again.'
const BUSY = 'Posting is busy right now. Please try again in a moment.'

// Resolved through package.json "imports", which holds in development, in Vitest and from a
// production bundle inside the project (a path relative to this file would not survive
// bundling); a bundle built elsewhere finds it from the working directory, the project's root.
function resolveWorkerFile(): string {
	try {
		return createRequire(import.meta.url).resolve('#app/modules/markdown/markdown.worker.mjs')
	} catch {
		return path.resolve('app/modules/markdown/markdown.worker.mjs')
	}
}

// The server and the production build of the app each hold a copy of this module: what both must
// share (the pool, the compiled worker's place) lives on globalThis.
const globalForPool = globalThis as unknown as { __peerpowerMarkdownPool?: Piscina; __peerpowerMarkdownWorker?: string }

/**
 * Workers run this file instead of the source entry (which loads the TypeScript through tsx): the
 * production server passes the compiled worker of its build. Call before the first render.
 */
export function useCompiledMarkdownWorker(file: string): void {
	globalForPool.__peerpowerMarkdownWorker = file
}

/**
 * How long an idle worker is kept. Long enough that an active community never waits for a worker
 * to load its parser (a cold start takes a busy machine seconds); a server quiet this long holds
 * none.
 */
export const WORKER_IDLE_TIMEOUT_MS = 5 * 60_000

function pool(): Piscina {
	globalForPool.__peerpowerMarkdownPool ??= new Piscina({
		filename: globalForPool.__peerpowerMarkdownWorker ?? resolveWorkerFile(),
		// None while idle (each worker holds its own copy of the parser, tens of megabytes): they
		// start with the first render and end after WORKER_IDLE_TIMEOUT_MS without work. Up to two,
		// so that a worker cut off by the time limit leaves another for the others.
		minThreads: 0,
		maxThreads: Math.max(2, availableParallelism() - 1),
		// Writers queue behind a slow render for at most this many tasks; past that they retry.
		maxQueue: 200,
		idleTimeout: WORKER_IDLE_TIMEOUT_MS,
		// A runaway render is cut off by memory as well as by time.
		resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 },
	})
	return globalForPool.__peerpowerMarkdownPool
}

/** Worker threads running now (none before the first render, nor after the idle timeout). */
export function markdownWorkerCount(): number {
	return globalForPool.__peerpowerMarkdownPool?.threads.length ?? 0
}

export async function closeMarkdownPool(): Promise<void> {
	const current = globalForPool.__peerpowerMarkdownPool
	globalForPool.__peerpowerMarkdownPool = undefined
	await current?.destroy()
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/**
 * How deeply lists and quotes nest, measured on the raw text in one pass without parsing:
 * markers (`>`, `-`, `*`, `+`, `1.`) stacked on a line, and indentation (two columns a level).
 * Fenced code is skipped. The parser's work grows with depth, so depth is refused up front.
 */
export function nestingDepth(markdown: string): number {
	let deepest = 0
	let fence: string | null = null
	for (const line of markdown.split('\n')) {
		const fenceMatch = FENCE.exec(line)
		if (fence) {
			if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null
			continue
		}
		if (fenceMatch) {
			fence = fenceMatch[1]!
			continue
		}
		let depth = 0
		let indent = 0
		let index = 0
		while (index < line.length) {
			const char = line[index]!
			if (char === ' ' || char === '\t') {
				// Only the indentation before the first marker says how deep a list item sits.
				if (depth === 0) indent += char === ' ' ? 1 : 4 - (indent % 4)
				index += 1
			} else if (char === '>') {
				depth += 1
				index += 1
			} else if ((char === '-' || char === '*' || char === '+') && /[ \t]|$/.test(line[index + 1] ?? '')) {
				depth += 1
				index += 1
			} else {
				const ordered = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(index, index + 11))
				if (!ordered) break
				depth += 1
				index += ordered[0].length
			}
		}
		deepest = Math.max(deepest, depth + Math.floor(indent / 2))
	}
	return deepest
}

// A task waits in the queue, and a new worker loads the renderer first: neither is the body's
// fault, so the time limit starts when the worker begins the task (it raises a shared flag).
const QUEUE_TIME_LIMIT_MS = 20_000

async function run<T>(task: RenderTask): Promise<T> {
	if (nestingDepth(task.markdown) > MAX_NESTING_DEPTH) {
		throw new MarkdownRefusedError(`Lists and quotes can nest at most ${MAX_NESTING_DEPTH} levels deep. Flatten them and try again.`)
	}
	const started = new Int32Array(new SharedArrayBuffer(4))
	const controller = new AbortController()
	const submittedAt = performance.now()
	let startedAt: number | null = null
	let cause: 'slow' | 'queued' | null = null
	const watch = setInterval(() => {
		const now = performance.now()
		if (startedAt === null && Atomics.load(started, 0) === 1) startedAt = now
		if (startedAt !== null && now - startedAt > RENDER_TIME_LIMIT_MS) cause = 'slow'
		else if (startedAt === null && now - submittedAt > QUEUE_TIME_LIMIT_MS) cause = 'queued'
		if (cause) controller.abort()
	}, 20)
	try {
		return (await pool().run({ ...task, started }, { signal: controller.signal })) as T
	} catch (error) {
		if (cause === 'queued') throw new MarkdownRefusedError(BUSY)
		const message = (error as { message?: string } | null)?.message ?? ''
		// Past the time limit, out of stack or memory in the worker: the body is at fault.
		if (cause === 'slow' || /stack size|out of memory|memory limit/i.test(message)) throw new MarkdownRefusedError(TOO_COMPLEX)
		if (/queue is at limit/i.test(message)) throw new MarkdownRefusedError(BUSY)
		throw error
	} finally {
		clearInterval(watch)
	}
}

/** Renders once: safe HTML with the given @mentions linked, the plain text and the handles written. */
export function renderMarkdown(markdown: string, mentions: MentionTarget[] = []): Promise<RenderedMarkdown> {
	return run({ kind: 'render', markdown, mentions })
}

/** The words of a markdown text, for excerpts stored beside it. */
export function markdownToText(markdown: string): Promise<string> {
	return run({ kind: 'text', markdown })
}

/**
 * Handles that may be mentions, read from the raw text without parsing (some may sit in code:
 * the render tells which are real). Used to look the members up before rendering.
 */
export function candidateHandles(markdown: string, limit = 100): string[] {
	const handles = new Set<string>()
	for (const match of markdown.matchAll(MENTION_PATTERN)) {
		handles.add(match[1]!.toLowerCase())
		if (handles.size >= limit) break
	}
	return [...handles]
}
