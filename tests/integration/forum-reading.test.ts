// What a reader sees of their own progress: drafts, unread counts, read markers, jumps to the
// first unread post, and pages of 20 posts.
import { describe, expect, test } from 'vitest'
import { loader as groupNewThreadLoader } from '#app/routes/forums/new-thread.tsx'
import { loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { dataOf, statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	forumWorld,
	groupList,
	openThread,
	postNumbered,
	reply,
	saveDraft,
	seedThread,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'

async function redirectOf(who: Person, threadId: string, query: string): Promise<string> {
	const result = await callRoute(threadLoader, `/t/${threadId}${query}`, { threadId }, { as: who })
	expect(statusOf(result)).toBe(302)
	return (result as Response).headers.get('location')!
}

async function marker(who: Person, threadId: string): Promise<number | undefined> {
	const state = await db.threadUserState.findUnique({
		where: { userId_threadId: { userId: who.id, threadId } },
	})
	return state?.lastReadPostNumber
}

async function listed(who: Person, slug: string, threadId: string) {
	const thread = (await groupList(who, slug)).threads.find((t) => t.id === threadId)
	if (!thread) throw new Error('the thread is not in the list')
	return { isNew: thread.isNew, unreadCount: thread.unreadCount }
}

describe('drafts', () => {
	test('a reply draft saved through the resource comes back with the thread page, for its writer only; posting the reply clears it', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const saved = await saveDraft(w.bob, {
			key: `reply:${threadId}`,
			body: 'Half a thought about MDF',
		})
		expect(statusOf(saved)).toBe(200)
		expect(await (saved as Response).json()).toMatchObject({
			ok: true,
			savedAt: expect.any(String),
		})

		expect((await openThread(w.bob, threadId)).draft).toMatchObject({
			body: 'Half a thought about MDF',
		})
		expect((await openThread(w.alice, threadId)).draft).toBeNull()

		await reply(w.bob, threadId, 'Half a thought about MDF, finished')
		expect(await db.draft.count({ where: { userId: w.bob.id } })).toBe(0)
		expect((await openThread(w.bob, threadId)).draft).toBeNull()
	})

	test('a refused reply keeps the draft', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await saveDraft(w.bob, { key: `reply:${threadId}`, body: 'Typed before the lock' })
		await threadForm(w.moderator, threadId, { intent: 'lock' })
		expect(
			statusOf(
				await threadForm(w.bob, threadId, { intent: 'reply', body: 'Typed before the lock' }),
			),
		).toBe(409)
		expect((await openThread(w.bob, threadId)).draft).toMatchObject({
			body: 'Typed before the lock',
		})
	})

	test('a new-thread draft comes back with the new-thread page and is cleared when the thread is posted', async () => {
		const w = await forumWorld()
		const key = `thread:${w.forum.id}`
		expect(
			statusOf(await saveDraft(w.bob, { key, title: 'Half a title', body: 'Half a body' })),
		).toBe(200)
		const page = dataOf<{ form: { draft: { title: string; body: string } | null } }>(
			await callRoute(
				groupNewThreadLoader,
				`/g/${w.group.slug}/forum/new`,
				{ slug: w.group.slug },
				{ as: w.bob },
			),
		)
		expect(page.form.draft).toMatchObject({ title: 'Half a title', body: 'Half a body' })
		await startThread(w.bob, w.group, { title: 'Half a title, finished' })
		expect(await db.draft.count({ where: { userId: w.bob.id, key } })).toBe(0)
	})

	test('a draft for a thread or forum you cannot read is refused with 404 and not saved; an unknown key with 400', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		for (const key of [
			`reply:${threadId}`,
			`thread:${w.forum.id}`,
			'reply:cnosuchthread000000000000',
		]) {
			const refused = await saveDraft(w.outsider, { key, body: 'Let me keep this here' })
			expect(statusOf(refused), key).toBe(404)
			expect(await (refused as Response).json()).toEqual({ ok: false, error: 'Not found' })
		}
		expect(statusOf(await saveDraft(w.bob, { key: 'notes:anything', body: 'x' }))).toBe(400)
		expect(await db.draft.count({ where: { userId: { in: [w.outsider.id, w.bob.id] } } })).toBe(0)
	})
})

