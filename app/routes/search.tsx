import type { ReactNode } from 'react'
import { Form, Link, useLocation } from 'react-router'
import type { Route } from './+types/search.ts'
import { BlockerBadge, KindBadge } from '#app/components/forum/badges.tsx'
import { HighlightedText, markClasses } from '#app/components/highlighted-text.tsx'
import { EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import {
	BLOCKERS,
	BLOCKER_LABELS,
	THREAD_KINDS,
	THREAD_KIND_LABELS,
} from '#app/modules/forums/constants.ts'
import { parseSearchParams } from '#app/modules/search/schemas.ts'
import { searchableForums } from '#app/modules/forums/forum-list.server.ts'
import {
	SearchRefusedError,
	searchPosts,
	type SearchResults,
} from '#app/modules/search/search.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { pageParam } from '#app/utils/pagination.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: data?.query.q ? pageTitle(`Search: ${data.query.q}`) : pageTitle('Search') },
]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const url = new URL(request.url)
	const params = parseSearchParams(url.searchParams)
	const forums = await searchableForums(user)
	// A forum the member cannot read is not a filter they can choose: it is dropped.
	const forum = forums.some((f) => f.id === params.forum) ? params.forum : undefined
	const query = { ...params, forum }
	let search: SearchResults | null = null
	// A search cut off by its time limit, or refused while every search worker is busy: the
	// member is told what happened and what to try, on the same page.
	let refused: string | null = null
	if (query.q) {
		try {
			search = await searchPosts(user, {
				q: query.q,
				forumId: query.forum,
				kind: query.kind,
				blocker: query.blocker,
				tag: query.tag,
				authorHandle: query.author,
				page: pageParam(url),
			})
		} catch (error) {
			if (!(error instanceof SearchRefusedError)) throw error
			refused = error.message
		}
	}
	return { query, forums, search, refused }
}

/** "12 results", or "more than 640 results" when only the most recent matches were ranked. */
function foundLabel(search: SearchResults): string {
	const results = search.total === 1 ? '1 result' : `${search.total.toLocaleString('en')} results`
	return search.capped ? `More than ${results}` : results
}

const fieldClasses =
	'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-600'

function firstPageHref(search: string): string {
	const params = new URLSearchParams(search)
	params.delete('page')
	return `/search?${params}`
}

/** A filter that is a choice among options, "any" first. */
function FilterSelect({
	label,
	name,
	value,
	anyLabel,
	options,
}: {
	label: string
	name: string
	value: string | null | undefined
	anyLabel: string
	options: Array<{ value: string; label: string }>
}) {
	return (
		<Filter label={label} htmlFor={`search-${name}`}>
			<select id={`search-${name}`} name={name} defaultValue={value ?? ''} className={fieldClasses}>
				<option value="">{anyLabel}</option>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</Filter>
	)
}

function Filter({
	label,
	htmlFor,
	children,
}: {
	label: string
	htmlFor: string
	children: ReactNode
}) {
	return (
		<div className="space-y-1">
			<label htmlFor={htmlFor} className="block text-xs font-medium text-slate-600">
				{label}
			</label>
			{children}
		</div>
	)
}

