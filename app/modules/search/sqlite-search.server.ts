// The SQLite side of search, run in a worker thread (search.worker.mjs) on its own read-only
// connection: plain better-sqlite3, no Prisma, so that it never touches the main thread.
import Database from 'better-sqlite3'
import { rankCandidates, type Candidate, type RankedPage } from './ranking.ts'
import { resultRowsSql, type ResultRow } from './result-rows.ts'
import { facetFilter, FORUM_POST, LISTED_POST_SQL_TEXT, type SearchFilters } from './plan.ts'
import { toFtsMatch, type Sentinels } from './terms.ts'

export type SqliteSearchTask = {
	/** Path of the database file (the main connection's, in WAL mode). */
	file: string
	terms: string[]
	filters: SearchFilters
	page: number
	pageSize: number
	candidateLimit: number
	/** The worker stops walking candidates past this many milliseconds of its own time. */
	timeLimitMs: number
	sentinels: Sentinels
}

export type SqliteSearchAnswer =
	| (RankedPage & { snippets: Array<[number, string]>; posts: ResultRow[] })
	| { tooSlow: true }

const SNIPPET_TOKENS = 28

const connections = new Map<string, Database.Database>()

function connection(file: string): Database.Database {
	let db = connections.get(file)
	if (!db) {
		// Read-only beside the server's own connection: WAL lets both read while the server writes.
		db = new Database(file, { readonly: true, fileMustExist: true })
		// The server's connection waits 5 s for a writer; a search would rather be cut off.
		db.pragma('busy_timeout = 1000')
		// A search walks the index and joins each match to its post and thread: random reads all
		// over the file. Mapped, they are page-cache hits without a copy (the walk for a common
		// word with a filter took 95–170 ms instead of 250–580 ms at 1,000,000 posts), and a
		// larger page cache keeps the hot index pages between searches.
		db.pragma('mmap_size = 1073741824')
		db.pragma('cache_size = -65536')
		connections.set(file, db)
	}
	return db
}

// A worker serves one database in production and a few in tests: statements are kept per
// connection and per SQL text (the IN list's length is part of the text).
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()
function prepare(db: Database.Database, sql: string): Database.Statement {
	let cache = statements.get(db)
	if (!cache) statements.set(db, (cache = new Map()))
	let statement = cache.get(sql)
	if (!statement) {
		if (cache.size > 200) cache.clear()
		statement = db.prepare(sql)
		cache.set(sql, statement)
	}
	return statement
}

/**
 * The most recent matching posts that pass every condition, newest first. The full-text index
 * drives: CROSS JOIN fixes the join order (SQLite keeps it as written), because a planner left
 * to itself may start from the readable threads and run one full-text lookup per post (seconds
 * over 100,000 posts). FTS5 hands out matches in rowid order without sorting, so the walk stops
 * after `limit` rows pass; the filter tokens in the MATCH (facets.ts) keep a selective filter
 * from walking every match of a common word, and SQL checks everything again (access included).
 */
