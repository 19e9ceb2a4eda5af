import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { MetricHistoryChart } from './metric-history-chart.tsx'

// The chart must be in the server's HTML, before and without JavaScript, and readable without
// seeing it: a named picture, its gist in words, and every point in a table.

describe('MetricHistoryChart', () => {
	const points = [
		{ quarter: '2026-Q2', median: 800_000, count: 4 },
		{ quarter: '2026-Q3', median: 900_000, count: 5 },
		{ quarter: '2026-Q4', median: 1_200_000, count: 6 },
	]
	const html = renderToString(<MetricHistoryChart metric="revenue" points={points} />)

	test('draws a named SVG with one point per quarter joined by a line, no inline styles', () => {
		expect(html).toMatch(/<svg role="img"[^>]*viewBox="0 0 520 220"/)
		expect(html).toContain('<title>Revenue: the group’s median by quarter</title>')
		expect(html).toContain('<desc>Revenue: median $800K in 2026-Q2, $1.2M in 2026-Q4, over 3 quarters.</desc>')
		expect(html.match(/class="metric-point"/g)).toHaveLength(3)
		expect(html.match(/class="recharts-curve"/g)).toHaveLength(1)
		for (const quarter of ['2026-Q2', '2026-Q3', '2026-Q4']) expect(html).toContain(`>${quarter}</tspan>`)
		expect(html).not.toMatch(/ style="/)
		// Short coordinates: the browser's build of recharts prints the same path.
		for (const [, d] of html.matchAll(/ d="([^"]+)"/g)) expect(d).not.toMatch(/\.\d{4,}/)
	})

	test('says the gist where aria-describedby points, and lists every point in a table', () => {
		const id = /aria-describedby="([^"]+)"/.exec(html)?.[1]
		expect(new RegExp(`<p id="${id}" hidden="">([^<]*)</p>`).exec(html)?.[1]).toBe(
			'Revenue: median $800K in 2026-Q2, $1.2M in 2026-Q4, over 3 quarters.',
		)
		const body = /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? ''
		const rows = [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map(([, row]) =>
			[...row!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map(([, cell]) => cell!.replace(/<!-- -->/g, '')),
		)
		expect(rows).toEqual([
			['2026-Q2', '$800,000', '4'],
			['2026-Q3', '$900,000', '5'],
			['2026-Q4', '$1,200,000', '6'],
		])
	})

	test('an empty history says so instead of drawing nothing', () => {
		const empty = renderToString(<MetricHistoryChart metric="headcount" points={[]} />)
		expect(empty).not.toContain('<svg')
		expect(empty).toContain('No figures submitted yet')
	})
})
