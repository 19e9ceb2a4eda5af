import { parseWithZod } from '@conform-to/zod/v4'
import { data, Link, redirect } from 'react-router'
import type { Route } from './+types/thread.ts'
import { ThreadView } from '#app/components/forum/thread-view.tsx'
import { COMMUNITY_FORUM_ID, POSTS_PER_PAGE } from '#app/modules/forums/constants.ts'
import { getThreadState, markRead, setNotificationLevel } from '#app/modules/forums/reading.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'
import { ForumError } from '#app/modules/forums/forum-error.ts'
import { acceptAnswer, deletePost, setPostHidden, setThreadFlag, toggleBookmark, toggleHelpful } from '#app/modules/forums/posts.server.ts'
import { postReply } from '#app/modules/forums/replies.server.ts'
import { LevelIntentSchema, PostIntentSchema, ReplySchema, ThreadIntentSchema } from '#app/modules/forums/schemas.ts'
import { firstUnreadLocation, getThreadPage, pageOfPost } from '#app/modules/forums/threads.server.ts'
import { SlowModeSchema, slowModeLabel } from '#app/modules/forums/thread-moderation.ts'
import { setSlowMode } from '#app/modules/forums/thread-moderation.server.ts'
import { forumCan } from '#app/modules/forums/permissions.ts'
import { hideReasonSchema } from '#app/modules/moderation/flag-schemas.ts'
import { markThreadNotificationsRead } from '#app/modules/notifications/notifications.server.ts'
import { programOfThread } from '#app/modules/vendors/discussion.server.ts'
import { programsOfLesson } from '#app/modules/vendors/lessons.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { IDEMPOTENCY_FIELD, newIdempotencyKey } from '#app/utils/idempotency.server.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// Written out: pin and unpin double their n ("Thread pined" was shown once).
const THREAD_FLAG_TOASTS = { lock: 'Thread locked', unlock: 'Thread unlocked', pin: 'Thread pinned', unpin: 'Thread unpinned' } as const

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data?.thread.title ?? 'Thread') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, thread, access } = await requireReadableThread(request, params.threadId)
	const url = new URL(request.url)
	if (url.searchParams.has('unread')) {
		const { lastReadPostNumber } = await getThreadState(user.id, thread.id)
		const target = firstUnreadLocation(lastReadPostNumber, thread.lastPostNumber)
		throw redirect(`/t/${thread.id}?page=${target.page}#post-${target.number}`)
	}
	const postNumber = Number(url.searchParams.get('post'))
	if (Number.isInteger(postNumber) && postNumber > 0) {
		throw redirect(`/t/${thread.id}?page=${pageOfPost(postNumber)}#post-${postNumber}`)
	}
	const { hasUnreadNotifications, ...view } = await getThreadPage(user.id, access, thread.id, pageParam(url))
	// The page's whole range of numbers, not its last visible post: a post hidden from this reader
	// at the end of the page would otherwise stay unread for them for ever.
	const lastOnPage = Math.min(view.page * POSTS_PER_PAGE, view.thread.lastPostNumber)
	// What the reader has seen moves their marker; the thread's notifications are read too. Both
	// only when something changes: a reader coming back to a page they have read writes nothing.
	const [program, lessonPrograms] = await Promise.all([
		// The vendor program this thread discusses (programs' discussions live in the community
		// forum: a group's thread costs no statement), and those a lesson names: the page links to them.
		thread.forumId === COMMUNITY_FORUM_ID ? programOfThread(thread.id) : null,
		thread.kind === 'lesson' ? programsOfLesson(user, thread.id) : [],
		lastOnPage > view.lastReadPostNumber ? markRead(user.id, thread.id, lastOnPage) : null,
		hasUnreadNotifications ? markThreadNotificationsRead(user.id, thread.id) : null,
	])
	const quoteId = url.searchParams.get('quote')
	const quoted = quoteId ? view.posts.find((post) => post.id === quoteId && post.body) : undefined
	return {
		viewer: { id: user.id, name: user.name },
		access: { canRead: access.canRead, canPost: access.canPost, canModerate: access.canModerate },
		...view,
		// Sent with the reply, so that a resent reply is not posted twice.
		replyKey: newIdempotencyKey(),
		quote: quoted ? { postId: quoted.id, author: quoted.author.name, body: quoted.body! } : null,
		slowModeMinutes: thread.slowModeMinutes,
		program,
		lessonPrograms,
	}
}

