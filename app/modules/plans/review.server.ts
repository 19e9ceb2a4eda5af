import { stringify } from 'csv-stringify/sync'
import { db } from '#app/utils/db.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { GOAL_AREA_LABELS, STATUS_LABELS } from './constants.ts'
import { listGoals } from './goals.server.ts'
import { PlanError } from './plan-error.ts'
import { plannableYears } from './plans.server.ts'
import { indexGoal } from './plan-search.server.ts'

/** The owner's closing note on a goal at year end; false when the plan has no such goal. */
export async function setClosingNote(
	planId: string,
	goalId: string,
	note: string,
): Promise<boolean> {
	const { count } = await db.goal.updateMany({
		where: { id: goalId, planId },
		data: { closingNote: note.trim() || null },
	})
	return count > 0
}

/** Plan against actual, one row per goal, for the CSV export (a spreadsheet's columns). */
export async function planCsv(planId: string, now: Date = new Date()): Promise<string> {
	const goals = await listGoals(planId, now)
	return stringify(
		goals.map((goal) => ({
			goal: goal.title,
			area: GOAL_AREA_LABELS[goal.area] ?? goal.area,
			measure: goal.measure,
			unit: goal.unit ?? '',
			start: goal.startValue ?? '',
			target: goal.targetValue ?? '',
			due: `Q${goal.dueQuarter}`,
			last_value:
				goal.measure === 'number'
					? (goal.lastCheckIn?.value ?? '')
					: goal.lastCheckIn?.done
						? 'completed'
						: '',
			status: goal.droppedAt
				? 'Dropped'
				: goal.lastCheckIn
					? STATUS_LABELS[goal.lastCheckIn.status]
					: '',
			last_check_in: goal.lastCheckIn ? isoDay(goal.lastCheckIn.checkedAt) : '',
			drop_reason: goal.dropReason ?? '',
			closing_note: goal.closingNote ?? '',
		})),
		{ header: true },
	)
}

/**
 * Carries the plan's unfinished goals (not done, not dropped) into next year's plan of the same
 * kind, made if needed, in one transaction. A goal already carried is not copied twice.
 */
export async function carryUnfinishedGoals(
	planId: string,
	now: Date = new Date(),
): Promise<{ planId: string; carried: number }> {
	const plan = await db.plan.findUniqueOrThrow({
		where: { id: planId },
		select: { ownerId: true, year: true, kind: true },
	})
	const nextYear = plan.year + 1
	if (!plannableYears(now).includes(nextYear))
		throw new PlanError(`Plans for ${nextYear} open in December ${plan.year}`)
	const unfinished = (await listGoals(planId, now)).filter((goal) => !goal.droppedAt && !goal.done)
	return db.$transaction(async (tx) => {
		const key = { ownerId: plan.ownerId, year: nextYear, kind: plan.kind }
		const next =
			(await tx.plan.findUnique({ where: { ownerId_year_kind: key }, select: { id: true } })) ??
			(await tx.plan.create({ data: key, select: { id: true } }))
		const existing = await tx.goal.findMany({
			where: { planId: next.id },
			select: { position: true, carriedFromId: true },
		})
		const already = new Set(existing.map((goal) => goal.carriedFromId))
		let position = Math.max(0, ...existing.map((goal) => goal.position))
		let carried = 0
		for (const goal of unfinished) {
			if (already.has(goal.id)) continue
			position += 1
			carried += 1
			const copy = await tx.goal.create({
				select: { id: true, planId: true, title: true, why: true },
				data: {
					planId: next.id,
					position,
					title: goal.title,
					area: goal.area,
					measure: goal.measure,
					unit: goal.unit,
					// The year ends where it stood: that is where next year starts.
					startValue:
						goal.measure === 'number' ? (goal.lastCheckIn?.value ?? goal.startValue) : null,
					targetValue: goal.targetValue,
					dueQuarter: goal.dueQuarter,
					why: goal.why,
					carriedFromId: goal.id,
				},
			})
			await indexGoal(tx, copy)
		}
		return { planId: next.id, carried }
	})
}
