import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import {
	announceNotifications,
	recordNotifications,
	type NotificationType,
} from '#app/modules/notifications/notifications.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { FORUM_POST } from './constants.ts'

// Who a forum post notifies, and of what: the forums' choice. The notifications are about the
// post (subject kind "forum.post", registered in subjects.server.ts) and carry the forums' own
// columns, so the thread page reads them by thread and a deleted thread or post takes them along.

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
	await recordNotifications(tx, {
		subject: { kind: FORUM_POST, id: input.postId },
		actorId: input.actorId,
		recipients: recipients.map((userId) => ({ userId, type: wanted.get(userId)! })),
		forum: { threadId: input.threadId, postId: input.postId },
	})
	return recipients
}

export async function notifyAccepted(
	input: { threadId: string; postId: string; actorId: string; recipientId: string },
	realtime: RealtimePublisher,
) {
	if (input.recipientId === input.actorId) return
	const subject = { kind: FORUM_POST, id: input.postId }
	await recordNotifications(db, {
		subject,
		actorId: input.actorId,
		recipients: [{ userId: input.recipientId, type: 'accepted' }],
		forum: { threadId: input.threadId, postId: input.postId },
	})
	announceNotifications(realtime, subject, [input.recipientId])
}
