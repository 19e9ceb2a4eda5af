import { data, Form, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/bookmarks.ts'
import { Avatar } from '#app/components/avatar.tsx'
import { EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import { listBookmarks, removeBookmark } from '#app/modules/forums/bookmarks.server.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Bookmarks') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const page = pageParam(new URL(request.url))
	const list = await listBookmarks(user.id, page)
	// Removing the last bookmark of the last page leaves it empty: show the page before instead.
	if (list.bookmarks.length === 0 && page > list.pageCount) throw redirect(list.pageCount > 1 ? `/bookmarks?page=${list.pageCount}` : '/bookmarks')
	return { page, ...list }
}

const RemoveSchema = z.object({ intent: z.literal('remove'), postId: z.string().min(1).max(100) })

export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const parsed = RemoveSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ error: 'That request was not understood.' }, { status: 400 })
	const removed = await removeBookmark(user.id, parsed.data.postId)
	const url = new URL(request.url)
	return redirectWithToast(url.pathname + url.search, removed ? { title: 'Bookmark removed' } : { type: 'info', title: 'That bookmark was already gone' })
}

export default function BookmarksPage({ loaderData, actionData }: Route.ComponentProps) {
	const { bookmarks, page, pageCount, total } = loaderData
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader
				title="Bookmarks"
				description={total > 0 ? `${total} saved post${total === 1 ? '' : 's'}, newest first. Only you can see them.` : undefined}
			/>
			{actionData?.error ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
					{actionData.error}
				</p>
			) : null}
			{bookmarks.length === 0 ? (
				<EmptyState title="No bookmarks yet">
					<p>
						To save a post for later, press <strong className="font-semibold text-slate-800">Bookmark</strong> under it in any thread. It
						will show up here; only you can see your bookmarks.
					</p>
				</EmptyState>
			) : (
				<ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="bookmark-list">
					{bookmarks.map((bookmark) => (
						<li key={bookmark.postId} className="px-5 py-4">
							<div className="flex items-start gap-3">
								<Avatar name={bookmark.author.name} seed={bookmark.author.id} size="sm" />
								<div className="min-w-0 flex-1">
									<h2 className="font-semibold">
										<Link to={bookmark.href} className={`text-slate-900 ${titleLinkClasses}`}>
											{bookmark.thread.title}
										</Link>
									</h2>
									<p className="mt-0.5 text-sm text-slate-600">
										{bookmark.isOpeningPost ? 'Started by' : 'Reply by'} {bookmark.author.name} · {bookmark.place} ·{' '}
										<RelativeTime date={bookmark.postedAt} />
									</p>
									{bookmark.excerpt ? <p className="mt-2 text-sm leading-relaxed break-words text-slate-700">{bookmark.excerpt}</p> : null}
								</div>
								<Form method="post" className="shrink-0">
									<input type="hidden" name="intent" value="remove" />
									<input type="hidden" name="postId" value={bookmark.postId} />
									<Button variant="ghost" size="sm" aria-label={`Remove bookmark: ${bookmark.thread.title}`}>
										Remove
									</Button>
								</Form>
							</div>
						</li>
					))}
				</ul>
			)}
			<Pagination page={page} pageCount={pageCount} label="Bookmark pages" />
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
