// What the moderators' dashboard registers with notifications (listed in
// notifications/subjects.server.ts): the reminder to send one's update. Its subject is the cycle,
// readable exactly while the cycle is (access.server.ts): a member who leaves the group no longer
// sees the reminders they were sent.
import type {
	NotificationLink,
	NotificationSubject,
} from '#app/modules/notifications/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql } from '#app/utils/sql.server.ts'
import { readableCycleSql } from './access.server.ts'

/** "Your update for 2026-Q4 is still to send": to everyone pending, when a moderator reminds. */
export const QUARTERLY_REMINDER = 'quarterly.reminder'

const reminderSubject: NotificationSubject = {
	kind: QUARTERLY_REMINDER,
	readableSql: (userId, subjectId) =>
		sql`EXISTS (SELECT 1 FROM "ReviewCycle" rc WHERE rc."id" = ${subjectId} AND ${readableCycleSql(userId, sql`rc`)})`,
	async readable(userId, ids) {
		if (ids.length === 0) return new Set()
		const rows = await queryRows<{ id: string }>(
			sql`SELECT rc."id" FROM "ReviewCycle" rc WHERE rc."id" IN (${join(ids)}) AND ${readableCycleSql(userId, sql`rc`)}`,
		)
		return new Set(rows.map((row) => row.id))
	},
	async links(ids) {
		if (ids.length === 0) return new Map<string, NotificationLink>()
		const rows = await db.reviewCycle.findMany({
			where: { id: { in: ids } },
			select: { id: true, quarter: true, status: true, group: { select: { slug: true, name: true } } },
		})
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/g/${row.group.slug}/reviews/${row.id}`,
					title: `${row.group.name}’s ${row.quarter} review`,
					note: row.status === 'closed' ? 'the cycle has since closed' : null,
				},
			]),
		)
	},
}

export const dashboardNotificationSubjects: NotificationSubject[] = [reminderSubject]
