import { readablePlansWhere } from '#app/modules/plans/access.server.ts'
import { PLAN_KIND_LABELS, type PlanKind } from '#app/modules/plans/constants.ts'
import { listGoals } from '#app/modules/plans/goals.server.ts'
import { db } from '#app/utils/db.server.ts'

/**
 * A member's annual-plan goals with their latest status, shown read-only beside an update: only
 * plans the member shares with their groups' moderators, and only those the viewer may read by the
 * plans' own rule (plans/access.server.ts). Nothing of a plan not shared shows here, even to its
 * owner, so what the member sees beside their form is what their moderators will see.
 */
export async function sharedPlanGoals(viewer: { id: string }, memberId: string, year: number, now: Date = new Date()) {
	const plans = await db.plan.findMany({
		where: { AND: [readablePlansWhere(viewer), { ownerId: memberId, year, sharedWithModerators: true }] },
		select: { id: true, kind: true, year: true },
	})
	const withGoals = await Promise.all(
		plans.map(async (plan) => ({
			id: plan.id,
			title: `${PLAN_KIND_LABELS[plan.kind as PlanKind] ?? 'Plan'} ${plan.year}`,
			goals: (await listGoals(plan.id, now))
				.filter((goal) => !goal.droppedAt)
				.map((goal) => ({
					id: goal.id,
					title: goal.title,
					status: goal.lastCheckIn?.status ?? null,
					checkedAt: goal.lastCheckIn?.checkedAt ?? null,
					stale: goal.stale,
				})),
		})),
	)
	return withGoals.filter((plan) => plan.goals.length > 0)
}
