// Moderation through the thread page's forms: locking, pinning and hiding.
import { describe, expect, test } from 'vitest'
import { action as threadAction, loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { getToast } from '#app/utils/toast.server.ts'
import { dataOf, makeRequest, statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	forumWorld,
	groupList,
	openThread,
	postNumbered,
	refusalOf,
	reply,
	saveDraft,
	startThread,
	threadForm,
} from '#tests/forum-helpers.ts'

type Refusal = {
	intent: string
	error?: string
	result?: { status: string; initialValue: Record<string, string>; error: Record<string, string[]> }
}

function threadRow(threadId: string) {
	return db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: { locked: true, pinned: true, hiddenAt: true, replyCount: true, lastPostNumber: true },
	})
}

describe('locking', () => {
	test('a locked thread refuses a member’s reply with 409 and a clear message, keeping what they typed; unlocking lets them reply again', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Before the lock')
		expect(statusOf(await threadForm(w.moderator, threadId, { intent: 'lock' }))).toBe(302)
		const before = await threadRow(threadId)
		expect(before.locked).toBe(true)
		expect((await openThread(w.bob, threadId)).thread.locked).toBe(true)

		const refused = await threadForm(w.bob, threadId, {
			intent: 'reply',
			body: 'My carefully typed reply',
		})
		expect(statusOf(refused)).toBe(409)
		const { result } = dataOf<Refusal>(refused)
		expect(result!.error['']).toEqual(['This thread is locked: it takes no new replies.'])
		expect(result!.initialValue.body).toBe('My carefully typed reply')
		// Nothing was written, not even the counters the reply would have claimed.
		expect(await db.post.count({ where: { threadId } })).toBe(2)
		expect(await threadRow(threadId)).toEqual(before)

		expect(statusOf(await threadForm(w.moderator, threadId, { intent: 'unlock' }))).toBe(302)
		await reply(w.bob, threadId, 'After the unlock')
		expect((await openThread(w.bob, threadId)).posts.map((p) => p.body)).toEqual([
			'The opening post.',
			'Before the lock',
			'After the unlock',
		])
	})

	test('only moderators lock, unlock, pin and unpin: a member gets 403 with a message and nothing changes', async () => {
		const w = await forumWorld()
		// Even the thread's own author is not a moderator.
		const threadId = await startThread(w.alice, w.group, {})
		for (const [intent, message] of [
			['lock', 'Only moderators can lock threads.'],
			['pin', 'Only moderators can pin threads.'],
		] as const) {
			const refused = await threadForm(w.alice, threadId, { intent })
			expect(statusOf(refused)).toBe(403)
			expect(dataOf<Refusal>(refused).error).toBe(message)
		}
		expect(await threadRow(threadId)).toMatchObject({ locked: false, pinned: false })

		await threadForm(w.moderator, threadId, { intent: 'lock' })
		await threadForm(w.moderator, threadId, { intent: 'pin' })
		for (const intent of ['unlock', 'unpin'])
			expect(statusOf(await threadForm(w.bob, threadId, { intent }))).toBe(403)
		expect(await threadRow(threadId)).toMatchObject({ locked: true, pinned: true })
	})

	test('each lock and pin says what happened, spelled right', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const toastOf = async (response: unknown) => {
			const cookie = (response as Response).headers
				.getSetCookie()
				.map((line) => line.split(';')[0]!)
				.join('; ')
			return (await getToast(makeRequest('/', { cookie }))).toast?.title
		}
		expect(await toastOf(await threadForm(w.moderator, threadId, { intent: 'pin' }))).toBe('Thread pinned')
		expect(await toastOf(await threadForm(w.moderator, threadId, { intent: 'unpin' }))).toBe('Thread unpinned')
		expect(await toastOf(await threadForm(w.moderator, threadId, { intent: 'lock' }))).toBe('Thread locked')
		expect(await toastOf(await threadForm(w.moderator, threadId, { intent: 'unlock' }))).toBe('Thread unlocked')
	})

	test('the moderator’s form brings them back to the page they were on', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const result = await callRoute(
			threadAction,
			`/t/${threadId}`,
			{ threadId },
			{
				as: w.moderator,
				form: { intent: 'pin' },
				headers: { referer: `http://localhost:3000/t/${threadId}?page=2` },
			},
		)
		expect((result as Response).headers.get('location')).toBe(`/t/${threadId}?page=2`)
	})
})

describe('pinning', () => {
	test('pinned threads are listed first, then the others by latest activity', async () => {
		const w = await forumWorld()
		const oldest = await startThread(w.alice, w.group, { title: 'Oldest thread' })
		const middle = await startThread(w.alice, w.group, { title: 'Middle thread' })
		const newest = await startThread(w.alice, w.group, { title: 'Newest thread' })
		const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000)
		for (const [id, h] of [
			[oldest, 3],
			[middle, 2],
			[newest, 1],
		] as const)
			await db.thread.update({ where: { id }, data: { lastActivityAt: hoursAgo(h) } })
		expect((await groupList(w.bob, w.group.slug)).threads.map((t) => t.id)).toEqual([
			newest,
			middle,
			oldest,
		])

		expect(statusOf(await threadForm(w.moderator, oldest, { intent: 'pin' }))).toBe(302)
		const list = await groupList(w.bob, w.group.slug)
		expect(list.threads.map((t) => t.id)).toEqual([oldest, newest, middle])
		expect(list.threads.map((t) => t.pinned)).toEqual([true, false, false])

		await threadForm(w.moderator, oldest, { intent: 'unpin' })
		expect((await groupList(w.bob, w.group.slug)).threads.map((t) => t.id)).toEqual([
			newest,
			middle,
			oldest,
		])
	})
})

