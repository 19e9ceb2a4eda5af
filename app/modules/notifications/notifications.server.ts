import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { join, queryRows, sql, type Sql } from '#app/utils/sql.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { NOTIFICATION_EVENT, NOTIFICATION_TYPES, type NotificationType } from './notifications.ts'
import { notificationSubject, notificationSubjects, type NotificationLink } from './subjects.server.ts'

export { NOTIFICATION_TYPES, type NotificationType }

/** What a notification is about: a kind registered in subjects.server.ts and that subject's id. */
export type Subject = { kind: string; id: string }

/**
 * Notifications about one subject, one per recipient, written in the caller's transaction (or
 * alone). The caller has chosen the recipients and checked that they may read the subject; the
 * recipients are told with `announceNotifications` after the commit. `forum` carries the forums'
 * own columns for their posts (see the Notification model).
 */
export async function recordNotifications(
	tx: DbTransaction | typeof db,
	input: {
		subject: Subject
		actorId: string | null
		recipients: Array<{ userId: string; type: string }>
		forum?: { threadId: string; postId: string }
	},
): Promise<void> {
	if (!notificationSubject(input.subject.kind)) throw new Error(`Unknown notification subject kind "${input.subject.kind}"`)
	if (input.recipients.length === 0) return
	await tx.notification.createMany({
		data: input.recipients.map(({ userId, type }) => ({
			userId,
			type,
			subjectKind: input.subject.kind,
			subjectId: input.subject.id,
			threadId: input.forum?.threadId ?? null,
			postId: input.forum?.postId ?? null,
			actorId: input.actorId,
		})),
	})
}

/** A domain that deletes its subjects deletes their notifications (forum posts go by foreign key). */
export async function deleteSubjectNotifications(tx: DbTransaction | typeof db, kind: string, subjectIds: string[]): Promise<void> {
	if (subjectIds.length > 0) await tx.notification.deleteMany({ where: { subjectKind: kind, subjectId: { in: subjectIds } } })
}

/** Tells recipients' open pages that they have something new (one broadcast to their rooms). */
export function announceNotifications(realtime: RealtimePublisher, subject: Subject, recipients: string[]): void {
	if (recipients.length > 0) {
		realtime.toRooms(recipients.map(rooms.user), NOTIFICATION_EVENT, { subjectKind: subject.kind, subjectId: subject.id })
	}
}

/**
 * Whether the notification in alias `n` is one its recipient may see now: its kind's rule, as
 * SQL, for every registered kind (a kind no longer registered shows nothing).
 */
function readableCondition(userId: string): Sql {
	const branches = notificationSubjects().map(
		(subject) => sql`(n."subjectKind" = ${subject.kind} AND ${subject.readableSql(userId, sql`n."subjectId"`)})`,
	)
	return branches.length > 0 ? sql`(${join(branches, ' OR ')})` : sql`${false}`
}

/** Shown on every page (the root loader): one statement, each kind's rule inlined as SQL. */
export async function unreadNotificationCount(userId: string): Promise<number> {
	const [row] = await queryRows<{ count: number | bigint }>(sql`
		SELECT COUNT(*) AS "count" FROM "Notification" n
		WHERE n."userId" = ${userId} AND n."readAt" IS NULL AND ${readableCondition(userId)}`)
	return Number(row?.count ?? 0)
}

export const NOTIFICATIONS_PER_PAGE = 30

/** Of one page of notifications, where each leads: one batch per kind on the page. */
async function linksOf(rows: Array<{ subjectKind: string; subjectId: string }>): Promise<Map<string, NotificationLink>> {
	const byKind = new Map<string, string[]>()
	for (const row of rows) byKind.set(row.subjectKind, [...(byKind.get(row.subjectKind) ?? []), row.subjectId])
	const links = new Map<string, NotificationLink>()
	await Promise.all(
		[...byKind].map(async ([kind, ids]) => {
			const found = (await notificationSubject(kind)?.links(ids)) ?? new Map<string, NotificationLink>()
			for (const [id, link] of found) links.set(`${kind}:${id}`, link)
		}),
	)
	return links
}

