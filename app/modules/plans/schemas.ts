import { z } from 'zod'
import {
	GOAL_AREAS,
	MEASURES,
	PLAN_KINDS,
	PLAN_LIMITS,
	REMINDER_CADENCES,
	STATUSES,
} from './constants.ts'
import { REVIEW_PROMPTS, START_PROMPTS } from './prompts.ts'

// One schema per form, shared by the browser (Conform) and the actions. Conform hands empty fields
// over as undefined and turns numbers and checkboxes into their types before these run.

const max = (limit: number, what: string) =>
	`${what} can be at most ${limit.toLocaleString('en-US')} characters`

const notes = (what: string) =>
	z.string().trim().max(PLAN_LIMITS.notesMax, max(PLAN_LIMITS.notesMax, what)).optional()

const finiteNumber = (what: string) =>
	z
		.number({ error: `${what} must be a number` })
		.refine(Number.isFinite, `${what} must be a number`)

export const StartPlanSchema = z.object({
	year: z.number({ error: 'Choose a year' }).int(),
	kind: z.enum(PLAN_KINDS, { error: 'Choose a kind of plan' }),
})

export const GoalSchema = z
	.object({
		title: z
			.string({ error: 'Give the goal a title' })
			.trim()
			.min(1, 'Give the goal a title')
			.max(PLAN_LIMITS.titleMax, max(PLAN_LIMITS.titleMax, 'Titles')),
		area: z.enum(GOAL_AREAS, { error: 'Choose the area of the business this goal is about' }),
		measure: z.enum(MEASURES, { error: 'Choose how you will measure it' }),
		unit: z
			.string()
			.trim()
			.max(PLAN_LIMITS.unitMax, max(PLAN_LIMITS.unitMax, 'The unit'))
			.optional(),
		startValue: finiteNumber('The starting value').optional(),
		targetValue: finiteNumber('The target').optional(),
		dueQuarter: z
			.number({ error: 'Choose the quarter it is due' })
			.int()
			.min(1, 'Choose a quarter from 1 to 4')
			.max(4, 'Choose a quarter from 1 to 4'),
		why: notes('Why it matters'),
	})
	// Checked even when another field is wrong (`when`), so every mistake shows at once.
	.refine((goal) => goal.measure !== 'number' || goal.targetValue !== undefined, {
		path: ['targetValue'],
		message: 'Say what number you are aiming for',
		when: ({ value }) =>
			typeof value === 'object' &&
			value !== null &&
			(value as { measure?: unknown }).measure === 'number',
	})
export type GoalInput = z.infer<typeof GoalSchema>

export const DropGoalSchema = z.object({
	reason: z
		.string({ error: 'Say why you are dropping this goal' })
		.trim()
		.min(1, 'Say why you are dropping this goal')
		.max(PLAN_LIMITS.notesMax, max(PLAN_LIMITS.notesMax, 'The reason')),
})

export const MoveGoalSchema = z.object({
	goalId: z.string().min(1),
	direction: z.enum(['up', 'down']),
})

export const CheckInSchema = z.object({
	value: finiteNumber('The value').optional(),
	done: z.boolean().optional(),
	status: z.enum(STATUSES, { error: 'Choose where the goal stands' }),
	note: notes('The note'),
	date: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD')
		.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Enter a real date')
		.optional(),
})
export type CheckInInput = z.infer<typeof CheckInSchema>

const answer = z
	.string()
	.trim()
	.max(PLAN_LIMITS.answerMax, max(PLAN_LIMITS.answerMax, 'Answers'))
	.optional()
const answersOf = <const T extends readonly { id: string }[]>(prompts: T) =>
	z
		.object(
			Object.fromEntries(prompts.map((prompt) => [prompt.id, answer])) as Record<
				T[number]['id'],
				typeof answer
			>,
		)
		.optional()

export const PlanSettingsSchema = z.object({
	themeWord: z
		.string()
		.trim()
		.max(PLAN_LIMITS.themeWordMax, max(PLAN_LIMITS.themeWordMax, 'The theme word'))
		.optional(),
	vision: notes('The vision'),
	startAnswers: answersOf(START_PROMPTS),
	reviewAnswers: answersOf(REVIEW_PROMPTS),
	sharedWithModerators: z.boolean().optional(),
	reminderCadence: z.enum(REMINDER_CADENCES, { error: 'Choose how often to be reminded' }),
})
export type PlanSettingsInput = z.infer<typeof PlanSettingsSchema>

export const ClosingNoteSchema = z.object({
	goalId: z.string({ error: 'Choose a goal' }).min(1),
	note: notes('The closing note'),
})
