// The PostgreSQL side of search. Queries are asynchronous there, so they run from the main thread,
// in one transaction whose statement timeout stands in for the SQLite worker's time limit.
import { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { facetFilter, FORUM_POST, LISTED_POST_SQL_TEXT, type SearchFilters } from './plan.ts'
import { rankCandidates, type Candidate, type RankedPage } from './ranking.ts'
import { SearchRefusedError, TOO_SLOW } from './search-pool.server.ts'
import { toTsQueries } from './terms.ts'

export const POSTGRES_STATEMENT_TIMEOUT_MS = 1_500

/**
 * Up to this many estimated matches, the GIN index finds them all and they are checked newest
 * first; above it, the primary key is walked newest first and each row's tsvector tested (the
 * matches are dense enough that the walk stops soon). The planner makes this choice badly on
 * its own: it costs a tsvector test as nearly free, so for "warranty" (1 % of posts) it walked
 * 173,000 rows of the primary key (2 s) instead of reading 10,000 matches from the index.
 */
const INDEX_DRIVEN_MAX = 30_000

type Row = { docId: number | bigint; subjectKind: string; subjectId: string; groupKey: string; number: number; score: number }

function conditionsSql(filters: SearchFilters): Prisma.Sql {
	const branches: Prisma.Sql[] = []
	if (filters.forumIds.length > 0) {
		const conditions = [
			Prisma.sql`d."subjectKind" = ${FORUM_POST}`,
			// Thread.forumId is the source of truth; SearchDocument.scope is a copy.
			Prisma.sql`t."forumId" IN (${Prisma.join(filters.forumIds)})`,
			// Deleted and hidden posts leave the index when it happens; this is the second lock.
			Prisma.raw(`(${LISTED_POST_SQL_TEXT})`),
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
		branches.push(Prisma.sql`(${Prisma.join(conditions, ' AND ')})`)
	}
	// Other subjects: their kind's scopes (subjects.server.ts); their results are checked again.
	for (const subject of filters.subjects ?? []) {
		branches.push(Prisma.sql`(d."subjectKind" = ${subject.kind} AND d."scope" IN (${Prisma.join(subject.scopes)}))`)
	}
	return Prisma.sql`(${Prisma.join(branches, ' OR ')})`
}

type Queries = { words: Prisma.Sql; match: Prisma.Sql }

function queriesFor(terms: string[], filters: SearchFilters, prefix: boolean): Queries {
	const queries = toTsQueries(terms, facetFilter(filters, { selectiveOnly: false }), { prefix })
	const words = Prisma.sql`to_tsquery('english', ${queries.words})`
	// A query of stop words alone ("the") is an empty tsquery, and && hands back the other side
	// unchanged: the tokens alone would then match every post of the filter. Nothing matches.
	const match = queries.facets
		? Prisma.sql`(CASE WHEN numnode(${words}) = 0 THEN ${words} ELSE ${words} && to_tsquery('simple', ${queries.facets}) END)`
		: words
	return { words, match }
}

/** The candidates among `from` (search_index aliased si), newest first. */
function candidatesSql(
	from: Prisma.Sql,
	queries: Queries,
	filters: SearchFilters,
	limit: number,
	among: Prisma.Sql = Prisma.sql`TRUE`,
): Prisma.Sql {
	return Prisma.sql`
		SELECT d."id" AS "docId", d."subjectKind" AS "subjectKind", d."subjectId" AS "subjectId",
			COALESCE(d."threadId", d."subjectKind" || ':' || d."subjectId") AS "groupKey",
			COALESCE(p."number", 0) AS "number", ts_rank(si."tsv", ${queries.words}) AS "score"
		FROM ${from}
		JOIN "SearchDocument" d ON d."id" = si."id"
		LEFT JOIN "Post" p ON p."id" = d."postId"
		LEFT JOIN "Thread" t ON t."id" = d."threadId"
		WHERE ${among} AND si."tsv" @@ ${queries.match} AND ${conditionsSql(filters)}
		ORDER BY si."id" DESC
		LIMIT ${limit}`
}

/** The planner's estimate of the matches, from the tsvector statistics: no rows are read. */
async function estimatedMatches(tx: DbTransaction, queries: Queries): Promise<number> {
	const rows = await tx.$queryRaw<Array<{ 'QUERY PLAN': unknown }>>(Prisma.sql`
		EXPLAIN (FORMAT JSON) SELECT 1 FROM "search_index" si WHERE si."tsv" @@ ${queries.match}`)
	const plan = rows[0]?.['QUERY PLAN']
	const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan?: { 'Plan Rows'?: number } }>
	return parsed[0]?.Plan?.['Plan Rows'] ?? Number.POSITIVE_INFINITY
}

async function findCandidates(tx: DbTransaction, terms: string[], filters: SearchFilters, limit: number): Promise<Row[]> {
	// The last word is a prefix unless it is a common word (terms.ts says why). An index lookup
	// cannot tell here, as FTS5's does on SQLite: for a word the statistics do not know, the
	// planner walks the whole table looking for a first match (1.4 s). The statistics can tell
	// cheaply whether the word itself is common, and only then does a prefix cost much.
	const exact = queriesFor(terms, filters, false)
	const common = (await estimatedMatches(tx, queriesFor(terms.slice(-1), { forumIds: [] }, false))) > INDEX_DRIVEN_MAX
	const queries = common ? exact : queriesFor(terms, filters, true)
	if ((await estimatedMatches(tx, queries)) > INDEX_DRIVEN_MAX) {
		// Dense matches: walk the primary key newest first, testing each row (the plan the
		// planner picks for this query: ORDER BY the key with a LIMIT).
		return tx.$queryRaw<Row[]>(candidatesSql(Prisma.sql`"search_index" si`, queries, filters, limit))
	}
	// Sparse matches: every match's id from the GIN index, newest first, then the checks run on
	// the newest ids a slice at a time until enough pass. In one statement the planner joined all
	// 10,000 matches of "warranty" to their posts and threads before sorting (2 s on a busy
	// machine); a slice holds the joins to about twice the candidates wanted.
	const found = await tx.$queryRaw<Array<{ ids: number[] | null }>>(Prisma.sql`
		SELECT array_agg("id" ORDER BY "id" DESC) AS "ids" FROM "search_index" WHERE "tsv" @@ ${queries.match}`)
	const ids = found[0]?.ids ?? []
	const slice = Math.max(2_000, limit * 2)
	const rows: Row[] = []
	for (let start = 0; start < ids.length && rows.length < limit; start += slice) {
		const chunk = ids.slice(start, start + slice)
		const from = Prisma.sql`"search_index" si`
		const passed = await tx.$queryRaw<Row[]>(
			Prisma.sql`${candidatesSql(from, queries, filters, limit - rows.length, Prisma.sql`si."id" = ANY(${chunk}::int[])`)}`,
		)
		rows.push(...passed)
	}
	return rows
}

export async function postgresCandidates(
	terms: string[],
	filters: SearchFilters,
	options: { page: number; pageSize: number; candidateLimit: number; timeLimitMs?: number },
): Promise<RankedPage> {
	const timeout = Math.max(1, Math.floor(options.timeLimitMs ?? POSTGRES_STATEMENT_TIMEOUT_MS))
	let rows: Row[]
	try {
		rows = await db.$transaction(async (tx) => {
			// set_config(…, true) is SET LOCAL: it holds for this transaction only. No parallel
			// workers and no JIT: starting either costs more than the whole search (a parallel
			// worker took ~100 ms to start on a busy machine, for a 10 ms scan).
			await tx.$queryRaw`SELECT set_config('statement_timeout', ${String(timeout)}, true),
				set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`
			return findCandidates(tx, terms, filters, options.candidateLimit + 1)
		})
	} catch (error) {
		if (/statement timeout|57014/i.test(String((error as { message?: string } | null)?.message ?? error))) {
			throw new SearchRefusedError(TOO_SLOW)
		}
		throw error
	}
	const capped = rows.length > options.candidateLimit
	const candidates: Candidate[] = rows.slice(0, options.candidateLimit).map((row) => ({
		docId: Number(row.docId),
		subjectKind: row.subjectKind,
		subjectId: row.subjectId,
		groupKey: row.groupKey,
		number: Number(row.number),
		score: Number(row.score),
	}))
	return rankCandidates(candidates, { page: options.page, pageSize: options.pageSize, capped })
}