/** The user's notifications that they may still see, newest first, a page at a time. */
export async function listNotifications(userId: string, page: number) {
	const where = sql`n."userId" = ${userId} AND ${readableCondition(userId)}`
	const [[counted], pageIds] = await Promise.all([
		queryRows<{ count: number | bigint }>(sql`SELECT COUNT(*) AS "count" FROM "Notification" n WHERE ${where}`),
		// The id breaks ties between notifications of the same millisecond, so pages never overlap.
		queryRows<{ id: string }>(sql`
			SELECT n."id" FROM "Notification" n WHERE ${where}
			ORDER BY n."createdAt" DESC, n."id" DESC
			LIMIT ${NOTIFICATIONS_PER_PAGE} OFFSET ${(page - 1) * NOTIFICATIONS_PER_PAGE}`),
	])
	const ids = pageIds.map((row) => row.id)
	const found = ids.length
		? await db.notification.findMany({
				where: { id: { in: ids } },
				select: {
					id: true,
					type: true,
					createdAt: true,
					readAt: true,
					subjectKind: true,
					subjectId: true,
					actor: { select: { id: true, name: true } },
				},
			})
		: []
	const links = await linksOf(found)
	const byId = new Map(found.map((row) => [row.id, row]))
	const rows = ids.flatMap((id) => {
		const row = byId.get(id)
		const link = row && links.get(`${row.subjectKind}:${row.subjectId}`)
		return row && link ? [{ id: row.id, type: row.type, createdAt: row.createdAt, readAt: row.readAt, actor: row.actor, link }] : []
	})
	return { total: Number(counted?.count ?? 0), rows }
}

/**
 * The user's newest unread notifications of some types that they may still see (the home page's
 * mentions and replies): one statement, then one per kind of subject among them for the links.
 */
export async function listUnreadNotifications(
	userId: string,
	options: { types: readonly string[]; limit: number },
) {
	if (options.types.length === 0) return []
	const found = await queryRows<{
		id: string
		type: string
		createdAt: Date
		subjectKind: string
		subjectId: string
		actorId: string | null
		actorName: string | null
	}>(sql`
		SELECT n."id", n."type", n."createdAt", n."subjectKind", n."subjectId", a."id" AS "actorId", a."name" AS "actorName"
		FROM "Notification" n LEFT JOIN "User" a ON a."id" = n."actorId"
		WHERE n."userId" = ${userId} AND n."readAt" IS NULL AND n."type" IN (${join([...options.types])}) AND ${readableCondition(userId)}
		ORDER BY n."createdAt" DESC, n."id" DESC
		LIMIT ${options.limit}`)
	const links = await linksOf(found)
	return found.flatMap((row) => {
		const link = links.get(`${row.subjectKind}:${row.subjectId}`)
		if (!link) return []
		const actor = row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null
		return [{ id: row.id, type: row.type, createdAt: new Date(row.createdAt), actor, link }]
	})
}

/**
 * Opens one of the user's notifications: answers where it leads (null when it is not theirs or
 * out of reach) and marks it read. A forum post's marks read what the thread page will: all of
 * that thread's notifications. Doing it here, before the redirect, keeps the count of the page
 * that follows right, since the root loader counts while the thread's loader runs.
 */
export async function openNotification(userId: string, notificationId: string): Promise<string | null> {
	const row = await db.notification.findFirst({
		where: { id: notificationId, userId },
		select: { id: true, subjectKind: true, subjectId: true, threadId: true },
	})
	const subject = row && notificationSubject(row.subjectKind)
	if (!row || !subject) return null
	if (!(await subject.readable(userId, [row.subjectId])).has(row.subjectId)) return null
	const link = (await subject.links([row.subjectId])).get(row.subjectId)
	if (!link) return null
	if (row.threadId) await markThreadNotificationsRead(userId, row.threadId)
	else await markNotificationRead(userId, row.id)
	return link.href
}

export async function markNotificationRead(userId: string, notificationId: string) {
	await db.notification.updateMany({ where: { id: notificationId, userId, readAt: null }, data: { readAt: new Date() } })
}

export async function markAllNotificationsRead(userId: string) {
	const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })
	return count
}

/** Opening a thread reads its notifications. */
export async function markThreadNotificationsRead(userId: string, threadId: string) {
	await db.notification.updateMany({ where: { userId, threadId, readAt: null }, data: { readAt: new Date() } })
}