describe('hiding', () => {
	test('a hidden reply is absent for members and present, marked hidden, for moderators; unhiding restores it', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Something out of line')
		await reply(w.alice, threadId, 'A fine reply')
		const offending = await postNumbered(threadId, 2)

		expect(
			statusOf(await threadForm(w.moderator, threadId, { intent: 'hide', postId: offending.id })),
		).toBe(302)
		const page = await openThread(w.alice, threadId)
		expect(page.posts.map((p) => p.number)).toEqual([1, 3])
		expect(JSON.stringify(page)).not.toContain('Something out of line')
		// Its author still sees it, with the moderator's reason.
		const forAuthor = await openThread(w.bob, threadId)
		expect(forAuthor.posts.map((p) => [p.number, p.hidden, p.hiddenReason])).toEqual([
			[1, false, null],
			[2, true, 'Off-topic for this forum'],
			[3, false, null],
		])
		const forModerator = await openThread(w.moderator, threadId)
		expect(forModerator.posts.map((p) => [p.number, p.hidden])).toEqual([
			[1, false],
			[2, true],
			[3, false],
		])
		expect(forModerator.posts[1]!.body).toBe('Something out of line')
		expect((await groupList(w.bob, w.group.slug)).threads[0]!.replyCount).toBe(1)
		// Members cannot reach the hidden post by any of its forms.
		expect(
			statusOf(await threadForm(w.alice, threadId, { intent: 'helpful', postId: offending.id })),
		).toBe(404)

		expect(
			statusOf(await threadForm(w.moderator, threadId, { intent: 'unhide', postId: offending.id })),
		).toBe(302)
		expect((await openThread(w.alice, threadId)).posts.map((p) => p.number)).toEqual([1, 2, 3])
		expect((await groupList(w.bob, w.group.slug)).threads[0]!.replyCount).toBe(2)
	})

	test('hiding the opening post hides the thread: gone from members’ list, 404 for them; moderators still see it; unhiding restores it', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, { title: 'A thread to hide' })
		const opening = await postNumbered(threadId, 1)
		expect(
			statusOf(await threadForm(w.moderator, threadId, { intent: 'hide', postId: opening.id })),
		).toBe(302)

		expect((await groupList(w.bob, w.group.slug)).threads.map((t) => t.id)).not.toContain(threadId)
		const forModerator = (await groupList(w.moderator, w.group.slug)).threads.find(
			(t) => t.id === threadId,
		)
		expect(forModerator).toMatchObject({ hidden: true })
		// Its author reads it, with the reason, and can add nothing to it.
		expect((await openThread(w.alice, threadId)).posts[0]).toMatchObject({ hidden: true, hiddenReason: 'Off-topic for this forum' })
		expect(statusOf(await threadForm(w.alice, threadId, { intent: 'reply', body: 'Still here?' }))).toBe(403)
		for (const member of [w.bob]) {
			const page = await callRoute(threadLoader, `/t/${threadId}`, { threadId }, { as: member })
			const missing = await callRoute(
				threadLoader,
				'/t/cmissing0000000000000000',
				{ threadId: 'cmissing0000000000000000' },
				{ as: member },
			)
			expect(await refusalOf(page)).toEqual({ status: 404, body: 'Not found' })
			expect(await refusalOf(page)).toEqual(await refusalOf(missing))
			expect(
				statusOf(await threadForm(member, threadId, { intent: 'reply', body: 'Still here?' })),
			).toBe(404)
			expect(statusOf(await saveDraft(member, { key: `reply:${threadId}`, body: 'x' }))).toBe(404)
		}
		expect((await openThread(w.moderator, threadId)).thread.hidden).toBe(true)

		expect(
			statusOf(await threadForm(w.moderator, threadId, { intent: 'unhide', postId: opening.id })),
		).toBe(302)
		expect((await groupList(w.bob, w.group.slug)).threads.map((t) => t.id)).toContain(threadId)
		expect((await openThread(w.bob, threadId)).posts).toHaveLength(1)
	})

	test('a member cannot hide or unhide posts', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Bob’s reply')
		const post = await postNumbered(threadId, 2)
		const refused = await threadForm(w.alice, threadId, { intent: 'hide', postId: post.id })
		expect(statusOf(refused)).toBe(403)
		expect(dataOf<Refusal>(refused).error).toBe('Only moderators can hide posts.')
		expect((await postNumbered(threadId, 2)).hiddenAt).toBeNull()
		expect((await openThread(w.alice, threadId)).posts.map((p) => p.number)).toEqual([1, 2])
	})
})
