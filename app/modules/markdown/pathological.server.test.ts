// Bodies built to make a markdown parser slow or deep. Each one is refused or rendered within a
// bound, in a worker: the main thread stays free (a timer keeps ticking) while they run.
import { describe, expect, test } from 'vitest'
import { MarkdownRefusedError, MAX_NESTING_DEPTH, nestingDepth, renderMarkdown, RENDER_TIME_LIMIT_MS } from './renderer.server.ts'

const LIMIT = 20_000

const corpus: Array<[string, string]> = [
	['a line of 6,666 list markers', '- '.repeat(6666) + 'x'],
	['alternating emphasis delimiters', '*_'.repeat(10_000)],
	['deep quotes', '>'.repeat(5_000) + ' x'],
	['deep ordered lists', '1. '.repeat(5_000) + 'x'],
	['indented nested lists', Array.from({ length: 130 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')],
	['long link chain', '[a]('.repeat(3_999) + 'x' + ')'.repeat(3_999)],
	['nested brackets', '['.repeat(9_000) + ']'.repeat(9_000)],
	['emphasis runs', '**a '.repeat(4_900)],
	['underscores between words', 'a_'.repeat(9_999)],
	['backtick runs', '`'.repeat(19_999)],
	['link reference definitions', Array.from({ length: 600 }, (_, i) => `[r${i}]: https://x.y/${i}`).join('\n')],
	['table with many columns', `${'|a'.repeat(3_000)}|\n${'|-'.repeat(3_000)}|`],
	['html comment opener runs', '<!--'.repeat(4_900)],
	['autolink-looking text', 'www.a'.repeat(3_900)],
	['mentions everywhere', '@abc '.repeat(3_900)],
]

describe('pathological markdown', () => {
	test.each(corpus)('%s finishes within the bound, refused or rendered, without blocking', async (_name, body) => {
		expect(body.length).toBeLessThanOrEqual(LIMIT)
		// The longest the main thread went without running a timer while the body was rendered.
		let last = performance.now()
		let longestStall = 0
		const ticker = setInterval(() => {
			const now = performance.now()
			longestStall = Math.max(longestStall, now - last)
			last = now
		}, 10)
		const started = performance.now()
		const outcome = await renderMarkdown(body).then(
			() => 'rendered',
			(error: unknown) => {
				if (error instanceof MarkdownRefusedError) return 'refused'
				throw error
			},
		)
		const elapsed = performance.now() - started
		clearInterval(ticker)
		expect(['rendered', 'refused']).toContain(outcome)
		// The time limit, plus a worker restarting after an earlier body was cut off.
		expect(elapsed).toBeLessThan(RENDER_TIME_LIMIT_MS + 10_000)
		// Parsing on the main thread would stall it for the whole render (seconds for these bodies).
		expect(longestStall).toBeLessThan(1_000)
	})

	test('the nesting depth is measured without parsing, and fenced code does not count', () => {
		expect(nestingDepth('- a\n  - b\n    - c')).toBe(3)
		expect(nestingDepth('> > > quote')).toBe(3)
		expect(nestingDepth('1. one\n2. two')).toBe(1)
		expect(nestingDepth('```\n' + '- '.repeat(100) + '\n```\ntext')).toBe(0)
		expect(nestingDepth('- '.repeat(MAX_NESTING_DEPTH + 1) + 'x')).toBeGreaterThan(MAX_NESTING_DEPTH)
	})

	test('a refusal says what to change', async () => {
		await expect(renderMarkdown('> '.repeat(100) + 'x')).rejects.toThrow(/nest at most/)
	})
})
