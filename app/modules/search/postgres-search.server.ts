// The PostgreSQL side of search. Queries are asynchronous there, so they run from the main thread;
// a statement timeout stands in for the SQLite worker's time limit.
import { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { db } from '#app/utils/db.server.ts'
import { facetFilter, type SearchFilters } from './plan.ts'
import { rankCandidates, type Candidate, type RankedPage } from './ranking.ts'
import { SearchRefusedError, TOO_SLOW } from './search-pool.server.ts'
import { toTsQueries } from './terms.ts'

type Row = { docId: number | bigint; postId: string; threadId: string; number: number; score: number }

function conditionsSql(filters: SearchFilters): Prisma.Sql {
	const conditions = [
		// Thread.forumId is the source of truth; SearchDocument.forumId is a copy.
		Prisma.sql`t."forumId" IN (${Prisma.join(filters.forumIds)})`,
		Prisma.sql`t."hiddenAt" IS NULL`,
		// Deleted and hidden posts leave the index when it happens; this is the second lock.
		Prisma.sql`p."deletedAt" IS NULL`,
		Prisma.sql`p."hiddenAt" IS NULL`,
	]
	if (filters.forumId) conditions.push(Prisma.sql`t."forumId" = ${filters.forumId}`)
	if (filters.categoryId) conditions.push(Prisma.sql`t."categoryId" = ${filters.categoryId}`)
	if (filters.kind) conditions.push(Prisma.sql`t."kind" = ${filters.kind}`)
	if (filters.blocker) conditions.push(Prisma.sql`t."blocker" = ${filters.blocker}`)
	if (filters.authorId) conditions.push(Prisma.sql`p."authorId" = ${filters.authorId}`)
	if (filters.tag) {
		conditions.push(Prisma.sql`EXISTS (
			SELECT 1 FROM "ThreadTag" tt JOIN "Tag" g ON g."id" = tt."tagId"
			WHERE tt."threadId" = t."id" AND g."name" = ${filters.tag.toLowerCase()})`)
	}
	return Prisma.join(conditions, ' AND ')
}

/**
 * The most recent matching posts that pass every condition. The tsquery is written inline (not
 * in a subquery) so the planner can estimate how many rows it matches, and choose per search:
 * for a common word, walking the primary key newest first and testing each row's tsvector stops
 * after a few thousand rows; for a rare word, or a common one with a selective filter token, the
 * GIN index finds the few matches and they are sorted. Measured with EXPLAIN ANALYZE at
 * 1,000,000 posts (bench/search.ts).
 */
function candidateSql(terms: string[], filters: SearchFilters, limit: number): Prisma.Sql {
	const queries = toTsQueries(terms, facetFilter(filters))
	const words = Prisma.sql`to_tsquery('english', ${queries.words})`
	const match = queries.facets
		? Prisma.sql`(${words} && to_tsquery('simple', ${queries.facets}))`
		: words
	return Prisma.sql`
		SELECT d."id" AS "docId", d."postId" AS "postId", d."threadId" AS "threadId", p."number" AS "number",
			ts_rank(si."tsv", ${words}) AS "score"
		FROM "search_index" si
		JOIN "SearchDocument" d ON d."id" = si."id"
		JOIN "Post" p ON p."id" = d."postId"
		JOIN "Thread" t ON t."id" = d."threadId"
		WHERE si."tsv" @@ ${match} AND ${conditionsSql(filters)}
		ORDER BY si."id" DESC
		LIMIT ${limit}`
}

export const POSTGRES_STATEMENT_TIMEOUT_MS = 1_500

export async function postgresCandidates(
	terms: string[],
	filters: SearchFilters,
	options: { page: number; pageSize: number; candidateLimit: number; timeLimitMs?: number },
): Promise<RankedPage> {
	const timeout = Math.max(1, Math.floor(options.timeLimitMs ?? POSTGRES_STATEMENT_TIMEOUT_MS))
	let rows: Row[]
	try {
		// SET LOCAL holds for this transaction only: the connection goes back to the pool unchanged.
		const [, found] = await db.$transaction([
			db.$executeRawUnsafe(`SET LOCAL statement_timeout = ${timeout}`),
			db.$queryRaw<Row[]>(candidateSql(terms, filters, options.candidateLimit + 1)),
		])
		rows = found
	} catch (error) {
		if (/statement timeout|57014/i.test(String((error as { message?: string } | null)?.message ?? error))) {
			throw new SearchRefusedError(TOO_SLOW)
		}
		throw error
	}
	const capped = rows.length > options.candidateLimit
	const candidates: Candidate[] = rows.slice(0, options.candidateLimit).map((row) => ({
		docId: Number(row.docId),
		postId: row.postId,
		threadId: row.threadId,
		number: Number(row.number),
		score: Number(row.score),
	}))
	return rankCandidates(candidates, { page: options.page, pageSize: options.pageSize, capped })
}
