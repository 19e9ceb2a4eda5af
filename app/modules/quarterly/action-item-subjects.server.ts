// Action items as a subject of notifications (the registry in notifications/subjects.server.ts
// lists them): the reminder that one is due or overdue. Readable exactly while the quarterly rule
// lets the user see the item (readableActionItemSql): a member who left the group no longer sees it.
import type { NotificationSubject } from '#app/modules/notifications/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql } from '#app/utils/sql.server.ts'
import { readableActionItemSql } from './access.server.ts'

export const QUARTERLY_ACTION_ITEM = 'quarterly.action-item'

const actionItemSubject: NotificationSubject = {
	kind: QUARTERLY_ACTION_ITEM,
	readableSql: (userId, subjectId) =>
		sql`EXISTS (SELECT 1 FROM "ActionItem" qa WHERE qa."id" = ${subjectId} AND ${readableActionItemSql(userId, sql`qa`)})`,
	async readable(userId, ids) {
		if (ids.length === 0) return new Set()
		const rows = await queryRows<{ id: string }>(
			sql`SELECT qa."id" FROM "ActionItem" qa WHERE qa."id" IN (${join(ids)}) AND ${readableActionItemSql(userId, sql`qa`)}`,
		)
		return new Set(rows.map((row) => row.id))
	},
	async links(ids) {
		if (ids.length === 0) return new Map()
		const rows = await db.actionItem.findMany({ where: { id: { in: ids } }, select: { id: true, text: true, doneAt: true } })
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: '/actions',
					title: row.text.length > 80 ? `${row.text.slice(0, 79)}…` : row.text,
					note: row.doneAt ? 'it has since been done' : null,
				},
			]),
		)
	},
}

export const quarterlyMeetingNotificationSubjects: NotificationSubject[] = [actionItemSubject]
