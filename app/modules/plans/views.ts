// How plan figures read on a page.

import { formatGoalValue } from './progress.ts'

/** A value with every digit, or a dash when there is none (see formatGoalValue). */
export function formatValue(
	value: number | null | undefined,
	unit: string | null | undefined,
): string {
	return value === null || value === undefined ? '—' : formatGoalValue(value, unit, { exact: true })
}

/** What a goal aims for, in a few words. */
export function targetText(goal: {
	measure: string
	targetValue: number | null
	unit: string | null
	dueQuarter: number
}): string {
	const by = `by end of Q${goal.dueQuarter}`
	return goal.measure === 'number'
		? `${formatValue(goal.targetValue, goal.unit)} ${by}`
		: `Milestone ${by}`
}

/** Where a goal stands now, from its last check-in. */
export function currentText(
	goal: { measure: string; unit: string | null; startValue: number | null },
	last: { value: number | null; done: boolean } | null,
): string {
	if (goal.measure === 'milestone') return last?.done ? 'Completed' : 'Not yet'
	return formatValue(last?.value ?? goal.startValue, goal.unit)
}

/** A goal's progress in a few characters, for the plan's overview chart: "2.3M of 2.4M USD". */
export function progressLabel(
	goal: {
		measure: string
		unit: string | null
		startValue: number | null
		targetValue: number | null
	},
	last: { value: number | null; done: boolean } | null,
): string {
	if (goal.measure === 'milestone' || goal.targetValue === null) return currentText(goal, last)
	const now = last?.value ?? goal.startValue
	const target = formatGoalValue(goal.targetValue, goal.unit)
	return now === null ? `— of ${target}` : `${formatGoalValue(now, null)} of ${target}`
}
