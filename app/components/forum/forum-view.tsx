import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { ThreadList } from './thread-list.tsx'
import { useForumLive } from './use-forum-live.ts'
import { EmptyState } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import type { loadForumList } from '#app/modules/forums/forum-list.server.ts'
import { cn } from '#app/utils/misc.ts'

type ForumData = Awaited<ReturnType<typeof loadForumList>>

/** A forum's thread list with category tabs, tag filter and pages; updates live. */
export function ForumView({ data, home, header }: { data: ForumData; home: string; header: ReactNode }) {
	useForumLive(data.forumId)
	const tab = (active: boolean) =>
		cn(
			'whitespace-nowrap rounded-full px-3 py-1 text-sm no-underline hover:no-underline',
			active ? 'bg-slate-900 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50',
		)
	const filtered = Boolean(data.currentCategory || data.tag)
	return (
		<main>
			{header}
			<div className="mb-4 flex flex-wrap items-center justify-between gap-3">
				<nav aria-label="Categories" className="flex flex-wrap gap-2">
					<Link to={home} className={tab(!data.currentCategory)}>
						All
					</Link>
					{data.categories.map((category) => (
						<Link key={category.id} to={`${home}?category=${category.slug}`} className={tab(data.currentCategory === category.slug)} title={category.description}>
							{category.name}
						</Link>
					))}
				</nav>
				<div className="flex items-center gap-2">
					{data.canModerate ? (
						<Link to={`${home}/categories`} className={buttonClasses('ghost', 'sm')}>
							Manage categories
						</Link>
					) : null}
					{data.canPost ? (
						<Link
							to={`${home}/new${data.currentCategory ? `?category=${data.currentCategory}` : ''}`}
							className={buttonClasses('primary')}
						>
							New thread
						</Link>
					) : null}
				</div>
			</div>
			{data.tag ? (
				<p className="mb-3 text-sm text-slate-600">
					Threads tagged <strong>#{data.tag}</strong> · <Link to={home}>clear</Link>
				</p>
			) : null}
			{data.threads.length === 0 ? (
				<EmptyState title={filtered ? 'No threads here yet' : 'No threads yet'}>
					{data.canPost ? (
						<p>
							Start the conversation: <Link to={`${home}/new`}>post the first thread</Link>, or share a lesson learned.
						</p>
					) : null}
				</EmptyState>
			) : (
				<ThreadList threads={data.threads} tagHref={(tag) => `${home}?tag=${encodeURIComponent(tag)}`} />
			)}
			<Pagination page={data.page} pageCount={data.pageCount} label="Thread pages" />
		</main>
	)
}
