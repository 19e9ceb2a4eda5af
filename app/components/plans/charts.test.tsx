import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { GoalProgressChart, type GoalChartPoint } from './goal-progress-chart.tsx'
import { PlanOverviewChart, type PlanOverviewGoal } from './plan-overview-chart.tsx'
import { STATUS_COLORS } from './status.ts'

// The charts must show in the server's HTML, before (and without) any JavaScript: these render
// them exactly as a page's server render does.

function count(html: string, pattern: RegExp): number {
	return html.match(new RegExp(pattern, 'g'))?.length ?? 0
}

/** The text of the element the chart's aria-describedby points at (browsers do not expose <desc>). */
function describedBy(html: string): string | undefined {
	const id = /<svg role="img" aria-describedby="([^"]+)"/.exec(html)?.[1]
	if (!id) return undefined
	return new RegExp(`<p id="${id}" hidden="">([^<]*)</p>`).exec(html)?.[1]
}

function tableRows(html: string): string[][] {
	const body = /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? ''
	return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map(([, row]) =>
		[...row!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map(([, cell]) =>
			cell!.replace(/<[^>]+>/g, '').replace(/<!-- -->/g, ''),
		),
	)
}

describe('GoalProgressChart', () => {
	// Given out of order: the chart reads them by date.
	const points: GoalChartPoint[] = [
		{ date: '2026-09-12', value: 1_900_000, status: 'on_track' },
		{ date: '2026-02-10', value: 1_550_000, status: 'on_track' },
		{ date: '2026-05-12', value: 1_700_000, status: 'at_risk' },
		{ date: '2026-07-02', value: 1_620_000, status: 'off_track' },
	]
	const html = renderToString(
		<GoalProgressChart
			title="Revenue"
			unit="USD"
			startValue={1_500_000}
			targetValue={2_400_000}
			year={2026}
			points={points}
		/>,
	)

	test('draws an SVG with one marker per check-in, coloured by its status, joined by a line', () => {
		expect(html).toMatch(/<svg role="img"[^>]*viewBox="0 0 560 240"/)
		expect(count(html, /class="goal-point"/)).toBe(points.length)
		expect(count(html, /class="recharts-curve"/)).toBe(1)
		expect(/class="recharts-curve" d="M[\d.,]+(L[\d.,]+){3}"/.test(html)).toBe(true)
		const markerFills = [
			...html.matchAll(
				/class="goal-point"><title>[^<]*<\/title><(?:circle|path) [^>]*fill="(#[0-9A-Fa-f]+)"/g,
			),
		].map(([, fill]) => fill)
		expect(markerFills).toEqual([
			STATUS_COLORS.on_track,
			STATUS_COLORS.at_risk,
			STATUS_COLORS.off_track,
			STATUS_COLORS.on_track,
		])
		// Each status has its own shape too: circle, triangle, plus.
		expect(count(html, /class="goal-point"><title>[^<]*<\/title><circle /)).toBe(2)
		expect(
			count(html, /class="goal-point"><title>[^<]*<\/title><path [^>]*class="recharts-polygon"/),
		).toBe(2)
	})

	test('writes coordinates short enough that the browser draws the very same path', () => {
		// recharts' CommonJS build (the server) and its ES build (the browser) print paths with
		// different precision; they agree only on numbers of at most three decimals.
		const paths = [...html.matchAll(/ d="([^"]+)"/g)].map(([, d]) => d!)
		expect(paths.length).toBeGreaterThan(0)
		for (const d of paths) expect(d).not.toMatch(/\.\d{4,}/)
	})

	test('draws the target as a labelled line and the months of the year on the x axis', () => {
		expect(html).toContain('Target 2.4M USD')
		expect(count(html, /stroke-dasharray="6 4"/)).toBe(1)
		for (const month of ['Jan', 'Jun', 'Dec']) expect(html).toContain(`>${month}</tspan>`)
	})

	test('names the chart and says its gist in words', () => {
		expect(html).toContain('<title>Revenue</title>')
		expect(html).toContain(
			'<desc>Revenue: 1.9M USD of 2.4M USD on 12 Sep, on track. Started at 1.5M USD; 4 check-ins in 2026.</desc>',
		)
		expect(html).toMatch(/<figure[^>]*>.*<figcaption/s)
		expect(describedBy(html)).toBe(
			'Revenue: 1.9M USD of 2.4M USD on 12 Sep, on track. Started at 1.5M USD; 4 check-ins in 2026.',
		)
	})

	test('lists every check-in in a data table, by date, with exact values', () => {
		expect(html).toMatch(
			/<details[^>]*><summary[^>]*>Data<\/summary><table[^>]*><caption[^>]*>Revenue: check-ins in 2026<\/caption>/,
		)
		expect(tableRows(html)).toEqual([
			['10 Feb 2026', '1,550,000 USD', 'On track'],
			['12 May 2026', '1,700,000 USD', 'At risk'],
			['2 Jul 2026', '1,620,000 USD', 'Off track'],
			['12 Sep 2026', '1,900,000 USD', 'On track'],
		])
	})

	test('a decreasing target: the gist and the target line follow it', () => {
		const dso = renderToString(
			<GoalProgressChart
				title="Days sales outstanding"
				unit="days"
				startValue={60}
				targetValue={35}
				year={2026}
				points={[{ date: '2026-03-01', value: 48, status: 'at_risk' }]}
			/>,
		)
		expect(dso).toContain(
			'<desc>Days sales outstanding: 48 days of 35 days on 1 Mar, at risk. Started at 60 days; 1 check-in in 2026.</desc>',
		)
		expect(dso).toContain('Target 35 days')
		expect(count(dso, /class="goal-point"/)).toBe(1)
	})

	test('without a target or a unit it still reads', () => {
		const plain = renderToString(
			<GoalProgressChart
				title="Referrals"
				unit={null}
				startValue={null}
				targetValue={null}
				year={2026}
				points={[{ date: '2026-04-01', value: 3, status: 'on_track' }]}
			/>,
		)
		expect(plain).toContain('<desc>Referrals: 3 on 1 Apr, on track. 1 check-in in 2026.</desc>')
		expect(plain).not.toContain('Target')
	})

	test('no check-ins: an empty state and no chart', () => {
		const empty = renderToString(
			<GoalProgressChart
				title="Gross margin"
				unit="%"
				startValue={38}
				targetValue={45}
				year={2026}
				points={[]}
			/>,
		)
		expect(empty).toContain('No check-ins yet')
		expect(empty).toContain('Gross margin')
		expect(empty).not.toContain('<svg')
		expect(empty).not.toContain('<table')
	})
})

describe('PlanOverviewChart', () => {
	const goals: PlanOverviewGoal[] = [
		{ id: 'a', title: 'Revenue', progress: 0.5, status: 'on_track', label: '1.9M of 2.4M USD' },
		{
			id: 'b',
			title: 'New managed-services clients',
			progress: 0.25,
			status: 'at_risk',
			label: '3 of 12 clients',
		},
		{ id: 'c', title: 'Hire an operations manager', progress: 1, status: 'done', label: 'Done' },
		{ id: 'd', title: 'Days sales outstanding', progress: 0, status: null, label: '60 of 35 days' },
	]
	const html = renderToString(<PlanOverviewChart goals={goals} />)

	test('draws one row per goal, with a bar as long as its progress, coloured by its status', () => {
		expect(html).toMatch(/<svg role="img"[^>]*viewBox="0 0 560 256"/)
		expect(count(html, /class="recharts-layer plan-goal"/)).toBe(goals.length)
		// A goal with no progress has an empty track and no bar.
		const bars = [...html.matchAll(/<path class="recharts-rectangle plan-goal-bar"[^>]*>/g)].map(
			([tag]) => ({
				width: Number(/ width="([\d.]+)"/.exec(tag)?.[1]),
				fill: / fill="([^"]+)"/.exec(tag)?.[1],
			}),
		)
		expect(bars.map((bar) => bar.fill)).toEqual([
			STATUS_COLORS.on_track,
			STATUS_COLORS.at_risk,
			STATUS_COLORS.done,
		])
		const [half, quarter, full] = bars.map((bar) => bar.width)
		expect(half! / full!).toBeCloseTo(0.5)
		expect(quarter! / full!).toBeCloseTo(0.25)
	})

	test('gives each status and reading in words beside its bar', () => {
		for (const text of [
			'On track',
			'At risk',
			'Done',
			'No check-in yet',
			'1.9M of 2.4M USD',
			'3 of 12 clients',
		])
			expect(html).toContain(`>${text}</tspan>`)
	})

	test('names the chart and says its gist in words', () => {
		expect(html).toContain('<title>Progress toward each goal</title>')
		expect(html).toContain(
			'<desc>4 goals: 1 on track, 1 at risk, 1 done, 1 without a check-in.</desc>',
		)
		expect(describedBy(html)).toBe('4 goals: 1 on track, 1 at risk, 1 done, 1 without a check-in.')
	})

	test('lists every goal in a data table', () => {
		expect(html).toMatch(
			/<details[^>]*><summary[^>]*>Data<\/summary><table[^>]*><caption[^>]*>Progress toward each goal<\/caption>/,
		)
		expect(tableRows(html)).toEqual([
			['Revenue', '1.9M of 2.4M USD (50 %)', 'On track'],
			['New managed-services clients', '3 of 12 clients (25 %)', 'At risk'],
			['Hire an operations manager', 'Done (100 %)', 'Done'],
			['Days sales outstanding', '60 of 35 days (0 %)', 'No check-in yet'],
		])
	})

	test('a long title is cut in the drawing and kept whole in the table', () => {
		const long =
			'Open a second office in the northern region and staff it with a full delivery team'
		const cut = renderToString(
			<PlanOverviewChart
				goals={[{ id: 'x', title: long, progress: 0.3, status: 'on_track', label: '30 %' }]}
			/>,
		)
		expect(cut).toMatch(/>Open a second office[^<]*…<\/tspan>/)
		expect(tableRows(cut)[0]![0]).toBe(long)
	})

	test('no goals: an empty state and no chart', () => {
		const empty = renderToString(<PlanOverviewChart goals={[]} />)
		expect(empty).toContain('No goals yet')
		expect(empty).not.toContain('<svg')
	})
})
