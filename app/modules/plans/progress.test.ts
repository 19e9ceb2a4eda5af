import { describe, expect, test } from 'vitest'
import { formatGoalValue, goalProgress } from './progress.ts'

const number = (startValue: number | null, targetValue: number | null) => ({
	measure: 'number' as const,
	startValue,
	targetValue,
})
const checkIn = (value: number | null, done = false) => ({ value, done })

describe('goalProgress', () => {
	test('a number goal counts the distance covered from start toward target', () => {
		expect(goalProgress(number(1_500_000, 2_400_000), checkIn(1_950_000))).toBeCloseTo(0.5)
		expect(goalProgress(number(0, 12), checkIn(3))).toBeCloseTo(0.25)
	})

	test('a decreasing target counts down (days sales outstanding from 60 to 35)', () => {
		expect(goalProgress(number(60, 35), checkIn(50))).toBeCloseTo(0.4)
		expect(goalProgress(number(60, 35), checkIn(35))).toBe(1)
	})

	test('is clamped to 0..1: behind the start, past the target', () => {
		expect(goalProgress(number(100, 200), checkIn(80))).toBe(0)
		expect(goalProgress(number(100, 200), checkIn(250))).toBe(1)
		expect(goalProgress(number(60, 35), checkIn(70))).toBe(0)
		expect(goalProgress(number(60, 35), checkIn(20))).toBe(1)
	})

	test('a target equal to the start is met only when the value is on it', () => {
		expect(goalProgress(number(12, 12), checkIn(12))).toBe(1)
		expect(goalProgress(number(12, 12), checkIn(11))).toBe(0)
		expect(goalProgress(number(12, 12), checkIn(13))).toBe(0)
		expect(goalProgress(number(0.3, 0.3), checkIn(0.1 + 0.2))).toBe(1)
	})

	test('no check-in, no value or no target is 0', () => {
		expect(goalProgress(number(0, 10), null)).toBe(0)
		expect(goalProgress(number(0, 10), checkIn(null))).toBe(0)
		expect(goalProgress(number(0, null), checkIn(5))).toBe(0)
		expect(goalProgress(number(0, 10), checkIn(Number.NaN))).toBe(0)
	})

	test('a number goal without a start counts from zero', () => {
		expect(goalProgress(number(null, 40), checkIn(10))).toBeCloseTo(0.25)
	})

	test('a milestone is done or not, whatever its values', () => {
		const milestone = { measure: 'milestone' as const, startValue: null, targetValue: null }
		expect(goalProgress(milestone, checkIn(null, true))).toBe(1)
		expect(goalProgress(milestone, checkIn(null, false))).toBe(0)
		expect(goalProgress(milestone, null)).toBe(0)
	})
})

describe('formatGoalValue', () => {
	test('compact numbers with the unit after a space', () => {
		expect(formatGoalValue(2_400_000, 'USD')).toBe('2.4M USD')
		expect(formatGoalValue(1_950_000, 'USD')).toBe('2M USD')
		expect(formatGoalValue(45, '%')).toBe('45 %')
		expect(formatGoalValue(12, 'new managed-services clients')).toBe(
			'12 new managed-services clients',
		)
		expect(formatGoalValue(12_500, 'EUR')).toBe('12.5K EUR')
		expect(formatGoalValue(-3.25, 'days')).toBe('-3.3 days')
	})

	test('exact: every digit, for tables', () => {
		expect(formatGoalValue(1_950_000, 'USD', { exact: true })).toBe('1,950,000 USD')
		expect(formatGoalValue(45.125, '%', { exact: true })).toBe('45.13 %')
	})

	test('no unit, or a blank one: the number alone', () => {
		expect(formatGoalValue(35, null)).toBe('35')
		expect(formatGoalValue(35, undefined)).toBe('35')
		expect(formatGoalValue(35, '  ')).toBe('35')
	})
})
