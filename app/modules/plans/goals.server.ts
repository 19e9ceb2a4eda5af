import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { db } from '#app/utils/db.server.ts'
import { isStale } from './check-ins.server.ts'
import { PLAN_LIMITS, type GoalArea, type GoalStatus, type Measure } from './constants.ts'
import { PlanError } from './plan-error.ts'
import type { GoalInput } from './schemas.ts'
import { indexGoal } from './plan-search.server.ts'

const goalSelect = {
	id: true,
	planId: true,
	position: true,
	title: true,
	area: true,
	measure: true,
	unit: true,
	startValue: true,
	targetValue: true,
	dueQuarter: true,
	why: true,
	droppedAt: true,
	dropReason: true,
	closingNote: true,
	carriedFromId: true,
	createdAt: true,
	checkIns: {
		orderBy: [{ checkedAt: 'desc' as const }, { createdAt: 'desc' as const }],
		take: 1,
		select: { id: true, value: true, done: true, status: true, note: true, checkedAt: true },
	},
} satisfies Prisma.GoalSelect

type GoalRow = Awaited<ReturnType<typeof findGoals>>[number]

function findGoals(where: { planId: string; id?: string }) {
	return db.goal.findMany({
		where,
		orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
		select: goalSelect,
	})
}

/** A goal as pages show it: its last check-in, whether it is done, whether it has gone quiet. */
function present(goal: GoalRow, now: Date) {
	const { checkIns, ...rest } = goal
	const lastCheckIn = checkIns[0]
		? { ...checkIns[0], status: checkIns[0].status as GoalStatus }
		: null
	const done = lastCheckIn?.status === 'done'
	return {
		...rest,
		area: goal.area as GoalArea,
		measure: goal.measure as Measure,
		lastCheckIn,
		done,
		stale: isStale(
			{ createdAt: goal.createdAt, droppedAt: goal.droppedAt, done },
			lastCheckIn?.checkedAt ?? null,
			now,
		),
	}
}
export type PlanGoal = ReturnType<typeof present>

/** A plan's goals in the owner's order, each with its last check-in. */
export async function listGoals(planId: string, now: Date = new Date()): Promise<PlanGoal[]> {
	return (await findGoals({ planId })).map((goal) => present(goal, now))
}

/** One goal of a plan, or null when the plan has no such goal. */
export async function getGoal(
	planId: string,
	goalId: string,
	now: Date = new Date(),
): Promise<PlanGoal | null> {
	const [goal] = await findGoals({ planId, id: goalId })
	return goal ? present(goal, now) : null
}

function goalData(input: GoalInput) {
	const isNumber = input.measure === 'number'
	return {
		title: input.title,
		area: input.area,
		measure: input.measure,
		unit: isNumber ? input.unit || null : null,
		startValue: isNumber ? (input.startValue ?? null) : null,
		targetValue: isNumber ? (input.targetValue ?? null) : null,
		dueQuarter: input.dueQuarter,
		why: input.why ?? '',
	}
}

/** Adds a goal at the end of the plan. */
export async function addGoal(planId: string, input: GoalInput) {
	return db.$transaction(async (tx) => {
		const count = await tx.goal.count({ where: { planId } })
		if (count >= PLAN_LIMITS.goalsPerPlan)
			throw new PlanError(`A plan holds at most ${PLAN_LIMITS.goalsPerPlan} goals: focus on fewer`)
		const last = await tx.goal.findFirst({
			where: { planId },
			orderBy: { position: 'desc' },
			select: { position: true },
		})
		const goal = await tx.goal.create({
			data: { planId, position: (last?.position ?? 0) + 1, ...goalData(input) },
			select: { id: true, planId: true, title: true, why: true },
		})
		await indexGoal(tx, goal)
		return { id: goal.id }
	})
}

/** Changes a goal of the plan; false when the plan has no such goal. */
export async function updateGoal(
	planId: string,
	goalId: string,
	input: GoalInput,
): Promise<boolean> {
	return db.$transaction(async (tx) => {
		const { count } = await tx.goal.updateMany({
			where: { id: goalId, planId },
			data: goalData(input),
		})
		if (count === 0) return false
		await indexGoal(tx, { id: goalId, planId, title: input.title, why: input.why ?? '' })
		return true
	})
}

/** Swaps a goal with its neighbour above or below; nothing happens at either end. */
export async function moveGoal(
	planId: string,
	goalId: string,
	direction: 'up' | 'down',
): Promise<boolean> {
	return db.$transaction(async (tx) => {
		const goals = await tx.goal.findMany({
			where: { planId },
			orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
			select: { id: true },
		})
		const index = goals.findIndex((goal) => goal.id === goalId)
		const other = index + (direction === 'up' ? -1 : 1)
		if (index < 0 || other < 0 || other >= goals.length) return false
		const order = goals.map((goal) => goal.id)
		;[order[index], order[other]] = [order[other]!, order[index]!]
		// Positions are renumbered 1..n, which also mends any ties left by older rows.
		for (const [i, id] of order.entries())
			await tx.goal.update({ where: { id }, data: { position: i + 1 } })
		return true
	})
}

/** Drops a goal: it leaves the active list but keeps its history, with the reason shown. */
export async function dropGoal(
	planId: string,
	goalId: string,
	reason: string,
	now: Date = new Date(),
): Promise<boolean> {
	const { count } = await db.goal.updateMany({
		where: { id: goalId, planId, droppedAt: null },
		data: { droppedAt: now, dropReason: reason },
	})
	return count > 0
}
