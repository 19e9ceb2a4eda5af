// How far a goal has come, and how its values read: pure, shared by the pages, the charts and the
// server (reminders, the year-end export), so every place shows the same number.

import { STATUSES, type GoalStatus } from './constants.ts'

/** The statuses in their order (constants.ts holds them with the other plan values). */
export const GOAL_STATUSES = STATUSES
export type { GoalStatus }

export type GoalMeasure = {
	measure: 'number' | 'milestone'
	startValue: number | null
	targetValue: number | null
}
export type LastCheckIn = { value: number | null; done: boolean } | null

/**
 * Progress toward the target, 0..1. A number goal counts the distance covered from its start
 * toward its target, whichever way the target lies (revenue up, days sales outstanding down); a
 * goal without a start counts from zero. A milestone is done or not. No check-in yet is 0.
 */
export function goalProgress(goal: GoalMeasure, last: LastCheckIn): number {
	if (!last) return 0
	if (goal.measure === 'milestone') return last.done ? 1 : 0
	const { targetValue: target } = goal
	const start = goal.startValue ?? 0
	const value = last.value
	if (
		target == null ||
		value == null ||
		!Number.isFinite(target) ||
		!Number.isFinite(start) ||
		!Number.isFinite(value)
	)
		return 0
	// A target equal to the start (keep headcount at 12) has no direction: it is met when the value is on it.
	if (target === start)
		return Math.abs(value - target) <= Number.EPSILON * Math.max(1, Math.abs(target)) ? 1 : 0
	return clamp01((value - start) / (target - start))
}

function clamp01(x: number): number {
	return Math.min(1, Math.max(0, x))
}

// Formatters made once, with a fixed locale, so the server's text and the browser's agree at hydration.
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
const exact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/**
 * A value as labels show it: 2400000 USD → "2.4M USD", 45 % → "45 %", 12 → "12".
 * `exact` gives every digit instead (1,950,000 USD), for tables and forms.
 */
export function formatGoalValue(
	value: number,
	unit: string | null | undefined,
	{ exact: full = false } = {},
): string {
	const number = (full ? exact : compact).format(value)
	const trimmed = unit?.trim()
	if (!trimmed) return number
	// Currency signs read before the figure ($2.4M), other units after it (2.4M USD, 45 %).
	return /^[€$£¥]$/.test(trimmed) ? `${trimmed}${number}` : `${number} ${trimmed}`
}
