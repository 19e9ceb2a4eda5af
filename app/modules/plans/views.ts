// How plan figures read on a page.

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

export function formatValue(value: number | null | undefined, unit: string | null | undefined): string {
	if (value === null || value === undefined) return '—'
	const text = numberFormat.format(value)
	if (!unit) return text
	// Currency signs read before the figure, other units after it.
	return /^[€$£¥]$/.test(unit) ? `${unit}${text}` : `${text} ${unit}`
}

/** What a goal aims for, in a few words. */
export function targetText(goal: { measure: string; targetValue: number | null; unit: string | null; dueQuarter: number }): string {
	const by = `by end of Q${goal.dueQuarter}`
	return goal.measure === 'number' ? `${formatValue(goal.targetValue, goal.unit)} ${by}` : `Milestone ${by}`
}

/** Where a goal stands now, from its last check-in. */
export function currentText(
	goal: { measure: string; unit: string | null; startValue: number | null },
	last: { value: number | null; done: boolean } | null,
): string {
	if (goal.measure === 'milestone') return last?.done ? 'Completed' : 'Not yet'
	return formatValue(last?.value ?? goal.startValue, goal.unit)
}
