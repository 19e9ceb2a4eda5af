import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { newIdempotencyKey, once, STILL_SENDING } from '#app/utils/idempotency.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { THREAD_KINDS, type ThreadKind } from './constants.ts'
import { clearDraft, draftKeys, getDraft } from './drafts.server.ts'
import { listCategories } from './forums.server.ts'
import { ForumError } from './forum-error.ts'
import { createThread } from './posts.server.ts'
import type { NewThreadInput } from './schemas.ts'
import { lessonProgramChoices } from '#app/modules/vendors/lessons.server.ts'

/** What the new-thread page needs, for a group forum and the community forum alike (`access.canPost` checked by the caller). */
export async function loadNewThread(user: SessionUser, forumId: string, query: URLSearchParams) {
	const categories = await listCategories(forumId)
	const requestedKind = query.get('kind')
	const kind: ThreadKind = (THREAD_KINDS as readonly string[]).includes(requestedKind ?? '') ? (requestedKind as ThreadKind) : 'discussion'
	const requestedCategory = categories.find((c) => c.slug === (query.get('category') ?? (kind === 'lesson' ? 'lessons' : '')))
	return {
		forumId,
		kind,
		categoryId: requestedCategory?.id ?? categories[0]?.id ?? '',
		categories: categories.map((c) => ({ id: c.id, name: c.name })),
		draft: await getDraft(user.id, draftKeys.thread(forumId)),
		// The vendor programs a lesson may name.
		programs: await lessonProgramChoices(user),
		idempotencyKey: newIdempotencyKey(),
	}
}

type Refusal = { message: string; status: number }
export type NewThreadOutcome = { location: string } | { refusal: Refusal }

/**
 * Posts the new thread and clears its draft, or says why not. A resent form (its answer was lost)
 * leads to the thread already created, not to a second one.
 */
export async function postNewThread(
	user: SessionUser,
	forumId: string,
	input: NewThreadInput,
	idempotencyKey: FormDataEntryValue | null,
	realtime: RealtimePublisher,
): Promise<NewThreadOutcome> {
	const refuse = (message: string, status: number): Refusal => ({ message, status })
	return once<Refusal>(
		user.id,
		idempotencyKey,
		async (recordLocation) => {
			try {
				const { threadId } = await createThread(user, forumId, input, realtime, {
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
					where: { forumId, authorId: user.id, title: input.title, createdAt: { gte: claimedAt } },
					orderBy: { createdAt: 'asc' },
					select: { id: true },
				})
				return saved ? `/t/${saved.id}` : null
			},
		},
	)
}
