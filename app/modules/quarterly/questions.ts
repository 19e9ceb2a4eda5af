import { BLOCKERS, BLOCKER_LABELS } from '#app/modules/forums/constants.ts'

// The questions of a review cycle. A cycle keeps its own copy (JSON in ReviewCycle.questions), so
// editing the group's template never changes an update already written.

/** The key numbers every group compares quarter over quarter. */
export const METRICS = [
	'revenue',
	'gross_margin',
	'recurring_revenue',
	'cash_days',
	'headcount',
] as const
export type Metric = (typeof METRICS)[number]
export const METRIC_LABELS: Record<Metric, string> = {
	revenue: 'Revenue',
	gross_margin: 'Gross margin',
	recurring_revenue: 'Recurring revenue',
	cash_days: 'Cash on hand',
	headcount: 'Headcount',
}
export const METRIC_UNITS: Record<Metric, string> = {
	revenue: 'USD',
	gross_margin: '%',
	recurring_revenue: '%',
	cash_days: 'days',
	headcount: 'people',
}

/** The main blocker a member names: the forums' growth blockers. */
export const REVIEW_BLOCKERS = BLOCKERS
export const REVIEW_BLOCKER_LABELS = BLOCKER_LABELS

export const QUESTION_KINDS = ['metric', 'text', 'blocker'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

export type Question =
	| { id: string; kind: 'metric'; metric: Metric; label: string }
	| { id: string; kind: 'text'; label: string; help?: string; role?: TextRole }
	| { id: string; kind: 'blocker'; label: string }

/** Text questions the agenda reads: a member's ask of the group. */
export type TextRole = 'wins' | 'lesson' | 'not_well' | 'ask'

export const QUESTION_LIMITS = {
	labelMax: 200,
	helpMax: 300,
	maxQuestions: 30,
	answerMax: 5000,
} as const

export const DEFAULT_QUESTIONS: Question[] = [
	{ id: 'revenue', kind: 'metric', metric: 'revenue', label: 'Revenue this quarter' },
	{ id: 'gross_margin', kind: 'metric', metric: 'gross_margin', label: 'Gross margin' },
	{
		id: 'recurring_revenue',
		kind: 'metric',
		metric: 'recurring_revenue',
		label: 'Recurring revenue, as a share of revenue',
	},
	{
		id: 'cash_days',
		kind: 'metric',
		metric: 'cash_days',
		label: 'Cash on hand, in days of expenses',
	},
	{ id: 'headcount', kind: 'metric', metric: 'headcount', label: 'Headcount' },
	{ id: 'wins', kind: 'text', role: 'wins', label: 'Wins', help: 'What went well this quarter?' },
	{ id: 'lesson', kind: 'text', role: 'lesson', label: 'Your biggest lesson' },
	{ id: 'not_well', kind: 'text', role: 'not_well', label: 'What did not go well' },
	{ id: 'blocker', kind: 'blocker', label: 'Your main blocker' },
	{
		id: 'ask',
		kind: 'text',
		role: 'ask',
		label: 'What you ask of the group',
		help: 'Advice, an introduction, a second pair of eyes…',
	},
]
