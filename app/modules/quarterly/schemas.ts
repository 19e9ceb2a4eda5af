import { z } from 'zod'
import { parseDay } from './days.ts'
import { parseQuarter } from './quarters.ts'
import {
	METRICS,
	QUESTION_KINDS,
	QUESTION_LIMITS,
	REVIEW_BLOCKERS,
	type Metric,
	type Question,
} from './questions.ts'

// One schema per form of review cycles, shared by the browser (Conform) and the actions. Conform
// hands empty fields over as undefined and turns numbers into numbers before these run.

export const CYCLE_VISIBILITIES = ['group', 'moderators'] as const
export type CycleVisibility = (typeof CYCLE_VISIBILITIES)[number]
export const VISIBILITY_LABELS: Record<CycleVisibility, string> = {
	group: 'Every member of the group reads submitted updates',
	moderators: 'Only the moderators read submitted updates',
}

const max = (limit: number, what: string) =>
	`${what} can be at most ${limit.toLocaleString('en-US')} characters`

const day = (what: string) =>
	z
		.string({ error: `Choose ${what}` })
		.trim()
		.refine((text) => parseDay(text) !== null, `Give ${what} as a date, e.g. 2026-10-01`)

const isDay = (value: unknown) => typeof value === 'string' && parseDay(value) !== null

export const CycleSettingsSchema = z
	.object({
		quarter: z
			.string({ error: 'Name the quarter, e.g. 2026-Q4' })
			.trim()
			.refine((text) => parseQuarter(text) !== null, 'Write the quarter as year and quarter, e.g. 2026-Q4'),
		opensOn: day('the day it opens'),
		dueOn: day('the day it is due'),
		visibility: z.enum(CYCLE_VISIBILITIES, { error: 'Choose who reads the updates' }),
	})
	// Checked even when another field is wrong (`when`), so every mistake shows at once.
	.refine((cycle) => cycle.dueOn >= cycle.opensOn, {
		path: ['dueOn'],
		message: 'The due day cannot come before the day it opens',
		when: ({ value }) => {
			const v = value as { opensOn?: unknown; dueOn?: unknown } | null
			return Boolean(v) && isDay(v!.opensOn) && isDay(v!.dueOn)
		},
	})
export type CycleSettingsInput = z.infer<typeof CycleSettingsSchema>

/** The longest meeting place: a hotel and a city, or a video link. */
export const MEETING_PLACE_MAX = 200

/**
 * When and where the group meets for this cycle. Both empty clears the day; a place alone is
 * refused, since it says nothing about when.
 */
export const MeetingDaySchema = z
	.object({
		meetingOn: z
			.string()
			.trim()
			.refine((text) => parseDay(text) !== null, 'Give the meeting day as a date, e.g. 2026-12-10')
			.optional(),
		meetingPlace: z
			.string()
			.trim()
			.max(MEETING_PLACE_MAX, max(MEETING_PLACE_MAX, 'The place'))
			.optional(),
	})
	.refine((meeting) => meeting.meetingOn !== undefined || meeting.meetingPlace === undefined, {
		path: ['meetingOn'],
		message: 'Choose the meeting day for this place',
	})
export type MeetingDayInput = z.infer<typeof MeetingDaySchema>

const label = z
	.string({ error: 'Give the question a label' })
	.trim()
	.min(1, 'Give the question a label')
	.max(QUESTION_LIMITS.labelMax, max(QUESTION_LIMITS.labelMax, 'A question'))

/** The edit page's main form: the settings and every question's label. */
export const CycleEditSchema = z.object({
	settings: CycleSettingsSchema,
	labels: z.record(z.string().max(100), label).optional(),
})

export const AddQuestionSchema = z
	.object({
		kind: z.enum(QUESTION_KINDS, { error: 'Choose what kind of answer it takes' }),
		label,
		metric: z.enum(METRICS, { error: 'Choose which number' }).optional(),
		help: z
			.string()
			.trim()
			.max(QUESTION_LIMITS.helpMax, max(QUESTION_LIMITS.helpMax, 'The hint'))
			.optional(),
	})
	.refine((question) => question.kind !== 'metric' || question.metric !== undefined, {
		path: ['metric'],
		message: 'Choose which number this question asks for',
		when: ({ value }) => (value as { kind?: unknown } | null)?.kind === 'metric',
	})
export type AddQuestionInput = z.infer<typeof AddQuestionSchema>

export const QuestionIdSchema = z.object({ questionId: z.string().min(1).max(100) })
export const MoveQuestionSchema = QuestionIdSchema.extend({ direction: z.enum(['up', 'down']) })

// ---------------------------------------------------------------------------------------------
// A member's update: one field per question of the cycle, so the schema is built from them.
// ---------------------------------------------------------------------------------------------

/** What a metric may hold: a margin may be negative, a count may not. */
const METRIC_BOUNDS: Record<Metric, { min: number; max: number; integer?: boolean }> = {
	revenue: { min: 0, max: 1e13 },
	gross_margin: { min: -1000, max: 100 },
	recurring_revenue: { min: 0, max: 100 },
	cash_days: { min: 0, max: 100_000 },
	headcount: { min: 0, max: 10_000_000, integer: true },
}

function metricAnswer(question: Extract<Question, { kind: 'metric' }>, required: boolean) {
	const bounds = METRIC_BOUNDS[question.metric]
	let schema = z
		.number({ error: required ? `${question.label}: enter a number` : `${question.label} must be a number` })
		.refine(Number.isFinite, `${question.label} must be a number`)
		.refine((n) => n >= bounds.min, `${question.label} cannot be below ${bounds.min.toLocaleString('en-US')}`)
		.refine((n) => n <= bounds.max, `${question.label} cannot be above ${bounds.max.toLocaleString('en-US')}`)
	if (bounds.integer) schema = schema.refine(Number.isInteger, `${question.label} must be a whole number`)
	return required ? schema : schema.optional()
}

function answerSchema(question: Question, required: boolean): z.ZodType {
	switch (question.kind) {
		case 'metric':
			return metricAnswer(question, required)
		case 'blocker': {
			const blocker = z.enum(REVIEW_BLOCKERS, { error: `${question.label}: choose one from the list` })
			return required ? blocker : blocker.optional()
		}
		case 'text':
			return z
				.string()
				.trim()
				.max(QUESTION_LIMITS.answerMax, max(QUESTION_LIMITS.answerMax, `“${question.label}”`))
				.optional()
	}
}

/**
 * The update form for these questions. A draft takes any part of it; a submitted update needs
 * every key number and the main blocker (what the dashboard compares), while its words stay free.
 */
export function updateSchema(questions: Question[], mode: 'draft' | 'submit') {
	const shape = Object.fromEntries(
		questions.map((question) => [question.id, answerSchema(question, mode === 'submit' && question.kind !== 'text')]),
	)
	return z.object({
		answers: mode === 'submit' ? z.object(shape, { error: 'Answer the questions first' }) : z.object(shape).optional(),
		lessonThreadId: z.string().max(100).optional(),
	})
}
export type UpdateInput = { answers?: Record<string, unknown>; lessonThreadId?: string }
