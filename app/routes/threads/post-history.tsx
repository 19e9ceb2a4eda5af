import { Link } from 'react-router'
import type { Route } from './+types/post-history.ts'
import { PageHeader } from '#app/components/page.tsx'
import { DateTime } from '#app/components/time.tsx'
import { forumCan } from '#app/modules/forums/permissions.ts'
import { findPostHistory } from '#app/modules/forums/posts.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Edit history') }]

/** Earlier versions of a post: moderators only (for everyone else the page does not exist). */
export async function loader({ request, params }: Route.LoaderArgs) {
	const { thread, access } = await requireReadableThread(request, params.threadId)
	if (!forumCan.seeRevisions(access)) throw notFound()
	const post = await findPostHistory(thread.id, params.postId)
	if (!post) throw notFound()
	return { thread: { id: thread.id, title: thread.title }, post }
}

export default function PostHistory({ loaderData }: Route.ComponentProps) {
	const { post, thread } = loaderData
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader
				title={`Edit history of post #${post.number}`}
				description={
					<>
						By {post.author.name} in <Link to={`/t/${thread.id}?post=${post.number}`}>{thread.title}</Link>. Only moderators see this page.
					</>
				}
			/>
			<ol className="space-y-4">
				<li className="rounded-xl border border-emerald-200 bg-white p-4">
					<p className="text-xs font-semibold uppercase tracking-wide text-emerald-700">Current version</p>
					<pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{post.body}</pre>
				</li>
				{post.revisions.map((revision) => (
					<li key={revision.id} className="rounded-xl border border-slate-200 bg-white p-4">
						<p className="text-xs text-slate-500">
							Replaced <DateTime date={revision.createdAt} /> by {revision.editedBy.name}
						</p>
						<pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{revision.body}</pre>
					</li>
				))}
			</ol>
			{post.revisions.length === 0 ? <p className="mt-4 text-sm text-slate-600">This post has not been edited.</p> : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
