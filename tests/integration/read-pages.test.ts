// What a read costs the database: the thread page in a fixed handful of statements whatever its
// length, no write when the reader has nothing new, and the forum's thread counts kept by the
// database (not recounted) through every change that adds, hides, unhides, moves or removes a thread.
import { describe, expect, test } from 'vitest'
import { deleteCategory } from '#app/modules/forums/forums.server.ts'
import { db, onStatement } from '#app/utils/db.server.ts'
import { statusOf } from '#tests/helpers.ts'
import {
	forumWorld,
	groupList,
	openThread,
	postNumbered,
	reply,
	seedThread,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'

/** The SQL statements `work` sends (a test file has its own database and process). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
	const seen: string[] = []
	const stop = onStatement((sql) => seen.push(sql))
	try {
		await work()
	} finally {
		stop()
	}
	return seen
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i

describe('the thread page', () => {
	test('reads in the same few statements for a page of 2 posts and a page of 20', async () => {
		const w = await forumWorld()
		const short = await seedThread({ forumId: w.forum.id, categoryId: w.forum.categoryId, authorId: w.alice.id, count: 2 })
		const long = await seedThread({ forumId: w.forum.id, categoryId: w.forum.categoryId, authorId: w.alice.id, count: 20 })
		// Opened once each, so the second opening is the steady state (marker already at the end).
		await openThread(w.bob, short)
		await openThread(w.bob, long)
		const forShort = await statementsOf(() => openThread(w.bob, short))
		const forLong = await statementsOf(() => openThread(w.bob, long))
		expect(forLong.length).toBe(forShort.length)
		// Session, thread access, thread with the viewer's state, tags, posts.
		expect(forLong.length).toBeLessThanOrEqual(5)
	})

	test('a reader coming back to a page they have read writes nothing; a new reply and its notification are marked read once', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, { title: 'Watched by its author' })
		await openThread(w.bob, threadId)
		const again = await statementsOf(() => openThread(w.bob, threadId))
		expect(again.filter((sql) => WRITE.test(sql))).toEqual([])

		// Alice watches her thread: Bob's reply notifies her and is unread for her.
		await reply(w.bob, threadId, 'A reply for Alice')
		const unread = () => db.notification.count({ where: { userId: w.alice.id, threadId, readAt: null } })
		expect(await unread()).toBe(1)
		const opening = await statementsOf(() => openThread(w.alice, threadId))
		expect(opening.filter((sql) => WRITE.test(sql)).length).toBe(2)
		expect(await unread()).toBe(0)
		const marker = await db.threadUserState.findUniqueOrThrow({ where: { userId_threadId: { userId: w.alice.id, threadId } } })
		expect(marker.lastReadPostNumber).toBe(2)
		const back = await statementsOf(() => openThread(w.alice, threadId))
		expect(back.filter((sql) => WRITE.test(sql))).toEqual([])
	})

	test('a post’s revisions, the viewer’s reactions and bookmarks come with the page', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, { title: 'Edited later' })
		await reply(w.bob, threadId, 'First words')
		const second = await postNumbered(threadId, 2)
		await db.postRevision.createMany({
			data: [
				{ postId: second.id, body: 'older', editedById: w.bob.id },
				{ postId: second.id, body: 'oldest', editedById: w.bob.id },
			],
		})
		await db.post.update({ where: { id: second.id }, data: { editedAt: new Date() } })
		expect(statusOf(await threadForm(w.alice, threadId, { intent: 'helpful', postId: second.id }))).toBeLessThan(400)
		expect(statusOf(await threadForm(w.alice, threadId, { intent: 'bookmark', postId: second.id }))).toBeLessThan(400)

		const forAlice = (await openThread(w.alice, threadId)).posts.find((p) => p.id === second.id)!
		expect(forAlice).toMatchObject({ revisionCount: 2, foundHelpful: true, bookmarked: true, helpfulCount: 1 })
		const forBob = (await openThread(w.bob, threadId)).posts.find((p) => p.id === second.id)!
		expect(forBob).toMatchObject({ revisionCount: 2, foundHelpful: false, bookmarked: false })
	})
})

type Counted = { threadCount: number; visibleThreadCount: number }

/** The kept counts of the forum and each of its categories, beside a fresh count of the same. */
async function keptAndRecounted(forumId: string) {
	const forum = await db.forum.findUniqueOrThrow({ where: { id: forumId }, select: { threadCount: true, visibleThreadCount: true } })
	const categories = await db.category.findMany({ where: { forumId }, select: { id: true, threadCount: true, visibleThreadCount: true }, orderBy: { id: 'asc' } })
	const recount = async (where: { forumId?: string; categoryId?: string }): Promise<Counted> => ({
		threadCount: await db.thread.count({ where }),
		visibleThreadCount: await db.thread.count({ where: { ...where, hiddenAt: null } }),
	})
	return {
		kept: { forum, categories: categories.map(({ id, ...counts }) => ({ id, ...counts })) },
		recounted: {
			forum: await recount({ forumId }),
			categories: await Promise.all(categories.map(async ({ id }) => ({ id, ...(await recount({ categoryId: id })) }))),
		},
	}
}

type ListPage = { total: number; pageCount: number; threads: Array<{ id: string }> }
const listOf = async (who: Person, slug: string, query = '') => (await groupList(who, slug, query)) as unknown as ListPage

describe('thread counts', () => {
	test('stay right through create, hide, unhide, a category’s removal (its threads move) and a thread’s removal', async () => {
		const w = await forumWorld()
		const check = async (visible: number, all: number) => {
			const { kept, recounted } = await keptAndRecounted(w.forum.id)
			expect(kept).toEqual(recounted)
			expect(kept.forum).toEqual({ threadCount: all, visibleThreadCount: visible })
			expect((await listOf(w.bob, w.group.slug)).total).toBe(visible)
			expect((await listOf(w.moderator, w.group.slug)).total).toBe(all)
		}
		await check(0, 0)
		const first = await startThread(w.alice, w.group, { title: 'Thread one' })
		const categories = await db.category.findMany({ where: { forumId: w.forum.id }, orderBy: { position: 'asc' }, select: { id: true, slug: true } })
		const [home, other] = [categories[0]!, categories[1]!]
		await startThread(w.alice, w.group, { title: 'Thread two', categoryId: other.id })
		const third = await startThread(w.bob, w.group, { title: 'Thread three', categoryId: other.id })
		await check(3, 3)

		const hide = async (threadId: string, intent: 'hide' | 'unhide') => {
			const opening = await postNumbered(threadId, 1)
			expect(statusOf(await threadForm(w.moderator, threadId, { intent, postId: opening.id }))).toBeLessThan(400)
		}
		await hide(third, 'hide')
		await check(2, 3)
		// A category's list counts its own threads: members do not see the hidden one.
		expect((await listOf(w.bob, w.group.slug, `?category=${other.slug}`)).total).toBe(1)
		expect((await listOf(w.moderator, w.group.slug, `?category=${other.slug}`)).total).toBe(2)
		await hide(third, 'unhide')
		await check(3, 3)
		await hide(third, 'hide')

		// Removing a category moves its threads (the hidden one too) to another.
		expect(await deleteCategory(w.forum.id, other.id, home.id)).toEqual({ ok: true })
		await check(2, 3)
		const homeCounts = await db.category.findUniqueOrThrow({ where: { id: home.id }, select: { threadCount: true, visibleThreadCount: true } })
		expect(homeCounts).toEqual({ threadCount: 3, visibleThreadCount: 2 })

		// No page removes a thread, but a removal by any path (here directly) keeps the counts too.
		await db.thread.delete({ where: { id: first } })
		await check(1, 2)
		await db.thread.delete({ where: { id: third } })
		await check(1, 1)
	})
})

describe('the forum list', () => {
	test('later pages hold the threads a full ordering puts there, for members and for moderators', async () => {
		const w = await forumWorld()
		const start = Date.UTC(2026, 0, 1)
		// 60 threads with known activity times; every 7th hidden, two pinned.
		for (let i = 0; i < 60; i++) {
			await db.thread.create({
				data: {
					forumId: w.forum.id,
					categoryId: w.forum.categoryId,
					authorId: w.alice.id,
					title: `Thread ${i}`,
					pinned: i === 3 || i === 40,
					hiddenAt: i % 7 === 0 ? new Date(start) : null,
					lastActivityAt: new Date(start + i * 60_000),
				},
			})
		}
		const expected = async (moderator: boolean) =>
			(
				await db.thread.findMany({
					where: { forumId: w.forum.id, ...(moderator ? {} : { hiddenAt: null }) },
					orderBy: [{ pinned: 'desc' }, { lastActivityAt: 'desc' }],
					select: { id: true },
				})
			).map((t) => t.id)
		for (const [who, moderator] of [
			[w.bob, false],
			[w.moderator, true],
		] as const) {
			const all = await expected(moderator)
			const pages = []
			for (let page = 1; page <= 3; page++) pages.push(...(await listOf(who, w.group.slug, `?page=${page}`)).threads.map((t) => t.id))
			expect(pages).toEqual(all)
			expect((await listOf(who, w.group.slug)).pageCount).toBe(Math.ceil(all.length / 25))
		}
	})
})

describe('the forum list’s cost', () => {
	test('reads in the same few statements for 2 threads and 22, with each thread’s starter and last poster', async () => {
		const w = await forumWorld()
		const seed = (authorId: string) => seedThread({ forumId: w.forum.id, categoryId: w.forum.categoryId, authorId, count: 3 })
		const first = await seed(w.alice.id)
		await seed(w.bob.id)
		// The last post of the first thread is Bob's.
		await db.post.update({ where: { threadId_number: { threadId: first, number: 3 } }, data: { authorId: w.bob.id } })
		const few = await statementsOf(() => groupList(w.bob, w.group.slug))
		for (let i = 0; i < 20; i++) await seed(i % 2 ? w.alice.id : w.bob.id)
		const many = await statementsOf(() => groupList(w.bob, w.group.slug))
		expect(many.length).toBe(few.length)
		// Session, forum access, kept count, the page's rows (starters and last posters joined), tags…
		expect(many.length).toBeLessThanOrEqual(8)
		const list = (await groupList(w.bob, w.group.slug)) as unknown as { threads: Array<{ id: string; author: { name: string }; lastPoster: { name: string } | null }> }
		const row = list.threads.find((t) => t.id === first)!
		expect(row.author.name).toBe('Alice Author')
		expect(row.lastPoster?.name).toBe('Bob Member')
		// A hidden last post names nobody to the members who cannot see it.
		await db.post.update({ where: { threadId_number: { threadId: first, number: 3 } }, data: { hiddenAt: new Date(), hiddenReason: 'Off topic' } })
		const posterFor = async (who: Person) =>
			((await groupList(who, w.group.slug)) as unknown as { threads: Array<{ id: string; lastPoster: { name: string } | null }> }).threads.find((t) => t.id === first)!.lastPoster
		expect(await posterFor(w.alice)).toBeNull()
		expect((await posterFor(w.moderator))?.name).toBe('Bob Member')
	})
})