function candidateQuery(filters: SearchFilters): { sql: string; params: unknown[] } {
	const params: unknown[] = []
	const branches: string[] = []
	if (filters.forumIds.length > 0) {
		const conditions = [
			'd."subjectKind" = ?',
			`t."forumId" IN (${filters.forumIds.map(() => '?').join(', ')})`,
			// Deleted and hidden posts leave the index when it happens; this is the second lock.
			`(${LISTED_POST_SQL_TEXT})`,
		]
		params.push(FORUM_POST, ...filters.forumIds)
		const add = (condition: string, value: unknown) => {
			conditions.push(condition)
			params.push(value)
		}
		if (filters.forumId) add('t."forumId" = ?', filters.forumId)
		if (filters.categoryId) add('t."categoryId" = ?', filters.categoryId)
		if (filters.kind) add('t."kind" = ?', filters.kind)
		if (filters.blocker) add('t."blocker" = ?', filters.blocker)
		if (filters.authorId) add('p."authorId" = ?', filters.authorId)
		if (filters.tag) {
			add(
				`EXISTS (SELECT 1 FROM "ThreadTag" tt JOIN "Tag" g ON g."id" = tt."tagId" WHERE tt."threadId" = t."id" AND g."name" = ?)`,
				filters.tag.toLowerCase(),
			)
		}
		branches.push(`(${conditions.join(' AND ')})`)
	}
	// Other subjects: their kind's scopes (subjects.server.ts); their results are checked again.
	for (const subject of filters.subjects ?? []) {
		branches.push(`(d."subjectKind" = ? AND d."scope" IN (${subject.scopes.map(() => '?').join(', ')}))`)
		params.push(subject.kind, ...subject.scopes)
	}
	// Column weights: title 3, body 1, filter tokens 0 (they are in every match alike). Posts and
	// threads are LEFT JOINed (only posts have them), which keeps the written order as well.
	const sql = `
		SELECT d."id" AS "docId", d."subjectKind" AS "subjectKind", d."subjectId" AS "subjectId",
			COALESCE(d."threadId", d."subjectKind" || ':' || d."subjectId") AS "groupKey",
			COALESCE(p."number", 0) AS "number",
			-bm25("search_fts", 3.0, 1.0, 0.0) AS "score"
		FROM "search_fts"
		CROSS JOIN "SearchDocument" d ON d."id" = "search_fts".rowid
		LEFT JOIN "Post" p ON p."id" = d."postId"
		LEFT JOIN "Thread" t ON t."id" = d."threadId"
		WHERE "search_fts" MATCH ? AND (${branches.join(' OR ')})
		ORDER BY "search_fts".rowid DESC
		LIMIT ?`
	return { sql, params }
}

/** Whether the last word, stemmed as the index stems it, is in the index: one term lookup. */
function lastWordIsIndexed(db: Database.Database, terms: string[]): boolean {
	const last = terms.at(-1)
	if (!last) return false
	const probe = prepare(db, `SELECT 1 FROM "search_fts" WHERE "search_fts" MATCH ? LIMIT 1`)
	return probe.get(toFtsMatch([last], [], { prefix: false })) !== undefined
}

// How often the walk looks at the clock: often enough to stop within a millisecond or two.
const CLOCK_EVERY = 64

export function runSqliteSearch(task: SqliteSearchTask): SqliteSearchAnswer {
	const startedAt = performance.now()
	const db = connection(task.file)
	const { sql, params } = candidateQuery(task.filters)
	const prefix = !lastWordIsIndexed(db, task.terms)
	const match = toFtsMatch(task.terms, facetFilter(task.filters, { selectiveOnly: true }), { prefix })
	const candidates: Candidate[] = []
	const rows = prepare(db, sql).iterate(match, ...params, task.candidateLimit + 1) as IterableIterator<Candidate>
	for (const row of rows) {
		candidates.push(row)
		if (candidates.length % CLOCK_EVERY === 0 && performance.now() - startedAt > task.timeLimitMs) {
			rows.return?.()
			return { tooSlow: true }
		}
	}
	if (performance.now() - startedAt > task.timeLimitMs) return { tooSlow: true }
	const capped = candidates.length > task.candidateLimit
	if (capped) candidates.pop()
	const page = rankCandidates(candidates, { page: task.page, pageSize: task.pageSize, capped })

	// Column 1 is the body: the title is shown on its own above the snippet. One lookup per
	// result, by rowid, with the words alone.
	const snippet = prepare(
		db,
		`SELECT snippet("search_fts", 1, ?, ?, '…', ${SNIPPET_TOKENS}) AS "snippet"
		 FROM "search_fts" WHERE "search_fts" MATCH ? AND "search_fts".rowid = ?`,
	)
	const words = toFtsMatch(task.terms, [], { prefix })
	const snippets: Array<[number, string]> = page.rows.map((row) => {
		// The rowid as a BigInt: better-sqlite3 binds a JS number as a REAL, and FTS5 (SQLite 3.51)
		// then ignores "rowid = ?" beside MATCH and answers with the first match of any document,
		// which showed one post's words under another post's result.
		const found = snippet.get(task.sentinels.open, task.sentinels.close, words, BigInt(row.docId)) as
			| { snippet: string | null }
			| undefined
		return [row.docId, found?.snippet ?? '']
	})
	const ids = page.rows.filter((row) => row.subjectKind === FORUM_POST).map((row) => row.subjectId)
	const posts = ids.length
		? (prepare(db, resultRowsSql(ids.map(() => '?').join(', '))).all(...ids) as ResultRow[])
		: []
	return { ...page, snippets, posts }
}
