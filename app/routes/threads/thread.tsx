import { redirect } from 'react-router'
import type { Route } from './+types/thread.ts'
import { ThreadView } from '#app/components/forum/thread-view.tsx'
import { POSTS_PER_PAGE } from '#app/modules/forums/constants.ts'
import { getThreadState, markRead } from '#app/modules/forums/reading.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'
import { handleThreadAction } from '#app/modules/forums/thread-actions.server.ts'
import { firstUnreadLocation, getThreadPage, pageOfPost } from '#app/modules/forums/threads.server.ts'
import { markThreadNotificationsRead } from '#app/modules/notifications/notifications.server.ts'
import { newIdempotencyKey } from '#app/utils/idempotency.server.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { pageTitle } from '#app/utils/misc.ts'

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
	await Promise.all([
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
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, thread, access } = await requireReadableThread(request, params.threadId)
	return handleThreadAction(request, user, { thread, access }, context.realtime)
}

export default function ThreadPage({ loaderData, actionData }: Route.ComponentProps) {
	return <ThreadView data={loaderData} actionData={actionData ?? null} />
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
