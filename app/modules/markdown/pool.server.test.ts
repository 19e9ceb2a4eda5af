// The worker pool starts empty: an idle server holds no parser, the first render starts a worker,
// and the time limit still counts from the start of the task, not from the worker's loading.
import { afterAll, beforeEach, expect, test } from 'vitest'
import { closeMarkdownPool, MarkdownRefusedError, markdownWorkerCount, renderMarkdown } from './renderer.server.ts'

beforeEach(async () => {
	await closeMarkdownPool()
})
afterAll(async () => {
	await closeMarkdownPool()
})

test('no worker runs until the first render, which starts one', async () => {
	expect(markdownWorkerCount()).toBe(0)
	const rendered = await renderMarkdown('Cash flow, **again**.')
	expect(rendered.html).toContain('<strong>again</strong>')
	expect(markdownWorkerCount()).toBeGreaterThanOrEqual(1)
})

test('on a cold pool, loading the worker is not charged to the body: an ordinary body renders', async () => {
	// Several at once: every one waits for the workers to load, and none is refused for it.
	const bodies = Array.from({ length: 6 }, (_, i) => `Reply ${i}\n\n- milestones\n- receivables`)
	const results = await Promise.all(bodies.map((body) => renderMarkdown(body)))
	results.forEach((result, i) => {
		expect(result.text).toContain(`Reply ${i}`)
		expect(result.html).toContain('<li>receivables</li>')
	})
})

test('on a cold pool, a body that runs past the time limit is still refused, and the pool serves the next', async () => {
	await expect(renderMarkdown('*_'.repeat(10_000))).rejects.toThrow(MarkdownRefusedError)
	await expect(renderMarkdown('*_'.repeat(10_000))).rejects.toThrow(/too complex/)
	expect((await renderMarkdown('After the refusal.')).text).toBe('After the refusal.')
})
