import { Link } from 'react-router'
import type { Route } from './+types/lessons.ts'
import { BlockerBadge, TagList } from '#app/components/forum/badges.tsx'
import { EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import { BLOCKER_LABELS } from '#app/modules/forums/constants.ts'
import {
	LESSON_SORT_LABELS,
	LESSON_SORTS,
	lessonsHref,
	parseLessonParams,
	type LessonParams,
} from '#app/modules/forums/lessons.ts'
import { listLessons, shareLessonHref } from '#app/modules/forums/lessons.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { pageParam } from '#app/utils/pagination.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Lessons learned') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const url = new URL(request.url)
	const params = parseLessonParams(url.searchParams)
	const [library, shareHref] = await Promise.all([
		listLessons(user, { ...params, page: pageParam(url) }),
		shareLessonHref(user),
	])
	return { params, library, shareHref }
}

const chip = (active: boolean) =>
	cn(
		'inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-3 py-1 text-sm no-underline hover:no-underline',
		active
			? 'bg-slate-900 text-white'
			: 'bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50',
	)

function emptyTitle(params: LessonParams): string {
	if (params.blocker && params.tag)
		return `No ${BLOCKER_LABELS[params.blocker].toLowerCase()} lessons tagged #${params.tag}`
	if (params.blocker) return `No lessons about ${BLOCKER_LABELS[params.blocker].toLowerCase()} yet`
	if (params.tag) return `No lessons tagged #${params.tag}`
	return 'No lessons shared yet'
}

export default function LessonsPage({ loaderData }: Route.ComponentProps) {
	const { params, library, shareHref } = loaderData
	const filtered = Boolean(params.blocker || params.tag)
	const allCount = library.blockers.reduce((sum, b) => sum + b.count, 0)
	return (
		<main>
			<PageHeader
				title="Lessons learned"
				description="What members learned the hard way, in your groups and the Community."
				actions={
					shareHref ? (
						<Link to={shareHref} className={buttonClasses('primary')}>
							Share a lesson
						</Link>
					) : null
				}
			/>
			<div className="mb-3 flex flex-wrap items-start justify-between gap-3">
				<nav aria-label="Growth blockers" className="flex flex-wrap gap-2">
					<Link
						to={lessonsHref(params, { blocker: undefined })}
						className={chip(!params.blocker)}
						aria-current={!params.blocker ? 'page' : undefined}
					>
						All <span className="text-xs opacity-70">{allCount}</span>
					</Link>
					{/* Blockers nobody has written about yet stay out of the way. */}
					{library.blockers
						.filter(({ blocker, count }) => count > 0 || params.blocker === blocker)
						.map(({ blocker, count }) => (
							<Link
								key={blocker}
								to={lessonsHref(params, { blocker })}
								className={chip(params.blocker === blocker)}
								aria-current={params.blocker === blocker ? 'page' : undefined}
							>
								{BLOCKER_LABELS[blocker]} <span className="text-xs opacity-70">{count}</span>
							</Link>
						))}
				</nav>
				<nav
					aria-label="Sort lessons"
					className="flex shrink-0 rounded-md bg-white p-0.5 ring-1 ring-slate-200"
				>
					{LESSON_SORTS.map((sort) => (
						<Link
							key={sort}
							to={lessonsHref(params, { sort })}
							aria-current={params.sort === sort ? 'true' : undefined}
							className={cn(
								'rounded px-3 py-1 text-sm no-underline hover:no-underline',
								params.sort === sort
									? 'bg-brand-600 text-white'
									: 'text-slate-700 hover:bg-slate-50',
							)}
						>
							{LESSON_SORT_LABELS[sort]}
						</Link>
					))}
				</nav>
			</div>
			{library.popularTags.length > 0 || params.tag ? (
				<div className="mb-5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
					{params.tag ? (
						<p>
							Tagged <strong className="text-slate-900">#{params.tag}</strong> ·{' '}
							<Link to={lessonsHref(params, { tag: undefined })}>show all tags</Link>
						</p>
					) : (
						<>
							<span>Tags:</span>
							<TagList
								tags={library.popularTags.map((t) => t.name)}
								hrefFor={(tag) => lessonsHref(params, { tag })}
							/>
						</>
					)}
				</div>
			) : null}

			{library.lessons.length === 0 ? (
				<EmptyState title={emptyTitle(params)}>
					{filtered ? (
						<p>
							<Link to={lessonsHref(params, { blocker: undefined, tag: undefined })}>
								Show all lessons
							</Link>
							{shareHref ? (
								<>
									, or <Link to={shareHref}>share one of your own</Link>
								</>
							) : null}
							.
						</p>
					) : shareHref ? (
						<p>
							A lesson is a short story: what happened, what you learned, what you would do
							differently. <Link to={shareHref}>Share the first one</Link>.
						</p>
					) : (
						<p>
							Lessons come from the forums of your peer groups. Once you join a group, its lessons
							appear here.
						</p>
					)}
				</EmptyState>
			) : (
				<ul className="grid gap-4 md:grid-cols-2" data-testid="lesson-list">
					{library.lessons.map((lesson) => (
						<li
							key={lesson.id}
							className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
						>
							<div className="flex flex-wrap items-center gap-2">
								<BlockerBadge blocker={lesson.blocker} />
								<Link to={lesson.forum.href} className="text-xs text-slate-500">
									{lesson.forum.name}
								</Link>
							</div>
							<h2 className="mt-2 font-semibold leading-snug">
								<Link to={`/t/${lesson.id}`} className={`text-slate-900 ${titleLinkClasses}`}>
									{lesson.title}
								</Link>
							</h2>
							{lesson.learned ? (
								<p className="mt-2 line-clamp-3 text-sm leading-relaxed text-slate-700">
									<span className="font-medium text-slate-900">What we learned: </span>
									{lesson.learned}
								</p>
							) : null}
							{lesson.tags.length > 0 ? (
								<div className="mt-3">
									<TagList tags={lesson.tags} hrefFor={(tag) => lessonsHref(params, { tag })} />
								</div>
							) : null}
							<div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-4 text-xs text-slate-500">
								<span>
									{lesson.author.name} · <RelativeTime date={lesson.createdAt} />
								</span>
								<span>
									{lesson.helpfulCount > 0 ? (
										<>
											<span className="font-semibold text-slate-800">{lesson.helpfulCount}</span>{' '}
											found this helpful
										</>
									) : (
										'No helpful marks yet'
									)}
									{lesson.replyCount > 0
										? ` · ${lesson.replyCount} ${lesson.replyCount === 1 ? 'reply' : 'replies'}`
										: null}
								</span>
							</div>
						</li>
					))}
				</ul>
			)}
			<Pagination page={library.page} pageCount={library.pageCount} label="Lesson pages" />
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
