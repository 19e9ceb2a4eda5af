// A form sent twice (its answer was lost, the member pressed again, the browser resent it) posts
// once: the second sending leads where the first did.
import { afterAll, describe, expect, test } from 'vitest'
import { loader as groupNewThreadLoader } from '#app/routes/forums/new-thread.tsx'
import { action as groupNewThreadAction } from '#app/routes/forums/new-thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { ABANDONED_AFTER_MS, KEY_LIFETIME_MS, once } from '#app/utils/idempotency.server.ts'
import { dataOf, statusOf } from '#tests/helpers.ts'
import { SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'
import type { RunningServer } from '#server/index.ts'
import { callRoute, forumWorld, openThread, startThread, threadForm } from '#tests/forum-helpers.ts'

const ago = (ms: number) => new Date(Date.now() - ms)

function replyWith(who: Parameters<typeof threadForm>[0], threadId: string, body: string, key: string) {
	return threadForm(who, threadId, { intent: 'reply', body, idempotencyKey: key })
}

async function replyCount(threadId: string) {
	return db.post.count({ where: { threadId } })
}

describe('replies', () => {
	test('the thread page hands out a fresh key with every render', async () => {
		const { alice, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const first = await openThread(alice, threadId)
		const second = await openThread(alice, threadId)
		expect(first.replyKey).toMatch(/^[0-9a-f-]{36}$/)
		expect(second.replyKey).not.toBe(first.replyKey)
	})

	test('a reply sent twice with the same key is posted once, and both answers lead to it', async () => {
		const { alice, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		const first = await replyWith(alice, threadId, 'Net 30 worked for us.', replyKey)
		const again = await replyWith(alice, threadId, 'Net 30 worked for us.', replyKey)
		expect(statusOf(first)).toBe(302)
		expect(statusOf(again)).toBe(302)
		expect((again as Response).headers.get('location')).toBe((first as Response).headers.get('location'))
		expect((first as Response).headers.get('location')).toMatch(/#post-2$/)
		expect(await replyCount(threadId)).toBe(2)
		// A new key (the page after the redirect) posts a new reply.
		const { replyKey: next } = await openThread(alice, threadId)
		expect(statusOf(await replyWith(alice, threadId, 'Net 30 worked for us.', next))).toBe(302)
		expect(await replyCount(threadId)).toBe(3)
	})

	test('sendings that race each other post once', async () => {
		const { alice, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => replyWith(alice, threadId, 'Double-clicked reply', replyKey)),
		)
		expect(answers.map(statusOf)).toEqual([302, 302, 302, 302, 302])
		expect(new Set(answers.map((a) => (a as Response).headers.get('location'))).size).toBe(1)
		expect(await replyCount(threadId)).toBe(2)
	})

	test('the same key from another member is another submission', async () => {
		const { alice, bob, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		expect(statusOf(await replyWith(alice, threadId, 'From Alice', replyKey))).toBe(302)
		expect(statusOf(await replyWith(bob, threadId, 'From Bob', replyKey))).toBe(302)
		expect(await replyCount(threadId)).toBe(3)
	})

	test('a refused reply frees its key: corrected and sent again, it is posted', async () => {
		const { alice, moderator, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		expect(statusOf(await threadForm(moderator, threadId, { intent: 'lock' }))).toBe(302)
		const refused = await replyWith(alice, threadId, 'While locked', replyKey)
		expect(statusOf(refused)).toBe(409)
		expect(await db.idempotencyKey.count({ where: { key: replyKey } })).toBe(0)
		const invalid = await replyWith(alice, threadId, '   ', replyKey)
		expect(statusOf(invalid)).toBe(400)
		expect(statusOf(await threadForm(moderator, threadId, { intent: 'unlock' }))).toBe(302)
		expect(statusOf(await replyWith(alice, threadId, 'Now it is open', replyKey))).toBe(302)
		expect(await replyCount(threadId)).toBe(2)
	})

	test('a first sending still in progress: the resend is told to wait, not posted', async () => {
		const { alice, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		// As left by a first attempt that has claimed the key and is still running.
		await db.idempotencyKey.create({ data: { userId: alice.id, key: replyKey } })
		const started = Date.now()
		const resend = await replyWith(alice, threadId, 'Slow first attempt', replyKey)
		expect(Date.now() - started).toBeGreaterThanOrEqual(4_000)
		expect(statusOf(resend)).toBe(409)
		const answer = dataOf<{ result: { error: Record<string, string[]> } }>(resend)
		expect(answer.result.error['']).toEqual([expect.stringMatching(/still being sent/)])
		expect(await replyCount(threadId)).toBe(1)
	})

	test('a process died after saving the reply, before recording it: the resend finds it', async () => {
		const { alice, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		const claimedAt = ago(ABANDONED_AFTER_MS + 5_000)
		await db.idempotencyKey.create({ data: { userId: alice.id, key: replyKey, createdAt: claimedAt } })
		const thread = await db.thread.update({ where: { id: threadId }, data: { lastPostNumber: 2 } })
		await db.post.create({
			data: { threadId, number: thread.lastPostNumber, authorId: alice.id, body: 'Saved before the crash', bodyHtml: '<p>Saved before the crash</p>', createdAt: ago(ABANDONED_AFTER_MS) },
		})
		const resend = await replyWith(alice, threadId, 'Saved before the crash', replyKey)
		expect((resend as Response).headers.get('location')).toMatch(/#post-2$/)
		expect(await replyCount(threadId)).toBe(2)
		expect((await db.idempotencyKey.findFirstOrThrow({ where: { key: replyKey } })).location).toMatch(/#post-2$/)
	})

	test('a process died before saving the reply: the resend posts it', async () => {
		const { alice, group } = await forumWorld()
		const threadId = await startThread(alice, { slug: group.slug }, {})
		const { replyKey } = await openThread(alice, threadId)
		await db.idempotencyKey.create({ data: { userId: alice.id, key: replyKey, createdAt: ago(ABANDONED_AFTER_MS + 5_000) } })
		const resend = await replyWith(alice, threadId, 'Never saved the first time', replyKey)
		expect(statusOf(resend)).toBe(302)
		expect(await replyCount(threadId)).toBe(2)
	})
})

describe('new threads', () => {
	test('a new thread sent twice with the same key is created once', async () => {
		const { alice, group, forum } = await forumWorld()
		const page = await callRoute(groupNewThreadLoader, `/g/${group.slug}/forum/new`, { slug: group.slug }, { as: alice })
		const key = (page as { form: { idempotencyKey: string } }).form.idempotencyKey
		expect(key).toMatch(/^[0-9a-f-]{36}$/)
		const form = { kind: 'discussion', title: 'Payment terms for distributors', body: 'What do you use?', categoryId: forum.categoryId, idempotencyKey: key }
		const send = () => callRoute(groupNewThreadAction, `/g/${group.slug}/forum/new`, { slug: group.slug }, { as: alice, form })
		const [first, second] = await Promise.all([send(), send()])
		const third = await send()
		const locations = [first, second, third].map((answer) => (answer as Response).headers.get('location'))
		expect([first, second, third].map(statusOf)).toEqual([302, 302, 302])
		expect(new Set(locations).size).toBe(1)
		expect(await db.thread.count({ where: { forumId: forum.id, title: 'Payment terms for distributors' } })).toBe(1)
	})

	test('a form without a key (a page rendered before keys existed) still posts', async () => {
		const { alice, group } = await forumWorld()
		await startThread(alice, { slug: group.slug }, { title: 'No key at all' })
		await startThread(alice, { slug: group.slug }, { title: 'No key at all' })
		expect(await db.thread.count({ where: { title: 'No key at all' } })).toBe(2)
	})
})

test('keys are forgotten after a day', async () => {
	const { alice } = await forumWorld()
	await db.idempotencyKey.create({ data: { userId: alice.id, key: 'old-key-0000000000000', location: '/t/x', createdAt: ago(KEY_LIFETIME_MS + 60_000) } })
	await db.idempotencyKey.create({ data: { userId: alice.id, key: 'new-key-0000000000000', location: '/t/y', createdAt: ago(60_000) } })
	// The sweep runs at most once a minute per process: ask as if a while had passed.
	const later = () => new Date(Date.now() + 10 * 60_000)
	const outcome = await once(alice.id, 'any-key-0000000000000', async () => ({ location: '/t/z' }), { busy: () => null, now: later })
	expect(outcome).toEqual({ location: '/t/z' })
	const keys = await db.idempotencyKey.findMany({ where: { userId: alice.id }, select: { key: true } })
	expect(keys.map((k) => k.key).sort()).toEqual(['any-key-0000000000000', 'new-key-0000000000000'])
})

describe('through the running server, as a browser without JavaScript would', () => {
	let server: RunningServer | undefined
	afterAll(async () => {
		await server?.close()
	})

	test(
		'the page carries the key in the form; the browser resending the post gets the first answer',
		async () => {
			const { alice, group } = await forumWorld()
			const threadId = await startThread(alice, { slug: group.slug }, {})
			server = await startTestServer()
			const page = await fetch(`${server.url}/t/${threadId}`, { headers: { cookie: alice.cookie } })
			const html = await page.text()
			const key = /<input type="hidden" name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1]
			expect(key).toMatch(/^[0-9a-f-]{36}$/)
			const send = () =>
				fetch(`${server!.url}/t/${threadId}`, {
					method: 'POST',
					headers: { cookie: alice.cookie, origin: server!.url, 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ intent: 'reply', quotedPostId: '', idempotencyKey: key!, body: 'Sent, answer lost, sent again' }),
					redirect: 'manual',
				})
			const first = await send()
			const again = await send()
			expect([first.status, again.status]).toEqual([302, 302])
			expect(again.headers.get('location')).toBe(first.headers.get('location'))
			expect(await db.post.count({ where: { threadId, body: 'Sent, answer lost, sent again' } })).toBe(1)
		},
		SERVER_START_TIMEOUT,
	)
})
