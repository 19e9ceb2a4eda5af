// What plans register with notifications (the registry in notifications/subjects.server.ts lists
// these): check-ins, goals and plans as subjects, each readable exactly while the plan is
// (access.server.ts), so a buddy whose pairing ended no longer sees what they were told before.
import type {
	NotificationLink,
	NotificationSubject,
} from '#app/modules/notifications/subjects.server.ts'
import type { SearchSubject } from '#app/modules/search/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql, type Sql } from '#app/utils/sql.server.ts'
import { readablePlanSql, readablePlansWhere } from './access.server.ts'

/** A check-in: new ones (to buddies), verdicts and comments on it (to the owner and the others). */
export const PLAN_CHECK_IN = 'plans.check-in'
/** A goal: a buddy's nudge on a quiet goal (to the owner). */
export const PLAN_GOAL = 'plans.goal'
/** A plan: the reminder that check-ins are due (to the owner). */
export const PLAN_PLAN = 'plans.plan'

/** Each kind's subject joined to its plan (alias `sp`): the table chain and the subject's id column. */
const subjectPlan: Record<string, { from: Sql; id: Sql }> = {
	[PLAN_CHECK_IN]: {
		from: sql`"CheckIn" sc JOIN "Goal" sg ON sg."id" = sc."goalId" JOIN "Plan" sp ON sp."id" = sg."planId"`,
		id: sql`sc."id"`,
	},
	[PLAN_GOAL]: { from: sql`"Goal" sg JOIN "Plan" sp ON sp."id" = sg."planId"`, id: sql`sg."id"` },
	[PLAN_PLAN]: { from: sql`"Plan" sp`, id: sql`sp."id"` },
}

function subject(
	kind: string,
	links: (ids: string[]) => Promise<Map<string, NotificationLink>>,
): NotificationSubject {
	const { from, id } = subjectPlan[kind]!
	return {
		kind,
		readableSql: (userId, subjectId) =>
			sql`EXISTS (SELECT 1 FROM ${from} WHERE ${id} = ${subjectId} AND ${readablePlanSql(userId, sql`sp`)})`,
		async readable(userId, ids) {
			if (ids.length === 0) return new Set()
			const rows = await queryRows<{ id: string }>(
				sql`SELECT ${id} AS "id" FROM ${from} WHERE ${id} IN (${join(ids)}) AND ${readablePlanSql(userId, sql`sp`)}`,
			)
			return new Set(rows.map((row) => row.id))
		},
		links,
	}
}

const checkInSubject = subject(PLAN_CHECK_IN, async (ids) => {
	if (ids.length === 0) return new Map()
	const rows = await db.checkIn.findMany({
		where: { id: { in: ids } },
		select: { id: true, goal: { select: { title: true, planId: true } } },
	})
	return new Map(
		rows.map((row) => [
			row.id,
			{ href: `/plans/${row.goal.planId}/check-ins/${row.id}`, title: row.goal.title, note: null },
		]),
	)
})

const goalSubject = subject(PLAN_GOAL, async (ids) => {
	if (ids.length === 0) return new Map()
	const rows = await db.goal.findMany({
		where: { id: { in: ids } },
		select: { id: true, title: true, planId: true, droppedAt: true },
	})
	return new Map(
		rows.map((row) => [
			row.id,
			{
				href: `/plans/${row.planId}/goals/${row.id}`,
				title: row.title,
				note: row.droppedAt ? 'the goal has since been dropped' : null,
			},
		]),
	)
})

const planSubject = subject(PLAN_PLAN, async (ids) => {
	if (ids.length === 0) return new Map()
	const rows = await db.plan.findMany({
		where: { id: { in: ids } },
		select: { id: true, year: true, themeWord: true },
	})
	return new Map(
		rows.map((row) => [
			row.id,
			{
				href: `/plans/${row.id}`,
				title: `your ${row.year} plan${row.themeWord ? ` (${row.themeWord})` : ''}`,
				note: null,
			},
		]),
	)
})

export const planNotificationSubjects: NotificationSubject[] = [
	checkInSubject,
	goalSubject,
	planSubject,
]

/**
 * Goals as search subjects: a goal's title and why, found by whoever may see its plan. The scope
 * of a goal's document is its plan, so the plans a reader may see are the scopes they search in;
 * each page of results is checked against the rule again when it is read.
 */
const goalSearch: SearchSubject = {
	kind: PLAN_GOAL,
	async scopes(viewer) {
		return (
			await db.plan.findMany({ where: readablePlansWhere(viewer), select: { id: true } })
		).map((plan) => plan.id)
	},
	async results(viewer, goalIds) {
		if (goalIds.length === 0) return new Map()
		const rows = await queryRows<{
			id: string
			planId: string
			title: string
			year: number
			ownerName: string
		}>(sql`
			SELECT g."id", g."planId", g."title", p."year", u."name" AS "ownerName"
			FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId" JOIN "User" u ON u."id" = p."ownerId"
			WHERE g."id" IN (${join(goalIds)}) AND ${readablePlanSql(viewer.id, sql`p`)}`)
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/plans/${row.planId}/goals/${row.id}`,
					title: row.title,
					label: `Goal in ${row.ownerName}’s ${row.year} plan`,
				},
			]),
		)
	},
}

/**
 * Check-ins as search subjects: a check-in's note and its comments, found by whoever may see its
 * plan, like goals.
 */
const checkInSearch: SearchSubject = {
	kind: PLAN_CHECK_IN,
	scopes: goalSearch.scopes,
	async results(viewer, checkInIds) {
		if (checkInIds.length === 0) return new Map()
		const rows = await queryRows<{
			id: string
			planId: string
			title: string
			checkedAt: Date | string
			ownerName: string
		}>(sql`
			SELECT c."id", g."planId", g."title", c."checkedAt", u."name" AS "ownerName"
			FROM "CheckIn" c JOIN "Goal" g ON g."id" = c."goalId" JOIN "Plan" p ON p."id" = g."planId"
			JOIN "User" u ON u."id" = p."ownerId"
			WHERE c."id" IN (${join(checkInIds)}) AND ${readablePlanSql(viewer.id, sql`p`)}`)
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/plans/${row.planId}/check-ins/${row.id}`,
					title: row.title,
					label: `Check-in of ${new Date(row.checkedAt).toLocaleDateString('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })} in ${row.ownerName}’s plan`,
				},
			]),
		)
	},
}

export const planSearchSubjects: SearchSubject[] = [goalSearch, checkInSearch]
