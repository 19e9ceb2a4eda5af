import { randomBytes } from 'node:crypto'
import { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { readableForumIds } from '#app/modules/forums/access.server.ts'
import { db, dbEngine } from '#app/utils/db.server.ts'
import {
	escapeHtml,
	markHits,
	searchTerms,
	snippetToHtml,
	toFtsExpression,
	toTsQuery,
	type Sentinels,
} from './terms.ts'

// Full-text search over the posts a member may read. The words are matched by the engine's own
// index (FTS5 on SQLite, a tsvector on PostgreSQL: see the search_index migrations); everything
// else (permissions, filters, one result per thread, paging) is the same SQL on both engines.
// This is the one module that writes engine-specific SQL.

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

export type SearchResult = {
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

export type SearchResults = {
	total: number
	page: number
	pageCount: number
	results: SearchResult[]
}

type RankedRow = { docId: number | bigint; postId: string; total: number | bigint | string }

type Engine = {
	/** A CTE named "hits": one row per matching document with a score, higher is better. */
	hits(terms: string[], where: Prisma.Sql): Prisma.Sql
	/** Safe HTML snippets of the documents' bodies, by document id: escaped text, hits in <mark>. */
	snippets(terms: string[], docIds: number[], sentinels: Sentinels): Promise<Map<number, string>>
}

const SNIPPET_TOKENS = 28

const sqlite: Engine = {
	// The full-text match runs first, once, as its own materialised step. Left to itself the
	// planner may start from the readable threads and run one full-text lookup per post, which
	// took seconds over 100,000 posts and froze the server meanwhile.
	hits: (terms, where) => Prisma.sql`
		WITH "matched" AS MATERIALIZED (
			SELECT "search_fts".rowid AS "docId", -bm25("search_fts", 3.0, 1.0) AS "score"
			FROM "search_fts"
			WHERE "search_fts" MATCH ${toFtsExpression(terms)}
		),
		"hits" AS (
			SELECT d."id" AS "docId", d."postId" AS "postId", d."threadId" AS "threadId", p."number" AS "number",
				m."score" AS "score"
			FROM "matched" m
			JOIN "SearchDocument" d ON d."id" = m."docId"
			JOIN "Post" p ON p."id" = d."postId"
			JOIN "Thread" t ON t."id" = d."threadId"
			WHERE ${where}
		)`,
	async snippets(terms, docIds, sentinels) {
		// Column 1 is the body: the title is shown on its own above the snippet.
		const rows = await db.$queryRaw<
			Array<{ docId: number | bigint; snippet: string | null }>
		>(Prisma.sql`
			SELECT "search_fts".rowid AS "docId",
				snippet("search_fts", 1, ${sentinels.open}, ${sentinels.close}, '…', ${SNIPPET_TOKENS}) AS "snippet"
			FROM "search_fts"
			WHERE "search_fts" MATCH ${toFtsExpression(terms)} AND "search_fts".rowid IN (${Prisma.join(docIds)})`)
		return new Map(
			rows.map((row) => [Number(row.docId), snippetToHtml(row.snippet ?? '', sentinels)]),
		)
	},
}

const postgresql: Engine = {
	// ts_rank's default weights put the title (A, 1.0) above the body (B, 0.4).
	hits: (terms, where) => Prisma.sql`
		WITH "hits" AS (
			SELECT d."id" AS "docId", d."postId" AS "postId", d."threadId" AS "threadId", p."number" AS "number",
				ts_rank(si."tsv", q."query") AS "score"
			FROM "search_index" si
			CROSS JOIN (SELECT to_tsquery('english', ${toTsQuery(terms)}) AS "query") q
			JOIN "SearchDocument" d ON d."id" = si."id"
			JOIN "Post" p ON p."id" = d."postId"
			JOIN "Thread" t ON t."id" = d."threadId"
			WHERE si."tsv" @@ q."query" AND ${where}
		)`,
	async snippets(terms, docIds, sentinels) {
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
	},
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

function engine(): Engine {
	return dbEngine() === 'postgresql' ? postgresql : sqlite
}

/** The conditions every hit must meet: readable forum, visible thread and post, and the filters (AND). */
function whereSql(forumIds: string[], options: SearchOptions): Prisma.Sql {
	const conditions = [
		// Thread.forumId is the source of truth; SearchDocument.forumId is a copy.
		Prisma.sql`t."forumId" IN (${Prisma.join(forumIds)})`,
		Prisma.sql`t."hiddenAt" IS NULL`,
		// Deleted and hidden posts leave the index when it happens; this is the second lock.
		Prisma.sql`p."deletedAt" IS NULL`,
		Prisma.sql`p."hiddenAt" IS NULL`,
	]
	if (options.forumId) conditions.push(Prisma.sql`t."forumId" = ${options.forumId}`)
	if (options.categoryId) conditions.push(Prisma.sql`t."categoryId" = ${options.categoryId}`)
	if (options.kind) conditions.push(Prisma.sql`t."kind" = ${options.kind}`)
	if (options.blocker) conditions.push(Prisma.sql`t."blocker" = ${options.blocker}`)
	if (options.authorId) conditions.push(Prisma.sql`p."authorId" = ${options.authorId}`)
	if (options.tag) {
		conditions.push(Prisma.sql`EXISTS (
			SELECT 1 FROM "ThreadTag" tt JOIN "Tag" g ON g."id" = tt."tagId"
			WHERE tt."threadId" = t."id" AND g."name" = ${options.tag.toLowerCase()})`)
	}
	return Prisma.join(conditions, ' AND ')
}

/**
 * One result per thread, its best-matching post (a title word matches every post of a thread,
 * and a page of twenty replies to the same thread helps nobody). Ties go to the earlier post,
 * so a thread found by its title opens at its first post.
 */
async function rankedPage(hits: Prisma.Sql, limit: number, offset: number): Promise<RankedRow[]> {
	return db.$queryRaw<RankedRow[]>(Prisma.sql`
		${hits},
		"best" AS (
			SELECT "docId", "postId", "score",
				ROW_NUMBER() OVER (PARTITION BY "threadId" ORDER BY "score" DESC, "number" ASC) AS "n"
			FROM "hits"
		)
		SELECT "docId", "postId", COUNT(*) OVER () AS "total"
		FROM "best"
		WHERE "n" = 1
		ORDER BY "score" DESC, "docId" DESC
		LIMIT ${limit} OFFSET ${offset}`)
}

const NO_RESULTS = (page: number): SearchResults => ({ total: 0, page, pageCount: 1, results: [] })

async function resolveAuthorId(options: SearchOptions): Promise<string | null | undefined> {
	if (options.authorId) return options.authorId
	const handle = options.authorHandle?.trim().replace(/^@/, '').toLowerCase()
	if (!handle) return undefined
	const user = await db.user.findUnique({ where: { handle }, select: { id: true } })
	return user?.id ?? null
}

/** Searches the posts the viewer may read; an empty query finds nothing (and asks no database). */
export async function searchPosts(viewer: Viewer, options: SearchOptions): Promise<SearchResults> {
	const page = Math.max(1, Math.floor(options.page ?? 1))
	const terms = searchTerms(options.q)
	if (terms.length === 0) return NO_RESULTS(page)
	const forumIds = await readableForumIds(viewer.id)
	if (forumIds.length === 0) return NO_RESULTS(page)
	if (options.forumId && !forumIds.includes(options.forumId)) return NO_RESULTS(page)
	const authorId = await resolveAuthorId(options)
	if (authorId === null) return NO_RESULTS(page)

	const search = engine()
	const hits = search.hits(terms, whereSql(forumIds, { ...options, authorId }))
	const offset = (page - 1) * SEARCH_PAGE_SIZE
	const rows = await rankedPage(hits, SEARCH_PAGE_SIZE, offset)
	// Past the last page the window count has no row to ride on: ask for the first row instead.
	const total = Number(
		rows[0]?.total ?? (offset > 0 ? ((await rankedPage(hits, 1, 0))[0]?.total ?? 0) : 0),
	)
	const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE))
	if (rows.length === 0) return { total, page, pageCount, results: [] }

	const sentinels = {
		open: `ppm${randomBytes(8).toString('hex')}o`,
		close: `ppm${randomBytes(8).toString('hex')}c`,
	}
	const docIds = rows.map((row) => Number(row.docId))
	const [posts, snippets] = await Promise.all([
		db.post.findMany({
			where: { id: { in: rows.map((row) => row.postId) } },
			select: {
				id: true,
				number: true,
				createdAt: true,
				author: { select: { id: true, name: true } },
				thread: {
					select: {
						id: true,
						title: true,
						kind: true,
						blocker: true,
						forum: { select: { group: { select: { slug: true, name: true } } } },
					},
				},
			},
		}),
		search.snippets(terms, docIds, sentinels),
	])
	const byId = new Map(posts.map((post) => [post.id, post]))
	const results = rows.flatMap((row): SearchResult[] => {
		const post = byId.get(row.postId)
		if (!post) return [] // deleted between the two queries
		const group = post.thread.forum.group
		return [
			{
				threadId: post.thread.id,
				threadTitle: post.thread.title,
				postId: post.id,
				postNumber: post.number,
				kind: post.thread.kind,
				blocker: post.thread.blocker,
				forum: group
					? { name: group.name, href: `/g/${group.slug}/forum` }
					: { name: 'Community', href: '/community' },
				author: post.author,
				createdAt: post.createdAt.toISOString(),
				snippetHtml: snippets.get(Number(row.docId)) ?? '',
			},
		]
	})
	return { total, page, pageCount, results }
}

/** The forums the viewer may search, for the forum filter: their groups' forums, then Community. */
export async function searchableForums(
	viewer: Viewer,
): Promise<Array<{ id: string; name: string }>> {
	const ids = await readableForumIds(viewer.id)
	if (ids.length === 0) return []
	const forums = await db.forum.findMany({
		where: { id: { in: ids } },
		select: { id: true, isCommunity: true, group: { select: { name: true } } },
	})
	return forums
		.map((forum) => ({
			id: forum.id,
			name: forum.group?.name ?? 'Community',
			isCommunity: forum.isCommunity,
		}))
		.sort((a, b) => Number(a.isCommunity) - Number(b.isCommunity) || a.name.localeCompare(b.name))
		.map(({ id, name }) => ({ id, name }))
}
