import { describe, expect, test } from 'vitest'
import {
	askedMetrics,
	formatChange,
	formatMetric,
	median,
	metricValues,
	parseMetricValue,
	quantile,
	quarterChange,
	quartiles,
	standing,
} from './numbers.ts'
import { DEFAULT_QUESTIONS, type Question } from './questions.ts'

describe('parseMetricValue', () => {
	test.each([
		[1200000, 1200000],
		['1,200,000', 1200000],
		[' 42.5 % ', 42.5],
		['-3', -3],
		['.5', 0.5],
		['12 000', 12000],
	])('reads %j as %d', (raw, expected) => {
		expect(parseMetricValue(raw)).toBe(expected)
	})
	test.each([[''], ['abc'], ['1.2.3'], ['$5'], [Number.NaN], [Infinity], [null], [undefined], [{}], [true]])(
		'leaves %j out',
		(raw) => {
			expect(parseMetricValue(raw)).toBeNull()
		},
	)
})

describe('metricValues', () => {
	test('reads each metric question of the cycle, skipping text and bad answers', () => {
		const values = metricValues(DEFAULT_QUESTIONS, {
			revenue: 1_000_000,
			gross_margin: '38.5',
			cash_days: 'lots',
			headcount: 12,
			wins: '7',
		})
		expect(values).toEqual({ revenue: 1_000_000, gross_margin: 38.5, headcount: 12 })
	})
	test('follows the question ids of a cycle whose questions were renamed, first one wins', () => {
		const questions: Question[] = [
			{ id: 'q1', kind: 'metric', metric: 'revenue', label: 'Turnover' },
			{ id: 'q2', kind: 'metric', metric: 'revenue', label: 'Turnover again' },
		]
		expect(metricValues(questions, { q1: 5, q2: 9, revenue: 7 })).toEqual({ revenue: 5 })
		expect(askedMetrics(questions)).toEqual(['revenue'])
		expect(askedMetrics(DEFAULT_QUESTIONS)).toEqual(['revenue', 'gross_margin', 'recurring_revenue', 'cash_days', 'headcount'])
	})
})

describe('quarter over quarter', () => {
	test('gives the difference and the relative change, none without both quarters', () => {
		expect(quarterChange(1_000_000, 1_200_000)).toEqual({ delta: 200_000, relative: 0.2 })
		expect(quarterChange(40, 35)).toEqual({ delta: -5, relative: -0.125 })
		expect(quarterChange(0, 3)).toEqual({ delta: 3, relative: null })
		expect(quarterChange(-100, -50)).toEqual({ delta: 50, relative: 0.5 })
		expect(quarterChange(undefined, 3)).toBeNull()
		expect(quarterChange(3, undefined)).toBeNull()
	})
	test('words it: relative for amounts, points for percentages', () => {
		expect(formatChange('revenue', quarterChange(1_000_000, 1_200_000))).toBe('+20 %')
		expect(formatChange('gross_margin', quarterChange(40, 35))).toBe('−5 pts')
		expect(formatChange('headcount', quarterChange(0, 3))).toBe('+3 people')
		expect(formatChange('cash_days', quarterChange(60, 60))).toBe('±0 %')
		expect(formatChange('revenue', null)).toBe('—')
		expect(formatMetric('revenue', 1_234_567)).toBe('$1.23M')
		expect(formatMetric('revenue', 1_234_567, { exact: true })).toBe('$1,234,567')
		expect(formatMetric('gross_margin', 41.25)).toBe('41.3 %')
	})
})

describe('quartiles (linear interpolation, type 7)', () => {
	test('match the textbook values', () => {
		expect(quartiles([4, 1, 3, 2])).toEqual({ count: 4, q1: 1.75, median: 2.5, q3: 3.25 })
		expect(quartiles([1, 2, 3, 4, 5])).toEqual({ count: 5, q1: 2, median: 3, q3: 4 })
		// R: quantile(c(7, 15, 36, 39, 40, 41), c(.25,.5,.75)) → 20.25 37.5 39.75
		expect(quartiles([36, 7, 40, 15, 41, 39])).toEqual({ count: 6, q1: 20.25, median: 37.5, q3: 39.75 })
		expect(quartiles([9])).toEqual({ count: 1, q1: 9, median: 9, q3: 9 })
		expect(quartiles([])).toBeNull()
		expect(median([3, 1, 2, 10])).toBe(2.5)
		expect(quantile([1, 2], 1)).toBe(2)
	})
	test('place a figure in its quarter; a boundary counts in the quarter above', () => {
		const q = quartiles([10, 20, 30, 40, 50])!
		expect([5, 19, 20, 29, 30, 39, 40, 99].map((value) => standing(value, q))).toEqual([1, 1, 2, 2, 3, 3, 4, 4])
		// Everyone the same: everyone is in the highest quarter, nobody "below" anyone.
		const flat = quartiles([7, 7, 7, 7, 7])!
		expect(standing(7, flat)).toBe(4)
	})
	test('each of five figures lands in a quarter, and the lowest and highest at the ends', () => {
		const figures = [120, 80, 300, 95, 210]
		const q = quartiles(figures)!
		const standings = figures.map((value) => standing(value, q))
		expect(standing(80, q)).toBe(1)
		expect(standing(300, q)).toBe(4)
		expect(standings.every((s) => s >= 1 && s <= 4)).toBe(true)
	})
})
