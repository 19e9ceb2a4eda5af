import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { readableForumCondition, readableForumIds } from '#app/modules/forums/access.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { queryRows, sql } from '#app/utils/sql.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { NOTIFICATION_EVENT, NOTIFICATION_TYPES, type NotificationType } from './notifications.ts'

export { NOTIFICATION_TYPES, type NotificationType }

// When one post concerns a user in several ways, they get one notification: the most personal.
const PRIORITY: Record<NotificationType, number> = { accepted: 4, mention: 3, quote: 2, reply: 1 }

export type PostNotificationInput = {
	threadId: string
	postId: string
	actorId: string
	/** Users who may read the thread (already filtered by the forum's access rule). */
	mentionedIds: string[]
	quotedAuthorId: string | null
}

/**
 * Notifications for a new post: watchers get "reply", mentioned members "mention", the quoted
 * author "quote". Muted users and the author get nothing; users who can no longer read the
 * thread (they left the group) get nothing.
 *
 * Written in the post's own transaction (`tx`), so a post and its notifications are committed
 * together; the recipients returned are told with `announceNotifications` after the commit.
 */
export async function recordPostNotifications(
	tx: DbTransaction,
	input: PostNotificationInput,
	/** Who may read the thread (the forums' access rule: threadReadersWhere). */
	readers: Prisma.UserWhereInput,
): Promise<string[]> {
	const states = await tx.threadUserState.findMany({
		where: { threadId: input.threadId, level: { in: ['watching', 'muted'] } },
		select: { userId: true, level: true },
	})
	const muted = new Set(states.filter((s) => s.level === 'muted').map((s) => s.userId))
	const wanted = new Map<string, NotificationType>()
	const offer = (userId: string, type: NotificationType) => {
		if (userId === input.actorId || muted.has(userId)) return
		const current = wanted.get(userId)
		if (!current || PRIORITY[type] > PRIORITY[current]) wanted.set(userId, type)
	}
	for (const state of states) if (state.level === 'watching') offer(state.userId, 'reply')
	for (const userId of input.mentionedIds) offer(userId, 'mention')
	if (input.quotedAuthorId) offer(input.quotedAuthorId, 'quote')

	// Only those who may read the thread now: a member who left the group, or anyone but its
	// moderators while the thread is hidden, gets nothing (no row, no live event).
	const candidates = [...wanted.keys()]
	const recipients =
		candidates.length === 0
			? []
			: (await tx.user.findMany({ where: { AND: [{ id: { in: candidates } }, readers] }, select: { id: true } })).map((u) => u.id)
	if (recipients.length === 0) return []
	await tx.notification.createMany({
		data: recipients.map((userId) => ({
			userId,
			type: wanted.get(userId)!,
			threadId: input.threadId,
			postId: input.postId,
			actorId: input.actorId,
		})),
	})
	return recipients
}

/** Tells recipients' open pages that they have something new (one broadcast to their rooms). */
export function announceNotifications(realtime: RealtimePublisher, threadId: string, recipients: string[]): void {
	if (recipients.length > 0) realtime.toRooms(recipients.map(rooms.user), NOTIFICATION_EVENT, { threadId })
}

export async function notifyAccepted(
	input: { threadId: string; postId: string; actorId: string; recipientId: string },
	realtime: RealtimePublisher,
) {
	if (input.recipientId === input.actorId) return
	await db.notification.create({ data: { type: 'accepted', threadId: input.threadId, postId: input.postId, actorId: input.actorId, userId: input.recipientId } })
	realtime.toRoom(rooms.user(input.recipientId), NOTIFICATION_EVENT, { threadId: input.threadId })
}

/** Notifications in threads the user may still read. */
async function readableWhere(userId: string) {
	return { userId, thread: { forumId: { in: await readableForumIds(userId) }, hiddenAt: null } }
}

/** Shown on every page (the root loader): one statement, the readable-forum rule inlined as SQL. */
export async function unreadNotificationCount(userId: string): Promise<number> {
	const [row] = await queryRows<{ count: number | bigint }>(sql`
		SELECT COUNT(*) AS "count" FROM "Notification" n JOIN "Thread" t ON t."id" = n."threadId"
		WHERE n."userId" = ${userId} AND n."readAt" IS NULL AND t."hiddenAt" IS NULL
			AND ${readableForumCondition(userId, sql`t."forumId"`)}`)
	return Number(row?.count ?? 0)
}

export const NOTIFICATIONS_PER_PAGE = 30

export async function listNotifications(userId: string, page: number) {
	const where = await readableWhere(userId)
	const [total, rows] = await Promise.all([
		db.notification.count({ where }),
		db.notification.findMany({
			where,
			// The id breaks ties between notifications of the same millisecond, so pages never overlap.
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
			take: NOTIFICATIONS_PER_PAGE,
			select: {
				id: true,
				type: true,
				createdAt: true,
				readAt: true,
				thread: { select: { id: true, title: true } },
				post: { select: { number: true, deletedAt: true, hiddenAt: true } },
				actor: { select: { id: true, name: true } },
			},
		}),
	])
	return { total, rows }
}

/** Where a notification leads: its post's place in the thread (a deleted or hidden post keeps its place). */
function notificationHref(row: { threadId: string; post: { number: number } | null }): string {
	return row.post ? `/t/${row.threadId}?post=${row.post.number}` : `/t/${row.threadId}`
}

/**
 * Opens one of the user's notifications: answers where it leads (null when it is not theirs or
 * out of reach) and marks read what the thread page will: all of that thread's notifications.
 * Doing it here, before the redirect, keeps the count of the page that follows right, since the
 * root loader counts while the thread's loader runs.
 */
export async function openNotification(userId: string, notificationId: string): Promise<string | null> {
	const row = await db.notification.findFirst({
		where: { id: notificationId, ...(await readableWhere(userId)) },
		select: { threadId: true, post: { select: { number: true } } },
	})
	if (!row) return null
	await markThreadNotificationsRead(userId, row.threadId)
	return notificationHref(row)
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
