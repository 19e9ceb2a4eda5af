import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { once, STILL_SENDING } from '#app/utils/idempotency.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { clearDraft, draftKeys } from './drafts.server.ts'
import { ForumError } from './forum-error.ts'
import { createReply } from './posts.server.ts'
import type { ReplyInput } from './schemas.ts'
import { pageOfPost } from './threads.server.ts'

function replyLocation(threadId: string, number: number): string {
	return `/t/${threadId}?page=${pageOfPost(number)}#post-${number}`
}

/** A reply with this body that the user posted in the thread since `since` (the first attempt's). */
function findReplySince(userId: string, threadId: string, body: string, since: Date) {
	return db.post.findFirst({
		where: { threadId, authorId: userId, body: body.trim(), createdAt: { gte: since } },
		orderBy: { number: 'asc' },
		select: { number: true },
	})
}

type Refusal = { message: string; status: number }
export type ReplyOutcome = { location: string } | { refusal: Refusal }

/**
 * Posts a reply and clears its draft, answering where the reply is to be seen, or why it was
 * refused. A resent reply (its answer was lost) leads to the reply already posted, not to a second one.
 */
export async function postReply(
	user: SessionUser,
	found: Parameters<typeof createReply>[1] & object,
	input: ReplyInput,
	idempotencyKey: FormDataEntryValue | null,
	realtime: RealtimePublisher,
): Promise<ReplyOutcome> {
	const threadId = found.thread.id
	const refuse = (message: string, status: number): Refusal => ({ message, status })
	return once<Refusal>(
		user.id,
		idempotencyKey,
		async (recordLocation) => {
			try {
				const { number } = await createReply(user, found, input, realtime, {
					// The draft and the key's answer are committed with the reply.
					alongWith: async (tx, created) => {
						await clearDraft(user.id, draftKeys.reply(threadId), tx)
						await recordLocation(tx, replyLocation(threadId, created.number))
					},
				})
				return { location: replyLocation(threadId, number) }
			} catch (error) {
				if (error instanceof ForumError) return { refusal: refuse(error.message, error.status) }
				throw error
			}
		},
		{
			busy: () => refuse(STILL_SENDING, 409),
			recover: async (claimedAt) => {
				const saved = await findReplySince(user.id, threadId, input.body, claimedAt)
				return saved ? replyLocation(threadId, saved.number) : null
			},
		},
	)
}
