// The `subjects` migration on a database that has rows: every notification and search document
// becomes a forum post's subject, and the full-text index still finds the documents (on SQLite the
// migration rebuilds SearchDocument, whose FTS5 triggers it must make again).
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationsDir, type Engine } from './engine.ts'
import { applyMigrationsTo, readMigrations } from './migrate.ts'
import { createThrowawayPostgres, isPostgresReachable } from './throwaway-postgres.ts'

const postgresUp = await isPostgresReachable()
const MIGRATION = '_subjects'

/** The migrations before `subjects`: the database as a deployment had it. */
async function migrationsBefore(engine: Engine) {
	const all = await readMigrations(migrationsDir(engine))
	const index = all.migrationDirectories.findIndex((m) => m.path.endsWith(MIGRATION))
	expect(index).toBeGreaterThan(0)
	return { ...all, migrationDirectories: all.migrationDirectories.slice(0, index) }
}

// Rows as the app wrote them before: a thread with two posts, each indexed; a notification about
// the reply, and an older one that named only the thread.
const T = `'2026-11-30T10:00:00.000+00:00'`
const BEFORE = [
	`INSERT INTO "User" ("id", "email", "handle", "name", "company", "passwordHash", "updatedAt") VALUES
		('u1', 'a@example.com', 'ada', 'Ada', 'Acme', 'x', ${T}), ('u2', 'b@example.com', 'ben', 'Ben', 'Acme', 'x', ${T})`,
	`INSERT INTO "Forum" ("id", "name") VALUES ('f1', 'Forum')`,
	`INSERT INTO "Category" ("id", "forumId", "slug", "name") VALUES ('c1', 'f1', 'general', 'General')`,
	`INSERT INTO "Thread" ("id", "forumId", "categoryId", "authorId", "title") VALUES ('t1', 'f1', 'c1', 'u1', 'Quarterly numbers')`,
	`INSERT INTO "Post" ("id", "threadId", "number", "authorId", "body", "bodyHtml") VALUES
		('p1', 't1', 1, 'u1', 'Our margins', '<p>Our margins</p>'), ('p2', 't1', 2, 'u2', 'Wombat logistics', '<p>Wombat logistics</p>')`,
	`INSERT INTO "SearchDocument" ("postId", "threadId", "forumId", "title", "body", "facets", "updatedAt") VALUES
		('p1', 't1', 'f1', 'Quarterly numbers', 'Our margins', 'ppforumf1', ${T}),
		('p2', 't1', 'f1', 'Quarterly numbers', 'Wombat logistics', 'ppforumf1', ${T})`,
	`INSERT INTO "Notification" ("id", "userId", "type", "threadId", "postId", "actorId") VALUES
		('n1', 'u1', 'reply', 't1', 'p2', 'u2'), ('n2', 'u2', 'reply', 't1', NULL, 'u1')`,
]

const NOTIFICATIONS = `SELECT "id", "subjectKind", "subjectId", "threadId", "postId" FROM "Notification" ORDER BY "id"`
const DOCUMENTS = `SELECT "subjectKind", "subjectId", "scope", "postId", "threadId" FROM "SearchDocument" ORDER BY "id"`

const expectedNotifications = [
	{ id: 'n1', subjectKind: 'forum.post', subjectId: 'p2', threadId: 't1', postId: 'p2' },
	// Named only its thread: now about the thread's opening post.
	{ id: 'n2', subjectKind: 'forum.post', subjectId: 'p1', threadId: 't1', postId: 'p1' },
]
const expectedDocuments = [
	{ subjectKind: 'forum.post', subjectId: 'p1', scope: 'f1', postId: 'p1', threadId: 't1' },
	{ subjectKind: 'forum.post', subjectId: 'p2', scope: 'f1', postId: 'p2', threadId: 't1' },
]

