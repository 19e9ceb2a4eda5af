import { db } from '#app/utils/db.server.ts'
import { DEFAULT_PLAN_KIND, PLAN_KINDS, type PlanKind, type ReminderCadence } from './constants.ts'
import { listGoals } from './goals.server.ts'
import { PlanError } from './plan-error.ts'
import { parseAnswers, REVIEW_PROMPTS, serializeAnswers, START_PROMPTS } from './prompts.ts'
import type { PlanSettingsInput } from './schemas.ts'

/** The years a member may plan now: this year, and next year from December on. */
export function plannableYears(now: Date): number[] {
	const year = now.getUTCFullYear()
	return now.getUTCMonth() === 11 ? [year, year + 1] : [year]
}

function kindOrder(kind: string): number {
	const index = PLAN_KINDS.indexOf(kind as PlanKind)
	return index < 0 ? PLAN_KINDS.length : index
}

/**
 * A member's plans for the years they may plan now, each with its goal count and how many of its
 * open goals have gone quiet. Nothing is created here: a member starts a plan with a button.
 */
export async function listYearPlans(ownerId: string, now: Date = new Date()) {
	const years = plannableYears(now)
	const plans = await db.plan.findMany({
		where: { ownerId, year: { in: years } },
		select: { id: true, year: true, kind: true, themeWord: true },
	})
	const withGoals = await Promise.all(
		plans.map(async (plan) => {
			const goals = await listGoals(plan.id, now)
			const open = goals.filter((goal) => !goal.droppedAt)
			return {
				...plan,
				kind: plan.kind as PlanKind,
				goalCount: open.length,
				doneCount: open.filter((goal) => goal.done).length,
				staleCount: open.filter((goal) => goal.stale).length,
			}
		}),
	)
	return years.map((year) => {
		const ofYear = withGoals
			.filter((plan) => plan.year === year)
			.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind))
		const missing = PLAN_KINDS.filter((kind) => !ofYear.some((plan) => plan.kind === kind))
		return { year, plans: ofYear, missingKinds: missing }
	})
}

/**
 * Starts the member's plan of a kind for a year they may plan now, or finds the one they have
 * (a second click, or two tabs, lands on the same plan).
 */
export async function startPlan(
	ownerId: string,
	year: number,
	kind: PlanKind = DEFAULT_PLAN_KIND,
	now: Date = new Date(),
) {
	if (!plannableYears(now).includes(year)) {
		throw new PlanError(
			year > now.getUTCFullYear()
				? 'Next year’s plans open in December'
				: 'Plans can be started for this year only',
			'year',
		)
	}
	const existing = await db.plan.findUnique({
		where: { ownerId_year_kind: { ownerId, year, kind } },
		select: { id: true },
	})
	if (existing) return existing
	try {
		return await db.plan.create({ data: { ownerId, year, kind }, select: { id: true } })
	} catch (error) {
		// Started at the same moment by another request: that one is the plan.
		const raced = await db.plan.findUnique({
			where: { ownerId_year_kind: { ownerId, year, kind } },
			select: { id: true },
		})
		if (raced) return raced
		throw error
	}
}

/** The plan with its answers read back safely. */
export async function getPlan(planId: string) {
	const plan = await db.plan.findUnique({
		where: { id: planId },
		select: {
			id: true,
			ownerId: true,
			year: true,
			kind: true,
			themeWord: true,
			vision: true,
			startAnswers: true,
			reviewAnswers: true,
			sharedWithModerators: true,
			reminderCadence: true,
			owner: { select: { id: true, name: true } },
		},
	})
	if (!plan) return null
	return {
		...plan,
		kind: plan.kind as PlanKind,
		reminderCadence: plan.reminderCadence as ReminderCadence,
		startAnswers: parseAnswers(plan.startAnswers, START_PROMPTS),
		reviewAnswers: parseAnswers(plan.reviewAnswers, REVIEW_PROMPTS),
	}
}
export type PlanDetails = NonNullable<Awaited<ReturnType<typeof getPlan>>>

/** Saves the plan's theme word, vision, answers, sharing and reminder cadence. */
export async function updatePlanSettings(planId: string, input: PlanSettingsInput) {
	await db.plan.update({
		where: { id: planId },
		data: {
			themeWord: input.themeWord ?? '',
			vision: input.vision ?? '',
			startAnswers: serializeAnswers(input.startAnswers ?? {}),
			reviewAnswers: serializeAnswers(input.reviewAnswers ?? {}),
			sharedWithModerators: input.sharedWithModerators ?? false,
			reminderCadence: input.reminderCadence,
		},
	})
}