export default function SearchPage({ loaderData }: Route.ComponentProps) {
	const { query, forums, search, refused } = loaderData
	const location = useLocation()
	const filtered = Boolean(query.forum || query.kind || query.blocker || query.tag || query.author)
	return (
		<main className="mx-auto max-w-4xl">
			<PageHeader
				title="Search"
				description="Your groups’ forums, the Community forum, and the goals of the plans you can see."
			/>
			{/* Keyed by the URL so back and forward show the fields of that search. */}
			<Form
				key={location.search}
				method="get"
				action="/search"
				role="search"
				aria-label="Search PeerPower"
				className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
			>
				<label htmlFor="search-q" className="block text-sm font-medium text-slate-800">
					Search for
				</label>
				<div className="mt-1 flex gap-2">
					<input
						id="search-q"
						type="search"
						name="q"
						defaultValue={query.q}
						placeholder="e.g. MDF claim deadline"
						maxLength={200}
						className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600"
					/>
					<Button type="submit">Search</Button>
				</div>
				<fieldset className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
					<legend className="sr-only">Filters</legend>
					<FilterSelect
						label="Forum"
						name="forum"
						value={query.forum}
						anyLabel="All forums"
						options={forums.map((forum) => ({ value: forum.id, label: forum.name }))}
					/>
					<FilterSelect
						label="Kind"
						name="kind"
						value={query.kind}
						anyLabel="Any kind"
						options={THREAD_KINDS.map((kind) => ({ value: kind, label: THREAD_KIND_LABELS[kind] }))}
					/>
					<FilterSelect
						label="Growth blocker"
						name="blocker"
						value={query.blocker}
						anyLabel="Any blocker"
						options={BLOCKERS.map((blocker) => ({ value: blocker, label: BLOCKER_LABELS[blocker] }))}
					/>
					<Filter label="Tag" htmlFor="search-tag">
						<input
							type="text"
							id="search-tag"
							name="tag"
							defaultValue={query.tag ?? ''}
							placeholder="e.g. mdf"
							className={fieldClasses}
						/>
					</Filter>
					<Filter label="Author" htmlFor="search-author">
						<input
							type="text"
							id="search-author"
							name="author"
							defaultValue={query.author ? `@${query.author}` : ''}
							placeholder="@handle"
							className={fieldClasses}
						/>
					</Filter>
				</fieldset>
			</Form>

			<section aria-label="Results" className="mt-6">
				{forums.length === 0 ? (
					<EmptyState title="Nothing to search yet">
						<p>
							Search covers the forums of your peer groups and the Community forum. Once you join a
							group, its posts are found here.
						</p>
					</EmptyState>
				) : refused ? (
					<EmptyState title="No answer this time">
						<p role="alert">{refused}</p>
					</EmptyState>
				) : !search ? (
					<EmptyState title="What are you looking for?">
						<p>
							Type a word or two: a vendor program, a problem you are facing, a question you
							remember reading.
						</p>
					</EmptyState>
				) : search.total === 0 ? (
					<EmptyState title={`No results for “${query.q}”`}>
						<p>
							Try fewer words, or another way of saying it
							{filtered ? (
								<>
									, or{' '}
									<Link to={`/search?${new URLSearchParams({ q: query.q })}`}>
										search without the filters
									</Link>
								</>
							) : null}
							.
						</p>
					</EmptyState>
				) : (
					<>
						<p className="mb-3 text-sm text-slate-600" role="status">
							{foundLabel(search)} found for <strong className="text-slate-900">“{query.q}”</strong>
							{search.pageCount > 1 ? ` · page ${search.page} of ${search.pageCount}` : null}
						</p>
						{search.capped ? (
							<p className="-mt-2 mb-3 text-xs text-slate-500">
								The best matches among the most recent posts are shown first. Add a word or a filter to
								narrow the search.
							</p>
						) : null}
						{search.results.length === 0 ? (
							<EmptyState title="No more results">
								<p>
									<Link to={firstPageHref(location.search)}>Back to the first page</Link>
								</p>
							</EmptyState>
						) : (
							<ol
								className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
								data-testid="search-results"
							>
								{search.results.map((result) =>
									result.type === 'subject' ? (
										<li key={`${result.subjectKind}:${result.subjectId}`} className="px-5 py-4">
											<p className="text-xs font-medium text-slate-500">{result.label}</p>
											<h2 className="mt-1 font-semibold">
												<Link to={result.href} className={`text-slate-900 ${titleLinkClasses}`}>
													<HighlightedText text={result.title} query={query.q} />
												</Link>
											</h2>
											<Snippet html={result.snippetHtml} />
										</li>
									) : (
										<li key={result.postId} className="px-5 py-4">
											<div className="flex flex-wrap items-center gap-2">
												<KindBadge kind={result.kind} />
												<BlockerBadge blocker={result.blocker} />
											</div>
											<h2 className="mt-1 font-semibold">
												<Link
													to={`/t/${result.threadId}?post=${result.postNumber}`}
													className={`text-slate-900 ${titleLinkClasses}`}
												>
													<HighlightedText text={result.threadTitle} query={query.q} />
												</Link>
											</h2>
											<Snippet html={result.snippetHtml} />
											<p className="mt-2 text-xs text-slate-500">
												{result.postNumber > 1 ? 'Reply' : 'Opening post'} by {result.author.name} in{' '}
												<Link to={result.forum.href} className="text-slate-600">
													{result.forum.name}
												</Link>{' '}
												· <RelativeTime date={result.createdAt} />
											</p>
										</li>
									),
								)}
							</ol>
						)}
						<Pagination page={search.page} pageCount={search.pageCount} label="Result pages" />
					</>
				)}
			</section>
		</main>
	)
}

/** The text around the hits, escaped on the server; <mark> is the only markup (search/terms.ts). */
function Snippet({ html }: { html: string }) {
	if (!html) return null
	return (
		<p
			className={cn('mt-1 text-sm leading-relaxed text-slate-700', markClasses)}
			dangerouslySetInnerHTML={{ __html: html }}
		/>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
