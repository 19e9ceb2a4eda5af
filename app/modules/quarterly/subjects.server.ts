// What review cycles register with notifications (the registry in notifications/subjects.server.ts
// lists these): a cycle, readable exactly while the cycle is (access.server.ts), so a member who
// leaves the group no longer sees "the 2026-Q4 review is open".
import type {
	NotificationLink,
	NotificationSubject,
} from '#app/modules/notifications/subjects.server.ts'
import type { SearchSubject } from '#app/modules/search/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql } from '#app/utils/sql.server.ts'
import { readableCycleSql, readableSubmissionSql } from './access.server.ts'

/** A review cycle: "the cycle is open, write your update" (to the group's members). */
export const QUARTERLY_CYCLE = 'quarterly.cycle'

/** The notification type of a cycle that opened. */
export const CYCLE_OPENED = 'cycle-open'

/** The notification type of a meeting day set or moved by a moderator. */
export const MEETING_SET = 'meeting-set'

const cycleSubject: NotificationSubject = {
	kind: QUARTERLY_CYCLE,
	readableSql: (userId, subjectId) =>
		sql`EXISTS (SELECT 1 FROM "ReviewCycle" qc WHERE qc."id" = ${subjectId} AND ${readableCycleSql(userId, sql`qc`)})`,
	async readable(userId, ids) {
		if (ids.length === 0) return new Set()
		const rows = await queryRows<{ id: string }>(
			sql`SELECT qc."id" FROM "ReviewCycle" qc WHERE qc."id" IN (${join(ids)}) AND ${readableCycleSql(userId, sql`qc`)}`,
		)
		return new Set(rows.map((row) => row.id))
	},
	async links(ids) {
		if (ids.length === 0) return new Map<string, NotificationLink>()
		const rows = await db.reviewCycle.findMany({
			where: { id: { in: ids } },
			select: {
				id: true,
				quarter: true,
				status: true,
				group: { select: { slug: true, name: true } },
			},
		})
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/g/${row.group.slug}/reviews/${row.id}`,
					title: `the ${row.quarter} review of ${row.group.name}`,
					note: row.status === 'closed' ? 'the cycle has since closed' : null,
				},
			]),
		)
	},
}

export const quarterlyNotificationSubjects: NotificationSubject[] = [cycleSubject]

/** A member's submitted update, found by search by those who may read it. */
export const QUARTERLY_SUBMISSION = 'quarterly.submission'

/**
 * Submitted updates as search subjects. Each update is its own scope, so the scopes a reader may
 * find are exactly the updates the access rule lets them read; each page of results is checked
 * against the rule again when it is read.
 */
const submissionSearch: SearchSubject = {
	kind: QUARTERLY_SUBMISSION,
	async scopes(viewer) {
		const rows = await queryRows<{ id: string }>(sql`
			SELECT qs."id" FROM "ReviewSubmission" qs JOIN "ReviewCycle" qc ON qc."id" = qs."cycleId"
			WHERE qs."status" = 'submitted' AND ${readableSubmissionSql(viewer.id, sql`qs`, sql`qc`)}`)
		return rows.map((row) => row.id)
	},
	async results(viewer, ids) {
		if (ids.length === 0) return new Map()
		const rows = await queryRows<{
			id: string
			cycleId: string
			memberId: string
			quarter: string
			slug: string
			name: string
		}>(sql`
			SELECT qs."id", qs."cycleId", qs."memberId", qc."quarter", g."slug", u."name"
			FROM "ReviewSubmission" qs JOIN "ReviewCycle" qc ON qc."id" = qs."cycleId"
			JOIN "Group" g ON g."id" = qc."groupId" JOIN "User" u ON u."id" = qs."memberId"
			WHERE qs."id" IN (${join(ids)}) AND qs."status" = 'submitted'
			AND ${readableSubmissionSql(viewer.id, sql`qs`, sql`qc`)}`)
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/g/${row.slug}/reviews/${row.cycleId}/updates/${row.memberId}`,
					title: `${row.name}’s ${row.quarter} update`,
					label: 'Quarterly update',
				},
			]),
		)
	},
}

export const quarterlySearchSubjects: SearchSubject[] = [submissionSearch]
