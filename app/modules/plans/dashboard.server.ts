import { db } from '#app/utils/db.server.ts'
import { readablePlansWhere } from './access.server.ts'
import { acceptedBuddyIds } from './buddies.server.ts'
import { isDoneCheckIn, isStale } from './buddies.ts'

// The buddy dashboard's reading: each accepted partner's plans of the year, their goals with the
// last check-in, quiet goals first (those are the ones a buddy can do something about).

export type DashboardGoal = {
	id: string
	title: string
	state: 'quiet' | 'open' | 'done' | 'dropped'
	lastCheckIn: { id: string; status: string; checkedAt: Date } | null
}

export type DashboardPlan = {
	id: string
	year: number
	kind: string
	themeWord: string
	ownerId: string
	ownerName: string
	goals: DashboardGoal[]
}

const ORDER: Record<DashboardGoal['state'], number> = { quiet: 0, open: 1, done: 2, dropped: 3 }

export async function buddyDashboard(viewer: { id: string }, now: Date): Promise<DashboardPlan[]> {
	const partners = await acceptedBuddyIds(db, viewer.id)
	if (partners.length === 0) return []
	const plans = await db.plan.findMany({
		where: {
			AND: [readablePlansWhere(viewer), { ownerId: { in: partners }, year: now.getUTCFullYear() }],
		},
		select: {
			id: true,
			year: true,
			kind: true,
			themeWord: true,
			owner: { select: { id: true, name: true } },
			goals: {
				select: {
					id: true,
					title: true,
					position: true,
					createdAt: true,
					droppedAt: true,
					checkIns: {
						select: { id: true, status: true, done: true, checkedAt: true },
						orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }],
						take: 1,
					},
				},
				orderBy: [{ position: 'asc' }, { id: 'asc' }],
			},
		},
		orderBy: [{ owner: { name: 'asc' } }, { kind: 'asc' }, { id: 'asc' }],
	})
	return plans.map((plan) => ({
		id: plan.id,
		year: plan.year,
		kind: plan.kind,
		themeWord: plan.themeWord,
		ownerId: plan.owner.id,
		ownerName: plan.owner.name,
		goals: plan.goals
			.map((goal): DashboardGoal => {
				const last = goal.checkIns[0] ?? null
				const state = goal.droppedAt
					? 'dropped'
					: isDoneCheckIn(last)
						? 'done'
						: isStale(last?.checkedAt ?? goal.createdAt, now)
							? 'quiet'
							: 'open'
				return {
					id: goal.id,
					title: goal.title,
					state,
					lastCheckIn: last
						? { id: last.id, status: last.status, checkedAt: last.checkedAt }
						: null,
				}
			})
			// Stable: within a state, the plan's own order.
			.sort((a, b) => ORDER[a.state] - ORDER[b.state]),
	}))
}