describe('unread state', () => {
	test('the list shows a never-opened thread as new, then counts the replies after the reader’s marker', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: true, unreadCount: 0 })
		// The author has read their own thread.
		expect(await listed(w.alice, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 0 })

		await openThread(w.bob, threadId)
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 0 })

		await reply(w.alice, threadId, 'First news')
		await reply(w.moderator, threadId, 'Second news')
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 2 })
		// Writing a reply reads the thread up to it.
		expect(await listed(w.alice, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 1 })

		await openThread(w.bob, threadId)
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 0 })
	})

	test('opening a page marks read up to its last post, and never moves the marker back', async () => {
		const w = await forumWorld()
		const threadId = await seedThread({
			forumId: w.forum.id,
			categoryId: w.forum.categoryId,
			authorId: w.alice.id,
			count: 45,
		})
		await openThread(w.bob, threadId)
		expect(await marker(w.bob, threadId)).toBe(20)
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 25 })
		await openThread(w.bob, threadId, '?page=3')
		expect(await marker(w.bob, threadId)).toBe(45)
		await openThread(w.bob, threadId, '?page=2')
		expect(await marker(w.bob, threadId)).toBe(45)
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 0 })
	})

	test('a reply hidden from members does not stay unread for them', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.alice, threadId, 'Fine')
		await reply(w.alice, threadId, 'To be hidden')
		await threadForm(w.moderator, threadId, {
			intent: 'hide',
			postId: (await postNumbered(threadId, 3)).id,
		})
		const page = await openThread(w.bob, threadId)
		expect(page.posts.map((p) => p.number)).toEqual([1, 2])
		expect(await listed(w.bob, w.group.slug, threadId)).toEqual({ isNew: false, unreadCount: 0 })
	})

	test('?unread=1 goes to the page and anchor of the first unread post', async () => {
		const w = await forumWorld()
		const threadId = await seedThread({
			forumId: w.forum.id,
			categoryId: w.forum.categoryId,
			authorId: w.alice.id,
			count: 45,
		})
		expect(await redirectOf(w.bob, threadId, '?unread=1')).toBe(`/t/${threadId}?page=1#post-1`)
		await openThread(w.bob, threadId)
		expect(await redirectOf(w.bob, threadId, '?unread=1')).toBe(`/t/${threadId}?page=2#post-21`)
		await openThread(w.bob, threadId, '?page=2')
		expect(await redirectOf(w.bob, threadId, '?unread=1')).toBe(`/t/${threadId}?page=3#post-41`)
		// All read: the last post.
		await openThread(w.bob, threadId, '?page=3')
		expect(await redirectOf(w.bob, threadId, '?unread=1')).toBe(`/t/${threadId}?page=3#post-45`)
		// The jump itself marks nothing read.
		expect(await marker(w.alice, threadId)).toBeUndefined()
		await redirectOf(w.alice, threadId, '?unread=1')
		expect(await marker(w.alice, threadId)).toBeUndefined()
	})

	test('?post=N goes to the page of post N', async () => {
		const w = await forumWorld()
		const threadId = await seedThread({
			forumId: w.forum.id,
			categoryId: w.forum.categoryId,
			authorId: w.alice.id,
			count: 45,
		})
		expect(await redirectOf(w.bob, threadId, '?post=1')).toBe(`/t/${threadId}?page=1#post-1`)
		expect(await redirectOf(w.bob, threadId, '?post=20')).toBe(`/t/${threadId}?page=1#post-20`)
		expect(await redirectOf(w.bob, threadId, '?post=21')).toBe(`/t/${threadId}?page=2#post-21`)
		expect(await redirectOf(w.bob, threadId, '?post=45')).toBe(`/t/${threadId}?page=3#post-45`)
	})
})

describe('pages', () => {
	test('a thread of 45 posts has 3 pages of 20, 20 and 5; a page past the end shows the last', async () => {
		const w = await forumWorld()
		const threadId = await seedThread({
			forumId: w.forum.id,
			categoryId: w.forum.categoryId,
			authorId: w.alice.id,
			count: 45,
		})
		const range = (from: number, to: number) =>
			Array.from({ length: to - from + 1 }, (_, i) => from + i)
		const pages = [
			await openThread(w.bob, threadId),
			await openThread(w.bob, threadId, '?page=2'),
			await openThread(w.bob, threadId, '?page=3'),
		]
		expect(pages.map((p) => [p.page, p.pageCount])).toEqual([
			[1, 3],
			[2, 3],
			[3, 3],
		])
		expect(pages.map((p) => p.posts.map((post) => post.number))).toEqual([
			range(1, 20),
			range(21, 40),
			range(41, 45),
		])
		const past = await openThread(w.bob, threadId, '?page=9')
		expect([past.page, past.posts[0]!.number]).toEqual([3, 41])
		const junk = await openThread(w.bob, threadId, '?page=abc')
		expect(junk.page).toBe(1)
	})

	test('a reply lands on the page where it belongs', async () => {
		const w = await forumWorld()
		const threadId = await seedThread({
			forumId: w.forum.id,
			categoryId: w.forum.categoryId,
			authorId: w.alice.id,
			count: 40,
		})
		const posted = await reply(w.bob, threadId, 'Number 41')
		expect(posted.headers.get('location')).toBe(`/t/${threadId}?page=3#post-41`)
		expect(
			(await openThread(w.bob, threadId, '?page=3')).posts.map((p) => [p.number, p.body]),
		).toEqual([[41, 'Number 41']])
	})
})
