// Ceilings that are the database's own work, measured in a process of their own on the same data:
//   ftsSqlite / ftsPostgres  the bare full-text query (MATCH … ORDER BY rank LIMIT 20, and the
//                            tsvector equivalent) with no permission filter, join or snippet
//   replyWrites              a reply's writes (counters, post, search document, watcher state,
//                            notifications to watchers, idempotency key) as one prepared
//                            better-sqlite3 transaction, in a loop, with the app's durability settings
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { serve } from '../lib/children.ts'
import { latency } from '../lib/stats.ts'

type Budget = { maxSamples: number; minSamples: number; maxMs: number }

async function sample(work: () => unknown, budget: Budget): Promise<number[]> {
	const samples: number[] = []
	const started = performance.now()
	while (samples.length < budget.maxSamples && (samples.length < budget.minSamples || performance.now() - started < budget.maxMs)) {
		const t = performance.now()
		await work()
		samples.push(performance.now() - t)
	}
	return samples
}

const sqliteTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

serve({
	async ftsSqlite(request) {
		const { file, expression, budget } = request as { file: string; expression: string; budget: Budget }
		const database = new Database(file, { readonly: true })
		try {
			const query = database.prepare('SELECT rowid FROM "search_fts" WHERE "search_fts" MATCH ? ORDER BY rank LIMIT 20')
			return await sample(() => query.all(expression), budget)
		} finally {
			database.close()
		}
	},

	async ftsPostgres(request) {
		const { url, tsquery, budget } = request as { url: string; tsquery: string; budget: Budget }
		const client = new pg.Client({ connectionString: url })
		await client.connect()
		try {
			const text = `SELECT si."id" FROM "search_index" si, to_tsquery('english', $1) q
				WHERE si."tsv" @@ q ORDER BY ts_rank(si."tsv", q) DESC LIMIT 20`
			return await sample(() => client.query({ name: 'fts', text, values: [tsquery] }), budget)
		} finally {
			await client.end()
		}
	},

	replyWrites(request) {
		const { file, writers, seconds } = request as { file: string; writers: Array<{ userId: string; threadId: string }>; seconds: number }
		const database = new Database(file, { timeout: 5000 })
		try {
			database.pragma('journal_mode = WAL')
			database.pragma('synchronous = FULL')
			database.pragma('foreign_keys = ON')
			const claim = database.prepare(
				`UPDATE "Thread" SET "lastPostNumber" = "lastPostNumber" + 1, "replyCount" = "replyCount" + 1, "lastActivityAt" = ?
				WHERE "id" = ? RETURNING "lastPostNumber", "title", "locked", "forumId"`,
			)
			const insertPost = database.prepare(
				`INSERT INTO "Post" ("id", "threadId", "number", "authorId", "body", "bodyHtml", "bodyText", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			)
			const insertDoc = database.prepare(
				`INSERT INTO "SearchDocument" ("subjectKind", "subjectId", "scope", "postId", "threadId", "title", "body", "updatedAt") VALUES ('forum.post', ?, ?, ?, ?, ?, ?, ?)`,
			)
			const watch = database.prepare(
				`INSERT INTO "ThreadUserState" ("userId", "threadId", "lastReadPostNumber", "level") VALUES (?, ?, ?, 'watching')
				ON CONFLICT ("userId", "threadId") DO UPDATE SET "level" = coalesce("level", 'watching'), "lastReadPostNumber" = max("lastReadPostNumber", excluded."lastReadPostNumber")`,
			)
			const watchers = database.prepare(`SELECT "userId" FROM "ThreadUserState" WHERE "threadId" = ? AND "level" = 'watching' AND "userId" <> ?`)
			const notify = database.prepare(
				`INSERT INTO "Notification" ("id", "userId", "type", "subjectKind", "subjectId", "threadId", "postId", "actorId", "createdAt") VALUES (?, ?, 'reply', 'forum.post', ?, ?, ?, ?, ?)`,
			)
			const key = database.prepare(`INSERT INTO "IdempotencyKey" ("id", "userId", "key", "location", "createdAt") VALUES (?, ?, ?, ?, ?)`)
			const reply = database.transaction((writer: { userId: string; threadId: string }, n: number) => {
				const now = sqliteTime(Date.now())
				const counters = claim.get(now, writer.threadId) as { lastPostNumber: number; title: string; forumId: string }
				const postId = randomUUID()
				const body = `Benchmark reply ${n}: our **numbers** for the quarter, and what the customer said.`
				const text = `Benchmark reply ${n}: our numbers for the quarter, and what the customer said.`
				insertPost.run(postId, writer.threadId, counters.lastPostNumber, writer.userId, body, `<p>${body.replace(/\*\*(\w+)\*\*/, '<strong>$1</strong>')}</p>`, text, now)
				insertDoc.run(postId, counters.forumId, postId, writer.threadId, counters.title, text, now)
				watch.run(writer.userId, writer.threadId, counters.lastPostNumber)
				for (const { userId } of watchers.all(writer.threadId, writer.userId) as Array<{ userId: string }>) {
					notify.run(randomUUID(), userId, postId, writer.threadId, postId, writer.userId, now)
				}
				key.run(randomUUID(), writer.userId, randomUUID(), `/t/${writer.threadId}#post-${counters.lastPostNumber}`, now)
			})
			const samples: number[] = []
			const started = performance.now()
			const until = started + seconds * 1000
			for (let n = 0; performance.now() < until; n++) {
				const t = performance.now()
				reply(writers[n % writers.length]!, n)
				samples.push(performance.now() - t)
			}
			const elapsed = (performance.now() - started) / 1000
			return { ...latency(samples), perSecond: samples.length / elapsed, errors: 0 }
		} finally {
			database.close()
		}
	},
})
