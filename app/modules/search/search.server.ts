import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db, dbEngine, dbUrl } from '#app/utils/db.server.ts'
import { FORUM_POST, type SearchFilters } from './plan.ts'
import { postgresCandidates } from './postgres-search.server.ts'
import { CANDIDATE_LIMIT, type RankedPage } from './ranking.ts'
import { resultRowsSql, type ResultRow } from './result-rows.ts'
import { runInSearchPool, SearchRefusedError } from './search-pool.server.ts'
import { searchSubject, searchSubjects, type SearchLink } from './subjects.server.ts'
import { escapeHtml, markHits, searchTerms, snippetToHtml, toTsQuery, type Sentinels } from './terms.ts'

// Full-text search over the posts, and the other subjects (subjects.server.ts), a member may read. The words are matched by the engine's own
// index (FTS5 on SQLite, a tsvector on PostgreSQL: see the search_index and search_facets
// migrations). Each search ranks a bounded set of candidates (ranking.ts says why), filters
// narrow the match inside the index (facets.ts), and SQL checks access and every filter.
// SQLite searches run in a worker pool (search-pool.server.ts); PostgreSQL ones under a
// statement timeout (postgres-search.server.ts).

export { SearchRefusedError }
export const SEARCH_PAGE_SIZE = 20

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

export type SearchOptions = {
	q: string
	forumId?: string
	categoryId?: string
	kind?: string
	blocker?: string
	authorId?: string
	/** The author's @handle, with or without the @: used when authorId is not given. */
	authorHandle?: string
	tag?: string
	page?: number
}

/** A forum post found, with its thread, forum and author. */
export type PostResult = {
	type: 'post'
	threadId: string
	threadTitle: string
	postId: string
	postNumber: number
	kind: string
	blocker: string | null
	forum: { name: string; href: string }
	author: { id: string; name: string }
	createdAt: string
	/** Escaped text of the post around the hits; the only markup is <mark>…</mark>. */
	snippetHtml: string
}

/** Any other subject found: what its kind says of it (subjects.server.ts). */
export type SubjectResult = SearchLink & {
	type: 'subject'
	subjectKind: string
	subjectId: string
	/** Escaped text around the hits; the only markup is <mark>…</mark>. */
	snippetHtml: string
}

export type SearchResult = PostResult | SubjectResult

export type SearchResults = {
	/** Threads found; when `capped`, at least this many (only the most recent matches were ranked). */
	total: number
	capped: boolean
	page: number
	pageCount: number
	results: SearchResult[]
}

/** How a search may run: tests and benchmarks change the limits, the app keeps the defaults. */
export type SearchRun = { timeLimitMs?: number; candidateLimit?: number }

const SNIPPET_TOKENS = 28

/** The ranked page, the snippets of its posts by document id, and what the results show. */
type EnginePage = RankedPage & { snippets: Map<number, string>; posts: ResultRow[] }

