import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from 'react-router'
import { z } from 'zod'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { IDEMPOTENCY_FIELD, once, STILL_SENDING } from '#app/utils/idempotency.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { NOTIFICATION_LEVELS } from './constants.ts'
import { clearDraft, draftKeys } from './drafts.server.ts'
import { ForumError } from './forum-error.ts'
import {
	acceptAnswer,
	createReply,
	deletePost,
	setPostHidden,
	setThreadFlag,
	toggleBookmark,
	toggleHelpful,
} from './posts.server.ts'
import { setNotificationLevel } from './reading.server.ts'
import { ReplySchema } from './schemas.ts'
import { pageOfPost } from './threads.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'

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

const PostIntent = z.object({
	intent: z.enum(['delete', 'hide', 'unhide', 'accept', 'helpful', 'bookmark']),
	postId: z.string().min(1),
})
const ThreadIntent = z.object({ intent: z.enum(['lock', 'unlock', 'pin', 'unpin']) })
const LevelIntent = z.object({ intent: z.literal('level'), level: z.enum(NOTIFICATION_LEVELS) })

export type ThreadActionResult = { intent: string; error?: string; result?: unknown }

/**
 * Every form on a thread page posts here, told apart by `intent`. A refusal comes back as a
 * message (and, for a reply, the text typed), never as an error page.
 */
export async function handleThreadAction(
	request: Request,
	user: SessionUser,
	found: Parameters<typeof createReply>[1] & object,
	realtime: RealtimePublisher,
) {
	const threadId = found.thread.id
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const here = `/t/${threadId}`
	try {
		if (intent === 'reply') {
			const submission = parseWithZod(formData, { schema: ReplySchema })
			if (submission.status !== 'success') return data({ intent, result: replyWithin(submission, ReplySchema) }, { status: 400 })
			const refuse = (message: string, status: number) => data({ intent, result: replyWithin(submission, ReplySchema, { formErrors: [message] }) }, { status })
			// A resent reply (its answer was lost) leads to the reply already posted, not to a second one.
			const outcome = await once(
				user.id,
				formData.get(IDEMPOTENCY_FIELD),
				async (recordLocation) => {
					try {
						const { number } = await createReply(user, found, submission.value, realtime, {
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
						const saved = await findReplySince(user.id, threadId, submission.value.body, claimedAt)
						return saved ? replyLocation(threadId, saved.number) : null
					},
				},
			)
			return 'location' in outcome ? redirect(outcome.location) : outcome.refusal
		}
		if (intent === 'level') {
			const parsed = LevelIntent.safeParse(Object.fromEntries(formData))
			if (!parsed.success) return data({ intent, error: 'Choose watching, tracking or muted.' }, { status: 400 })
			await setNotificationLevel(user.id, threadId, parsed.data.level)
			return redirectWithToast(back(request, here), { title: `Notifications: ${parsed.data.level}` })
		}
		const threadIntent = ThreadIntent.safeParse(Object.fromEntries(formData))
		if (threadIntent.success) {
			const flag = threadIntent.data.intent === 'lock' || threadIntent.data.intent === 'unlock' ? 'locked' : 'pinned'
			const value = threadIntent.data.intent === 'lock' || threadIntent.data.intent === 'pin'
			await setThreadFlag(user, threadId, flag, value, realtime)
			return redirectWithToast(back(request, here), { title: `Thread ${threadIntent.data.intent === 'unpin' ? 'unpinned' : `${threadIntent.data.intent}ed`}` })
		}
		const postIntent = PostIntent.safeParse(Object.fromEntries(formData))
		if (!postIntent.success) return data({ intent, error: 'That request was not understood.' }, { status: 400 })
		const { postId } = postIntent.data
		switch (postIntent.data.intent) {
			case 'delete':
				await deletePost(user, postId, realtime)
				return redirectWithToast(back(request, here), { title: 'Post deleted' })
			case 'hide':
			case 'unhide':
				await setPostHidden(user, postId, postIntent.data.intent === 'hide', realtime)
				return redirectWithToast(back(request, here), { title: postIntent.data.intent === 'hide' ? 'Post hidden from members' : 'Post visible again' })
			case 'accept': {
				const { accepted } = await acceptAnswer(user, postId, realtime)
				return redirectWithToast(back(request, here), { title: accepted ? 'Marked as the answer' : 'Answer mark removed' })
			}
			case 'helpful': {
				const { helpful } = await toggleHelpful(user, postId, realtime)
				return data({ intent, postId, helpful })
			}
			case 'bookmark': {
				const { bookmarked } = await toggleBookmark(user, postId)
				return data({ intent, postId, bookmarked })
			}
		}
	} catch (error) {
		if (error instanceof ForumError) return data({ intent, error: error.message }, { status: error.status })
		throw error
	}
}

/** Back to the page the form was on (same thread only), so moderation keeps the reader's place. */
function back(request: Request, fallback: string): string {
	const referer = request.headers.get('referer')
	if (!referer) return fallback
	try {
		const url = new URL(referer)
		return url.origin === new URL(request.url).origin && url.pathname === fallback ? url.pathname + url.search : fallback
	} catch {
		return fallback
	}
}
