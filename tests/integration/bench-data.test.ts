// The benchmark's data set (bench/data/) is written by bulk SQL, beside the app's own code: these
// checks keep it a data set the app can serve as if it had written it itself. A small set is
// generated into a SQLite file of its own, then read and written through the app's modules.
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RARE_POSTS, SEARCH_WORDS } from '../../bench/data/content.ts'
import { generateSqlite } from '../../bench/data/generate.ts'
import type { DatasetInfo, DatasetSize } from '../../bench/data/plan.ts'
import { forumAccess } from '#app/modules/forums/access.server.ts'
import { createReply } from '#app/modules/forums/posts.server.ts'
import { getThreadPage, listThreads } from '#app/modules/forums/threads.server.ts'
import { searchPosts } from '#app/modules/search/search.server.ts'
import { disconnectDb } from '#app/utils/db.server.ts'
import { changeEnv, createTestContext } from '#tests/helpers.ts'
import { tmpDir } from '#tests/setup/test-database.ts'

const SIZE: DatasetSize = { users: 60, groups: 4, bigForumThreads: 60, otherThreads: 20, posts: 3_000, hotThreadPosts: 100 }
const file = path.join(tmpDir, `bench-data-${randomBytes(4).toString('hex')}.db`)
let info: DatasetInfo
let raw: Database.Database

beforeAll(async () => {
	info = await generateSqlite(file, SIZE)
	// This file's app modules read the generated set, not the test database.
	await disconnectDb()
	changeEnv({ DATABASE_URL: `file:${file}` })
	raw = new Database(file, { readonly: true })
}, 60_000)

afterAll(async () => {
	raw.close()
	await disconnectDb()
	await Promise.all(['', '-wal', '-shm', '.json'].map((suffix) => rm(file + suffix, { force: true })))
})

const count = (sql: string, ...params: unknown[]) => (raw.prepare(sql).get(...params) as { n: number }).n
const viewer = () => ({ id: info.viewerId, isSiteAdmin: false })

describe('the benchmark data set', () => {
	test('has the asked size, and a search document and index entry for every post', () => {
		expect(info.counts).toMatchObject({ users: SIZE.users, threads: SIZE.bigForumThreads + SIZE.otherThreads, posts: SIZE.posts })
		expect(count('SELECT count(*) AS n FROM "Post"')).toBe(SIZE.posts)
		expect(count('SELECT count(*) AS n FROM "SearchDocument"')).toBe(SIZE.posts)
		expect(count(`SELECT count(*) AS n FROM "Thread" WHERE "forumId" = ?`, info.bigGroup.forumId)).toBe(SIZE.bigForumThreads)
		// FTS5's own check that its index matches the content table: it throws when they differ.
		const writable = new Database(file)
		try {
			writable.prepare(`INSERT INTO "search_fts" ("search_fts") VALUES ('integrity-check')`).run()
		} finally {
			writable.close()
		}
	})

	test('keeps the thread counters as the posting code does', () => {
		const wrong = count(`
			SELECT count(*) AS n FROM "Thread" t JOIN (
				SELECT "threadId", count(*) AS posts, max("number") AS last, max("createdAt") AS latest FROM "Post" GROUP BY "threadId"
			) p ON p."threadId" = t."id"
			WHERE t."replyCount" <> p.posts - 1 OR t."lastPostNumber" <> p.last OR t."lastActivityAt" <> p.latest`)
		expect(wrong).toBe(0)
		// Everyone who posted in a thread watches it.
		const unwatched = count(`
			SELECT count(*) AS n FROM (SELECT DISTINCT "threadId", "authorId" FROM "Post") p
			LEFT JOIN "ThreadUserState" s ON s."threadId" = p."threadId" AND s."userId" = p."authorId"
			WHERE s."level" IS NOT 'watching'`)
		expect(unwatched).toBe(0)
	})

	test('plants search words at the promised rates', () => {
		const matches = (word: string) => count(`SELECT count(*) AS n FROM "search_fts" WHERE "search_fts" MATCH ?`, `"${word}"`)
		for (const word of SEARCH_WORDS.rare) expect(matches(word)).toBe(RARE_POSTS)
		// Binomial counts: 1 % and 40 % of 3,000 posts, with generous room.
		for (const word of SEARCH_WORDS.medium) expect(matches(word)).toBeGreaterThan(5)
		for (const word of SEARCH_WORDS.medium) expect(matches(word)).toBeLessThan(70)
		for (const word of SEARCH_WORDS.common) expect(matches(word) / SIZE.posts).toBeGreaterThan(0.33)
		for (const word of SEARCH_WORDS.common) expect(matches(word) / SIZE.posts).toBeLessThan(0.47)
		const phrase = SEARCH_WORDS.phrases[0]
		expect(count(`SELECT count(*) AS n FROM "search_fts" WHERE "search_fts" MATCH ?`, `"${phrase}"`)).toBeGreaterThan(0)
	})

	test('is served by the app: search, a thread page, the forum list', async () => {
		const found = await searchPosts(viewer(), { q: SEARCH_WORDS.rare[0] })
		expect(found.total).toBeGreaterThan(0)
		expect(found.results[0]!.snippetHtml).toContain('<mark>')

		const access = await forumAccess(viewer(), info.bigGroup.forumId)
		expect(access.canRead).toBe(true)
		const page = await getThreadPage(info.viewerId, access, info.hotThreadId, 2)
		expect(page).not.toBeNull()
		expect(JSON.stringify(page)).toContain('<p>')

		const list = await listThreads(info.viewerId, access, { page: 1 })
		expect(list.total).toBe(SIZE.bigForumThreads)
		expect(list.threads).toHaveLength(25)
	})

	test('takes replies through the app, which the search index then finds', async () => {
		const word = 'xylophonics'
		await createReply(viewer(), info.hotThreadId, { body: `A new word: **${word}**.` }, createTestContext().realtime, 'unpaced')
		const found = await searchPosts(viewer(), { q: word })
		expect(found.total).toBe(1)
		expect(found.results[0]).toMatchObject({ type: 'post', postNumber: SIZE.hotThreadPosts + 1 })
	})
})