/** The database file of a `file:` URL, as the main connection opens it (relative to the cwd). */
function sqliteFile(url: string): string {
	return path.resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

async function sqlitePage(
	terms: string[],
	filters: SearchFilters,
	page: number,
	run: SearchRun,
	sentinels: Sentinels,
): Promise<EnginePage> {
	const answer = await runInSearchPool(
		{
			file: sqliteFile(dbUrl()),
			terms,
			filters,
			page,
			pageSize: SEARCH_PAGE_SIZE,
			candidateLimit: run.candidateLimit ?? CANDIDATE_LIMIT,
			sentinels,
		},
		run.timeLimitMs,
	)
	return {
		...answer,
		snippets: new Map(answer.snippets.map(([docId, raw]) => [docId, snippetToHtml(raw, sentinels)])),
	}
}

async function postgresPage(
	terms: string[],
	filters: SearchFilters,
	page: number,
	run: SearchRun,
	sentinels: Sentinels,
): Promise<EnginePage> {
	const ranked = await postgresCandidates(terms, filters, {
		page,
		pageSize: SEARCH_PAGE_SIZE,
		candidateLimit: run.candidateLimit ?? CANDIDATE_LIMIT,
		timeLimitMs: run.timeLimitMs,
	})
	if (ranked.rows.length === 0) return { ...ranked, snippets: new Map(), posts: [] }
	const ids = ranked.rows.filter((row) => row.subjectKind === FORUM_POST).map((row) => row.subjectId)
	const [snippets, posts] = await Promise.all([
		postgresSnippets(terms, ranked.rows.map((row) => row.docId), sentinels),
		ids.length ? db.$queryRawUnsafe<ResultRow[]>(resultRowsSql(ids.map((_, i) => `$${i + 1}`).join(', ')), ...ids) : [],
	])
	return { ...ranked, snippets, posts }
}

async function postgresSnippets(terms: string[], docIds: number[], sentinels: Sentinels): Promise<Map<number, string>> {
	// ts_headline runs on the body escaped first: the parser reads &lt; and friends as whole
	// entity tokens and keeps them (raw tags it would silently drop), so a post that talks about
	// "<script>" is shown saying so, and the fragment holds no markup but the sentinels.
	const options = `StartSel=${sentinels.open}, StopSel=${sentinels.close}, MaxWords=${SNIPPET_TOKENS}, MinWords=12, ShortWord=2, MaxFragments=1`
	const rows = await db.$queryRaw<
		Array<{ docId: number | bigint; body: string; snippet: string | null }>
	>(Prisma.sql`
		SELECT d."id" AS "docId", d."body" AS "body",
			ts_headline('english',
				replace(replace(replace(replace(replace(d."body", '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
				to_tsquery('english', ${toTsQuery(terms)}), ${options}) AS "snippet"
		FROM "SearchDocument" d
		WHERE d."id" IN (${Prisma.join(docIds)})`)
	return new Map(
		rows.map((row) => [
			Number(row.docId),
			markHits(withEllipses(row.snippet ?? '', escapeHtml(row.body), sentinels), sentinels),
		]),
	)
}

/** ts_headline returns a fragment without saying so; mark the cut ends as FTS5's snippet does. */
function withEllipses(fragment: string, body: string, sentinels: Sentinels): string {
	if (!fragment.trim()) return fragment
	const words = (text: string) => text.trim().split(/\s+/)
	const shown = words(fragment.split(sentinels.open).join('').split(sentinels.close).join(''))
	const starts = words(body)[0] === shown[0]
	const ends = words(body).at(-1) === shown.at(-1)
	return `${starts ? '' : '…'}${fragment.trim()}${ends ? '' : '…'}`
}

const NO_RESULTS = (page: number): SearchResults => ({ total: 0, capped: false, page, pageCount: 1, results: [] })

async function resolveAuthorId(options: SearchOptions): Promise<string | null | undefined> {
	if (options.authorId) return options.authorId
	const handle = options.authorHandle?.trim().replace(/^@/, '').toLowerCase()
	if (!handle) return undefined
	const user = await db.user.findUnique({ where: { handle }, select: { id: true } })
	return user?.id ?? null
}

/** The scopes of every registered kind the viewer may find (forum posts' are the forum ids). */
async function readableScopes(viewer: Viewer): Promise<{ forumIds: string[]; subjects: Array<{ kind: string; scopes: string[] }> }> {
	const kinds = await Promise.all(searchSubjects().map(async (subject) => ({ kind: subject.kind, scopes: await subject.scopes(viewer) })))
	return {
		forumIds: kinds.find((k) => k.kind === FORUM_POST)?.scopes ?? [],
		subjects: kinds.filter((k) => k.kind !== FORUM_POST && k.scopes.length > 0),
	}
}

/** Whether a search asks for forum posts alone: every filter but the words is a post filter. */
function postsOnly(options: SearchOptions): boolean {
	return Boolean(options.forumId || options.categoryId || options.kind || options.blocker || options.authorId || options.authorHandle || options.tag)
}

/** Of a page's other subjects, those the viewer may read now, with their links: one batch per kind. */
async function subjectLinks(viewer: Viewer, rows: Array<{ subjectKind: string; subjectId: string }>): Promise<Map<string, SearchLink>> {
	const byKind = new Map<string, string[]>()
	for (const row of rows) {
		if (row.subjectKind !== FORUM_POST) byKind.set(row.subjectKind, [...(byKind.get(row.subjectKind) ?? []), row.subjectId])
	}
	const links = new Map<string, SearchLink>()
	await Promise.all(
		[...byKind].map(async ([kind, ids]) => {
			const found = (await searchSubject(kind)?.results?.(viewer, ids)) ?? new Map<string, SearchLink>()
			for (const [id, link] of found) links.set(`${kind}:${id}`, link)
		}),
	)
	return links
}

/**
 * Searches the posts and other subjects the viewer may read; an empty query finds nothing (and
 * asks no database). Throws SearchRefusedError, with a message for the member, when the search
 * took too long or the search workers are all busy.
 */
export async function searchPosts(
	viewer: Viewer,
	options: SearchOptions,
	run: SearchRun = {},
): Promise<SearchResults> {
	const page = Math.max(1, Math.floor(options.page ?? 1))
	const terms = searchTerms(options.q)
	if (terms.length === 0) return NO_RESULTS(page)
	const scopes = await readableScopes(viewer)
	const { forumIds } = scopes
	const subjects = postsOnly(options) ? [] : scopes.subjects
	if (forumIds.length === 0 && subjects.length === 0) return NO_RESULTS(page)
	if (options.forumId && !forumIds.includes(options.forumId)) return NO_RESULTS(page)
	const authorId = await resolveAuthorId(options)
	if (authorId === null) return NO_RESULTS(page)

	const filters: SearchFilters = {
		forumIds,
		subjects,
		forumId: options.forumId,
		categoryId: options.categoryId,
		kind: options.kind,
		blocker: options.blocker,
		authorId,
		tag: options.tag,
	}
	const sentinels = {
		open: `ppm${randomBytes(8).toString('hex')}o`,
		close: `ppm${randomBytes(8).toString('hex')}c`,
	}
	const engine = dbEngine() === 'postgresql' ? postgresPage : sqlitePage
	const { total, capped, rows, snippets, posts } = await engine(terms, filters, page, run, sentinels)
	const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE))
	if (rows.length === 0) return { total, capped, page, pageCount, results: [] }

	const byId = new Map(posts.map((post) => [post.postId, post]))
	const links = await subjectLinks(viewer, rows)
	const results = rows.flatMap((row): SearchResult[] => {
		const snippetHtml = snippets.get(row.docId) ?? ''
		if (row.subjectKind !== FORUM_POST) {
			const link = links.get(`${row.subjectKind}:${row.subjectId}`)
			// Gone, or out of the reader's reach since it was indexed: left out.
			if (!link) return []
			return [{ type: 'subject', subjectKind: row.subjectKind, subjectId: row.subjectId, ...link, snippetHtml }]
		}
		const post = byId.get(row.subjectId)
		if (!post) return [] // deleted between the two queries
		return [
			{
				type: 'post',
				threadId: post.threadId,
				threadTitle: post.threadTitle,
				postId: post.postId,
				postNumber: Number(post.number),
				kind: post.kind,
				blocker: post.blocker,
				forum:
					post.groupSlug !== null
						? { name: post.groupName ?? '', href: `/g/${post.groupSlug}/forum` }
						: { name: 'Community', href: '/community' },
				author: { id: post.authorId, name: post.authorName },
				createdAt: new Date(post.createdAt).toISOString(),
				snippetHtml,
			},
		]
	})
	return { total, capped, page, pageCount, results }
}
