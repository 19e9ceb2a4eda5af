import { METRIC_UNITS, type Metric, type Question } from './questions.ts'

// The arithmetic of a group's key numbers, free of the database so it is tested on its own
// (numbers.test.ts): metric answers read from an update, quarter-over-quarter change, quartiles
// and where one figure stands among them.

export type MetricValues = Partial<Record<Metric, number>>

/**
 * A metric answer: a number, or the text someone typed ("1,200,000", "42 %", "$ 950k" is not
 * read: only digits, one decimal point, a sign, thousands separators and a trailing % or space).
 * Null for anything else, so a bad answer is left out rather than counted as 0.
 */
export function parseMetricValue(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null
	if (typeof raw !== 'string') return null
	const text = raw.trim().replace(/\s*%$/, '').replace(/[,\s_]/g, '')
	if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null
	const value = Number(text)
	return Number.isFinite(value) ? value : null
}

/** The metric answers of one update, by metric (the first question asking for a metric wins). */
export function metricValues(
	questions: readonly Question[],
	answers: Record<string, unknown>,
): MetricValues {
	const values: MetricValues = {}
	for (const question of questions) {
		if (question.kind !== 'metric' || question.metric in values) continue
		const value = parseMetricValue(answers[question.id])
		if (value !== null) values[question.metric] = value
	}
	return values
}

/** The metrics a cycle asks for, in the order of its questions, each once. */
export function askedMetrics(questions: readonly Question[]): Metric[] {
	const metrics: Metric[] = []
	for (const question of questions)
		if (question.kind === 'metric' && !metrics.includes(question.metric)) metrics.push(question.metric)
	return metrics
}

/**
 * The change of one member's figure from last quarter: `delta` in the metric's own unit (for the
 * percentages, gross margin and recurring revenue, that is percentage points), `relative` as a
 * fraction of last quarter's figure (null when last quarter's was 0).
 */
export type Change = { delta: number; relative: number | null }

export function quarterChange(previous: number | undefined, current: number | undefined): Change | null {
	if (previous === undefined || current === undefined) return null
	const delta = current - previous
	return { delta, relative: previous === 0 ? null : delta / Math.abs(previous) }
}

/**
 * A quantile of sorted values by linear interpolation between the closest ranks: position
 * p·(n−1) counted from 0 (Hyndman & Fan's type 7, the default of R, NumPy and Excel's
 * QUARTILE.INC). For [1, 2, 3, 4]: Q1 = 1.75, median = 2.5, Q3 = 3.25.
 */
export function quantile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) throw new Error('quantile of no values')
	const position = p * (sorted.length - 1)
	const below = Math.floor(position)
	const above = Math.ceil(position)
	const low = sorted[below]!
	return low + (sorted[above]! - low) * (position - below)
}

export type Quartiles = { count: number; q1: number; median: number; q3: number }

/**
 * Fewer figures than this and the quartiles are not shown to members: with two, three or four,
 * a member who knows their own figure could work the others out from the boundaries (type 7 puts
 * them at or between the figures themselves). From five on, each boundary is at most an unnamed
 * figure of the group.
 */
export const MIN_FIGURES_FOR_QUARTILES = 5

export function quartiles(values: readonly number[]): Quartiles | null {
	const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
	if (sorted.length === 0) return null
	return {
		count: sorted.length,
		q1: quantile(sorted, 0.25),
		median: quantile(sorted, 0.5),
		q3: quantile(sorted, 0.75),
	}
}

export function median(values: readonly number[]): number | null {
	return quartiles(values)?.median ?? null
}

/**
 * Which quarter of the group a figure falls in: 1 below Q1, 2 from Q1 to below the median, 3 from
 * the median to below Q3, 4 from Q3 up. A figure on a boundary counts in the quarter above it.
 * Higher is not always better (headcount): the page says "lowest" and "highest", not "best".
 */
export type Standing = 1 | 2 | 3 | 4

export function standing(value: number, q: Quartiles): Standing {
	if (value < q.q1) return 1
	if (value < q.median) return 2
	if (value < q.q3) return 3
	return 4
}

export const STANDING_LABELS: Record<Standing, string> = {
	1: 'lowest quarter',
	2: 'second quarter',
	3: 'third quarter',
	4: 'highest quarter',
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const money = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 })

/** "$1.2M", "42.5 %", "90 days", "12 people". */
export function formatMetric(metric: Metric, value: number, options: { exact?: boolean } = {}): string {
	const unit = METRIC_UNITS[metric]
	if (unit === 'USD') return `$${options.exact ? whole.format(value) : money.format(value)}`
	if (unit === '%') return `${oneDecimal.format(value)} %`
	return `${oneDecimal.format(value)} ${unit}`
}

/** "+12 %", "−3.5 pts" (percentages change in points), "±0"; '—' without last quarter's figure. */
export function formatChange(metric: Metric, change: Change | null): string {
	if (!change) return '—'
	const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±')
	if (METRIC_UNITS[metric] === '%') return `${sign(change.delta)}${oneDecimal.format(Math.abs(change.delta))} pts`
	if (change.relative === null) return `${sign(change.delta)}${formatMetric(metric, Math.abs(change.delta))}`
	return `${sign(change.relative)}${oneDecimal.format(Math.abs(change.relative) * 100)} %`
}