let tmp: string
beforeAll(async () => {
	tmp = await mkdtemp(path.join(os.tmpdir(), 'peerpower-subjects-migration-'))
})
afterAll(async () => {
	await rm(tmp, { recursive: true, force: true })
})

describe('the subjects migration', () => {
	it('moves existing notifications and search documents on SQLite, and the FTS5 index keeps working', async () => {
		const url = `file:${path.join(tmp, 'app.db')}`
		await applyMigrationsTo(url, await migrationsBefore('sqlite'))
		const before = new Database(path.join(tmp, 'app.db'))
		for (const statement of BEFORE) before.exec(statement)
		before.close()

		const { applied } = await applyMigrationsTo(url)
		// The subjects migration first, then any that came after it.
		expect(applied[0]).toMatch(new RegExp(`${MIGRATION}$`))

		const db = new Database(path.join(tmp, 'app.db'))
		try {
			expect(db.prepare(NOTIFICATIONS).all()).toEqual(expectedNotifications)
			expect(db.prepare(DOCUMENTS).all()).toEqual(expectedDocuments)
			const match = db
				.prepare(
					`SELECT d."subjectId" FROM "search_fts" JOIN "SearchDocument" d ON d."id" = "search_fts".rowid WHERE "search_fts" MATCH ?`,
				)
				.pluck()
			expect(match.all('wombat')).toEqual(['p2'])
			// The triggers were made again: a new document, an edit and a removal reach the index.
			db.prepare(
				`INSERT INTO "SearchDocument" ("subjectKind", "subjectId", "scope", "title", "body", "updatedAt") VALUES ('test.note', 'x1', 'g1', 'Plan', 'Platypus budget', ${T})`,
			).run()
			expect(match.all('platypus')).toEqual(['x1'])
			db.prepare(
				`UPDATE "SearchDocument" SET "body" = 'Echidna budget' WHERE "subjectId" = 'x1'`,
			).run()
			expect(match.all('platypus')).toEqual([])
			expect(match.all('echidna')).toEqual(['x1'])
			db.prepare(`DELETE FROM "Post" WHERE "id" = 'p2'`).run()
			expect(match.all('wombat')).toEqual([])
			expect(db.prepare(NOTIFICATIONS).all()).toEqual([expectedNotifications[1]])
			// The FTS5 index agrees with its table.
			db.prepare(`INSERT INTO "search_fts" ("search_fts") VALUES ('integrity-check')`).run()
		} finally {
			db.close()
		}
	})

	it.runIf(postgresUp)(
		'moves existing notifications and search documents on PostgreSQL, and the tsvector index keeps working',
		async () => {
			const database = await createThrowawayPostgres('peerpower_test_subjects')
			try {
				await applyMigrationsTo(database.url, await migrationsBefore('postgresql'))
				const client = new pg.Client({ connectionString: database.url })
				await client.connect()
				try {
					for (const statement of BEFORE) await client.query(statement)
					const { applied } = await applyMigrationsTo(database.url)
					// The subjects migration first, then any that came after it.
					expect(applied[0]).toMatch(new RegExp(`${MIGRATION}$`))
					expect((await client.query(NOTIFICATIONS)).rows).toEqual(expectedNotifications)
					expect((await client.query(DOCUMENTS)).rows).toEqual(expectedDocuments)
					const match = async (word: string) =>
						(
							await client.query<{ subjectId: string }>(
								`SELECT d."subjectId" FROM "search_index" si JOIN "SearchDocument" d ON d."id" = si."id" WHERE si."tsv" @@ to_tsquery('english', $1)`,
								[word],
							)
						).rows.map((row) => row.subjectId)
					expect(await match('wombat')).toEqual(['p2'])
					await client.query(`DELETE FROM "Post" WHERE "id" = 'p2'`)
					expect(await match('wombat')).toEqual([])
					expect((await client.query(NOTIFICATIONS)).rows).toEqual([expectedNotifications[1]])
				} finally {
					await client.end()
				}
			} finally {
				await database.drop()
			}
		},
	)
})
