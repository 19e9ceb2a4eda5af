// The bookmarks page: bookmarks made with the thread page's button, listed, removed, and kept out
// of sight once the post is out of the reader's reach.
import { describe, expect, test } from 'vitest'
import { excerpt } from '#app/modules/markdown/markdown.ts'
import { action as bookmarksAction, loader as bookmarksLoader } from '#app/routes/bookmarks.tsx'
import { action as newThreadAction } from '#app/routes/forums/new-thread.tsx'
import { action as threadAction } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'

type Member = Awaited<ReturnType<typeof createUser>> & { cookie: string }

async function member(name: string): Promise<Member> {
	const user = await createUser({ name })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

async function setup() {
	const [mona, max] = [await member('Mona Moderator'), await member('Max Member')]
	const group = await createGroupWith({ moderator: mona, members: [max] })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	return { mona, max, group, forum }
}

async function startThread({ group, forum }: Awaited<ReturnType<typeof setup>>, author: Member, title: string, body: string) {
	const result = await settle(
		runRoute(newThreadAction, {
			request: makeRequest(`/g/${group.slug}/forum/new`, { cookie: author.cookie, form: { kind: 'discussion', title, categoryId: forum.categories[0]!.id, tags: '', body } }),
			params: { slug: group.slug },
			context: createTestContext(),
		}),
	)
	const threadId = (result as Response).headers.get('location')!.split('/t/')[1]!
	return db.post.findFirstOrThrow({ where: { threadId, number: 1 } })
}

async function threadForm(user: Member, threadId: string, form: Record<string, string>) {
	const result = await settle(runRoute(threadAction, { request: makeRequest(`/t/${threadId}`, { cookie: user.cookie, form }), params: { threadId }, context: createTestContext() }))
	expect(statusOf(result)).toBeLessThan(400)
}

const bookmark = (user: Member, post: { id: string; threadId: string }) => threadForm(user, post.threadId, { intent: 'bookmark', postId: post.id })

type Page = { page: number; pageCount: number; total: number; bookmarks: Array<{ postId: string; href: string; thread: { title: string }; author: { name: string }; place: string; excerpt: string }> }

async function bookmarksPage(user: Member, page = 1): Promise<Page | Response> {
	const result = await settle(runRoute(bookmarksLoader, { request: makeRequest(`/bookmarks${page > 1 ? `?page=${page}` : ''}`, { cookie: user.cookie }), params: {}, context: createTestContext() }))
	return result instanceof Response ? result : dataOf<Page>(result)
}

async function listed(user: Member, page = 1): Promise<Page> {
	const result = await bookmarksPage(user, page)
	if (result instanceof Response) throw new Error(`expected a page, got ${result.status}`)
	return result
}

describe('the bookmarks page', () => {
	test('lists bookmarked posts newest first, with title, author and a plain-text excerpt', async () => {
		const s = await setup()
		const long = `**Cash flow** matters. See [the guide](https://example.com). ${'We chased every invoice twice a week. '.repeat(20)}`
		const first = await startThread(s, s.mona, 'Chasing late invoices', long)
		const second = await startThread(s, s.mona, 'Quarterly planning day', 'Bring your numbers.')
		await bookmark(s.max, first)
		await bookmark(s.max, second)

		const page = await listed(s.max)
		expect(page.bookmarks.map((b) => b.thread.title)).toEqual(['Quarterly planning day', 'Chasing late invoices'])
		const [, invoices] = page.bookmarks
		expect(invoices).toMatchObject({ postId: first.id, href: `/t/${first.threadId}?post=1`, author: { name: 'Mona Moderator' }, place: s.group.name })
		expect(invoices!.excerpt).toMatch(/^Cash flow matters\. See the guide\. We chased/)
		expect(invoices!.excerpt).not.toContain('**')
		expect(invoices!.excerpt.endsWith('…')).toBe(true)
		expect(invoices!.excerpt.length).toBeLessThanOrEqual(281)
		// Someone else's bookmarks are theirs alone.
		expect((await listed(s.mona)).bookmarks).toEqual([])
	})

	test('the remove button removes the bookmark', async () => {
		const s = await setup()
		const post = await startThread(s, s.mona, 'Chasing late invoices', 'Twice a week.')
		await bookmark(s.max, post)
		const removed = await settle(runRoute(bookmarksAction, { request: makeRequest('/bookmarks', { cookie: s.max.cookie, form: { intent: 'remove', postId: post.id } }), params: {}, context: createTestContext() }))
		expect(statusOf(removed)).toBe(302)
		expect((removed as Response).headers.get('location')).toBe('/bookmarks')
		expect((await listed(s.max)).bookmarks).toEqual([])
		expect(await db.bookmark.count({ where: { userId: s.max.id } })).toBe(0)
	})

	test('a bookmark in a group the member has left disappears', async () => {
		const s = await setup()
		const post = await startThread(s, s.mona, 'Chasing late invoices', 'Twice a week.')
		await bookmark(s.max, post)
		expect((await listed(s.max)).total).toBe(1)
		await db.membership.delete({ where: { userId_groupId: { userId: s.max.id, groupId: s.group.id } } })
		expect(await listed(s.max)).toMatchObject({ total: 0, bookmarks: [] })
	})

	// Hidden posts and hidden threads: in the doors table (tests/integration/doors.test.ts).
	test('a deleted post is left out', async () => {
		const s = await setup()
		const opening = await startThread(s, s.max, 'Chasing late invoices', 'Twice a week.')
		await threadForm(s.max, opening.threadId, { intent: 'reply', body: 'A reply to delete' })
		const toDelete = await db.post.findFirstOrThrow({ where: { threadId: opening.threadId, number: 2 } })
		for (const post of [opening, toDelete]) await bookmark(s.mona, post)
		expect((await listed(s.mona)).total).toBe(2)

		await threadForm(s.max, toDelete.threadId, { intent: 'delete', postId: toDelete.id })
		expect((await listed(s.mona)).bookmarks.map((b) => b.postId)).toEqual([opening.id])
	})

	test('pages by 20; a page emptied by a removal sends the reader to the last page', async () => {
		const s = await setup()
		const post = await startThread(s, s.mona, 'Chasing late invoices', 'Twice a week.')
		for (let i = 0; i < 20; i++) await threadForm(s.mona, post.threadId, { intent: 'reply', body: `Reply ${i}` })
		const posts = await db.post.findMany({ where: { threadId: post.threadId }, orderBy: { number: 'asc' } })
		await db.bookmark.createMany({ data: posts.map((p, i) => ({ userId: s.max.id, postId: p.id, createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)) })) })
		const first = await listed(s.max)
		expect(first).toMatchObject({ total: 21, pageCount: 2 })
		expect(first.bookmarks).toHaveLength(20)
		const second = await listed(s.max, 2)
		expect(second.bookmarks.map((b) => b.postId)).toEqual([post.id])

		await runRoute(bookmarksAction, { request: makeRequest('/bookmarks?page=2', { cookie: s.max.cookie, form: { intent: 'remove', postId: post.id } }), params: {}, context: createTestContext() })
		const emptied = await bookmarksPage(s.max, 2)
		expect(statusOf(emptied)).toBe(302)
		expect((emptied as Response).headers.get('location')).toBe('/bookmarks')
	})
})

describe('excerpt', () => {
	test('keeps short text, cuts long text at a word with an ellipsis', () => {
		expect(excerpt('Short.', 100)).toBe('Short.')
		expect(excerpt('one two three four five', 16)).toBe('one two three…')
	})
})
