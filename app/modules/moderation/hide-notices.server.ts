import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import type { DbTransaction } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { recordAudit } from './audit.server.ts'
import { MODERATION_POST, MODERATION_TYPES, type AuthorNoticeKind } from './constants.ts'

type Actor = { id: string; name?: string }
type HiddenPost = {
	id: string
	number: number
	authorId: string
	threadId: string
	threadTitle: string
	groupId: string | null
}

async function actorName(tx: DbTransaction, actor: Actor): Promise<string> {
	if (actor.name) return actor.name
	return (await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } }))?.name ?? ''
}

/**
 * What a moderator's hide or unhide of a post leaves behind, in its transaction: the audit entry
 * (a thread's when it is the opening post) and the author's notification, which carries the reason.
 */
export async function recordModeratorHide(
	tx: DbTransaction,
	actor: Actor,
	post: HiddenPost,
	hidden: boolean,
	reason: string,
) {
	const opening = post.number === 1
	await recordAudit(tx, {
		groupId: post.groupId,
		actor: { id: actor.id, name: await actorName(tx, actor) },
		action: opening
			? hidden
				? 'thread.hide'
				: 'thread.unhide'
			: hidden
				? 'post.hide'
				: 'post.unhide',
		target: opening
			? { kind: 'thread', id: post.threadId, label: post.threadTitle }
			: { kind: 'post', id: post.id, label: `#${post.number} in ${post.threadTitle}` },
		reason,
	})
	await notifyAuthorOfHide(tx, actor.id, post, hidden)
}

/** The author's notice that their post was hidden (the reason is read from the post) or shown again. */
export async function notifyAuthorOfHide(
	tx: DbTransaction,
	actorId: string | null,
	post: { id: string; authorId: string },
	hidden: boolean,
	kind: AuthorNoticeKind = MODERATION_POST,
) {
	if (post.authorId === actorId) return
	await recordNotifications(tx, {
		subject: { kind, id: post.id },
		actorId,
		recipients: [
			{ userId: post.authorId, type: hidden ? MODERATION_TYPES.hidden : MODERATION_TYPES.unhidden },
		],
	})
}

/** After the commit: the author's open pages hear of it. */
export function announceHideToAuthor(
	realtime: RealtimePublisher,
	actor: { id: string } | null,
	post: { id: string; authorId: string },
	kind: AuthorNoticeKind = MODERATION_POST,
) {
	if (post.authorId !== actor?.id)
		announceNotifications(realtime, { kind, id: post.id }, [post.authorId])
}
