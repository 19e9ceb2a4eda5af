import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from 'react-router'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { IDEMPOTENCY_FIELD, newIdempotencyKey, once, STILL_SENDING } from '#app/utils/idempotency.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import type { ForumAccess } from './access.server.ts'
import { THREAD_KINDS, type ThreadKind } from './constants.ts'
import { clearDraft, draftKeys, getDraft } from './drafts.server.ts'
import { listCategories } from './forums.server.ts'
import { ForumError } from './forum-error.ts'
import { createThread } from './posts.server.ts'
import { NewThreadSchema } from './schemas.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { notFound } from '#app/utils/responses.ts'

/** What the new-thread page needs, for a group forum and the community forum alike. */
export async function loadNewThread(user: SessionUser, forumId: string, access: ForumAccess, url: URL) {
	if (!access.canPost) throw notFound()
	const categories = await listCategories(forumId)
	const requestedKind = url.searchParams.get('kind')
	const kind: ThreadKind = (THREAD_KINDS as readonly string[]).includes(requestedKind ?? '') ? (requestedKind as ThreadKind) : 'discussion'
	const requestedCategory = categories.find((c) => c.slug === (url.searchParams.get('category') ?? (kind === 'lesson' ? 'lessons' : '')))
	return {
		forumId,
		kind,
		categoryId: requestedCategory?.id ?? categories[0]?.id ?? '',
		categories: categories.map((c) => ({ id: c.id, name: c.name })),
		draft: await getDraft(user.id, draftKeys.thread(forumId)),
		idempotencyKey: newIdempotencyKey(),
	}
}

/** Posts the new thread, or gives the form back with its errors and everything typed. */
export async function submitNewThread(request: Request, user: SessionUser, forumId: string, realtime: RealtimePublisher) {
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: NewThreadSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, NewThreadSchema) }, { status: 400 })
	const refuse = (message: string, status: number) => data({ result: replyWithin(submission, NewThreadSchema, { formErrors: [message] }) }, { status })
	// A resent form (its answer was lost) leads to the thread already created, not to a second one.
	const outcome = await once(
		user.id,
		formData.get(IDEMPOTENCY_FIELD),
		async (recordLocation) => {
			try {
				const { threadId } = await createThread(user, forumId, submission.value, realtime, {
					// The draft and the key's answer are committed with the thread.
					alongWith: async (tx, created) => {
						await clearDraft(user.id, draftKeys.thread(forumId), tx)
						await recordLocation(tx, `/t/${created.threadId}`)
					},
				})
				return { location: `/t/${threadId}` }
			} catch (error) {
				if (error instanceof ForumError) return { refusal: refuse(error.message, error.status) }
				throw error
			}
		},
		{
			busy: () => refuse(STILL_SENDING, 409),
			recover: async (claimedAt) => {
				const saved = await db.thread.findFirst({
					where: { forumId, authorId: user.id, title: submission.value.title, createdAt: { gte: claimedAt } },
					orderBy: { createdAt: 'asc' },
					select: { id: true },
				})
				return saved ? `/t/${saved.id}` : null
			},
		},
	)
	return 'location' in outcome ? redirect(outcome.location) : outcome.refusal
}