/**
 * Every form on a thread page posts here, told apart by `intent`. A refusal comes back as a
 * message (and, for a reply, the text typed), never as an error page.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, thread, access } = await requireReadableThread(request, params.threadId)
	const { realtime } = context
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const here = `/t/${thread.id}`
	try {
		if (intent === 'reply') {
			const submission = parseWithZod(formData, { schema: ReplySchema })
			if (submission.status !== 'success') return data({ intent, result: replyWithin(submission, ReplySchema) }, { status: 400 })
			const outcome = await postReply(user, { thread, access }, submission.value, formData.get(IDEMPOTENCY_FIELD), realtime)
			if ('location' in outcome) return redirect(outcome.location)
			const { message, status } = outcome.refusal
			return data({ intent, result: replyWithin(submission, ReplySchema, { formErrors: [message] }) }, { status })
		}
		if (intent === 'level') {
			const parsed = LevelIntentSchema.safeParse(Object.fromEntries(formData))
			if (!parsed.success) return data({ intent, error: 'Choose watching, tracking or muted.' }, { status: 400 })
			await setNotificationLevel(user.id, thread.id, parsed.data.level)
			return redirectWithToast(back(request, here), { title: `Notifications: ${parsed.data.level}` })
		}
		if (intent === 'slow-mode') {
			const parsed = SlowModeSchema.safeParse(Object.fromEntries(formData))
			if (!parsed.success) return data({ intent, error: parsed.error.issues[0]?.message ?? 'Choose a slow mode.' }, { status: 400 })
			const { minutes } = parsed.data
			await setSlowMode(user, thread.id, minutes)
			return redirectWithToast(back(request, here), { title: minutes ? slowModeLabel(minutes) : 'Slow mode off' })
		}
		const threadIntent = ThreadIntentSchema.safeParse(Object.fromEntries(formData))
		if (threadIntent.success) {
			const flag = threadIntent.data.intent === 'lock' || threadIntent.data.intent === 'unlock' ? 'locked' : 'pinned'
			const value = threadIntent.data.intent === 'lock' || threadIntent.data.intent === 'pin'
			await setThreadFlag(user, thread.id, flag, value, realtime)
			return redirectWithToast(back(request, here), { title: THREAD_FLAG_TOASTS[threadIntent.data.intent] })
		}
		const postIntent = PostIntentSchema.safeParse(Object.fromEntries(formData))
		if (!postIntent.success) return data({ intent, error: 'That request was not understood.' }, { status: 400 })
		const { postId } = postIntent.data
		switch (postIntent.data.intent) {
			case 'delete':
				await deletePost(user, postId, realtime)
				return redirectWithToast(back(request, here), { title: 'Post deleted' })
			case 'hide':
			case 'unhide': {
				const hide = postIntent.data.intent === 'hide'
				// The author is shown the reason: a moderator's hide without one is refused.
				const reason = hideReasonSchema.safeParse(formData.get('reason') ?? '')
				if (hide && forumCan.hidePost(access) && !reason.success) return data({ intent, error: reason.error.issues[0]!.message }, { status: 400 })
				await setPostHidden(user, postId, hide, realtime, { reason: reason.data })
				return redirectWithToast(back(request, here), { title: hide ? 'Post hidden from members' : 'Post visible again' })
			}
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

export default function ThreadPage({ loaderData, actionData }: Route.ComponentProps) {
	const { program, lessonPrograms } = loaderData
	return (
		<>
			{program ? (
				<p className="mb-3 text-sm text-slate-600">
					About the program <Link to={`/programs/${program.id}`}>{program.name}</Link>
				</p>
			) : null}
			{lessonPrograms.length > 0 ? (
				<p className="mb-3 text-sm text-slate-600">
					Vendor programs in this lesson:{' '}
					{lessonPrograms.map((p, i) => (
						<span key={p.id}>
							{i > 0 ? ', ' : null}
							<Link to={`/programs/${p.id}`}>{p.name}</Link>
						</span>
					))}
				</p>
			) : null}
			<ThreadView data={loaderData} actionData={actionData ?? null} />
		</>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
