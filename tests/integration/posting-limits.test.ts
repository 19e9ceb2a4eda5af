// What one member can make the server do by posting: hostile markdown is refused in a worker
// while everybody else is served, posts keep a minimum gap, mentions are capped.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { backfillPlainText, PLAIN_TEXT_BACKFILL } from '#app/modules/forums/plain-text-backfill.server.ts'
import { db } from '#app/utils/db.server.ts'
import { changeEnv, dataOf, statusOf } from '#tests/helpers.ts'
import { forumWorld, person, postsOf, reply, startThread, threadForm } from '#tests/forum-helpers.ts'
import { send, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'
import type { RunningServer } from '#server/index.ts'

type World = Awaited<ReturnType<typeof forumWorld>>
let w: World
let threadId: string

function errorOf(result: unknown): string {
	const body = dataOf<{ result?: { error?: Record<string, string[] | null> } }>(result)
	return Object.values(body.result?.error ?? {})
		.flat()
		.join(' ')
}

beforeAll(async () => {
	w = await forumWorld()
	threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'Rebates this quarter' })
})

describe('hostile markdown', () => {
	const hostile: Array<[string, string]> = [
		['6,666 stacked list markers', '- '.repeat(6666) + 'x'],
		['deep quotes', '> '.repeat(200) + 'x'],
		['deep ordered lists', '1. '.repeat(300) + 'x'],
	]

	test.each(hostile)('a reply of %s is refused with a clear message and saves nothing', async (_name, body) => {
		const before = (await postsOf(threadId)).length
		const result = await threadForm(w.bob, threadId, { intent: 'reply', body })
		expect(statusOf(result)).toBe(400)
		expect(errorOf(result)).toMatch(/nest at most/)
		expect((await postsOf(threadId)).length).toBe(before)
	})

	test('stored posts carry their plain text, so no read parses markdown', async () => {
		await reply(w.bob, threadId, 'Claim the **MDF** before _Friday_, see [the portal](https://partner.example.com).')
		const posts = await db.post.findMany({ where: { threadId }, orderBy: { number: 'asc' }, select: { bodyText: true } })
		expect(posts.at(-1)!.bodyText).toBe('Claim the MDF before Friday, see the portal.')
	})

	test('posts written before plain text was stored get it once, in the background', async () => {
		// A database upgraded from before plain text: rows without it, and no finished pass recorded.
		await db.scheduledWorkDone.deleteMany({ where: { key: PLAIN_TEXT_BACKFILL } })
		const post = await db.post.findFirstOrThrow({ where: { threadId, number: 1 } })
		await db.post.update({ where: { id: post.id }, data: { bodyText: '' } })
		expect(await backfillPlainText()).toBeGreaterThanOrEqual(1)
		expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).bodyText).toBe('The opening post.')
		expect(await db.scheduledWorkDone.findUnique({ where: { key: PLAIN_TEXT_BACKFILL } })).not.toBeNull()

		// Later starts skip the pass without reading the posts (this row, emptied by hand, stays so).
		await db.post.update({ where: { id: post.id }, data: { bodyText: '' } })
		expect(await backfillPlainText()).toBe(0)
		expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).bodyText).toBe('')
		await db.post.update({ where: { id: post.id }, data: { bodyText: 'The opening post.' } })
	})
})

describe('posting gaps and mentions', () => {
	let restoreEnv = () => {}
	afterEach(() => restoreEnv())

	test('a second post within the gap is refused with 429 and how long to wait; the gap is longer on a new account', async () => {
		restoreEnv = changeEnv({ POST_MIN_GAP_SECONDS: 30, NEW_ACCOUNT_POST_MIN_GAP_SECONDS: 120 })
		const veteran = w.bob
		await db.user.update({ where: { id: veteran.id }, data: { createdAt: new Date(Date.now() - 7 * 86_400_000) } })
		await db.post.updateMany({ where: { authorId: veteran.id }, data: { createdAt: new Date(Date.now() - 60_000) } })
		await reply(veteran, threadId, 'First, after a minute of quiet.')
		const again = await threadForm(veteran, threadId, { intent: 'reply', body: 'And straight away again.' })
		expect(statusOf(again)).toBe(429)
		expect(errorOf(again)).toMatch(/wait (30|29) seconds/)

		const newcomer = await person({ name: 'Nina Newcomer' })
		await db.membership.create({ data: { userId: newcomer.id, groupId: w.group.id, role: 'member' } })
		await reply(newcomer, threadId, 'Hello everyone.')
		const quick = await threadForm(newcomer, threadId, { intent: 'reply', body: 'One more thing.' })
		expect(statusOf(quick)).toBe(429)
		expect(errorOf(quick)).toMatch(/new account.*wait (120|119) seconds/)
	})

	test('more than ten members mentioned in one post is refused; mentions per hour are capped', async () => {
		const crowd = await Promise.all(Array.from({ length: 11 }, (_, i) => person({ name: `Crowd Member ${i}` })))
		await db.membership.createMany({ data: crowd.map((c) => ({ userId: c.id, groupId: w.group.id, role: 'member' })) })
		const everyone = crowd.map((c) => `@${c.handle}`).join(' ')
		const tooMany = await threadForm(w.alice, threadId, { intent: 'reply', body: `Heads up ${everyone}` })
		expect(statusOf(tooMany)).toBe(400)
		expect(errorOf(tooMany)).toMatch(/at most 10 members in one post/)

		restoreEnv = changeEnv({ MENTIONS_PER_HOUR: 4 })
		await reply(w.alice, threadId, `Heads up ${crowd.slice(0, 3).map((c) => `@${c.handle}`).join(' ')}`)
		const over = await threadForm(w.alice, threadId, { intent: 'reply', body: `And ${crowd.slice(3, 5).map((c) => `@${c.handle}`).join(' ')}` })
		expect(statusOf(over)).toBe(429)
		expect(errorOf(over)).toMatch(/at most 4 members an hour, and have mentioned 3/)
		// Without mentions the same member still posts.
		await reply(w.alice, threadId, 'No mentions this time.')
	})
})

describe('against the running server', () => {
	let server: RunningServer
	beforeAll(async () => {
		server = await startTestServer()
	}, SERVER_START_TIMEOUT)
	afterAll(async () => {
		await server?.close()
	})

	test('/healthz keeps answering while a member posts a body that takes the parser seconds', async () => {
		// On the main thread this body froze every request for about 20 s.
		const body = '*_'.repeat(9_999)
		const started = performance.now()
		let settled = false
		const posting = fetch(`${server.url}/t/${threadId}`, {
			method: 'POST',
			headers: { cookie: w.bob.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'reply', body }),
			redirect: 'manual',
		}).then(async (response) => {
			settled = true
			return { status: response.status, text: await response.text() }
		})
		let answered = 0
		let slowest = 0
		while (!settled) {
			const asked = performance.now()
			expect((await send(`${server.url}/healthz`)).status).toBe(200)
			slowest = Math.max(slowest, performance.now() - asked)
			answered += 1
			await new Promise((resolve) => setTimeout(resolve, 25))
		}
		const duration = performance.now() - started
		const { status, text } = await posting
		// Refused by the time limit, with a message and the text kept: never a 500.
		expect(status).toBe(400)
		expect(text).toContain('too complex to display')
		// The health check never waited for the render: several answers, each far shorter than it.
		expect(answered).toBeGreaterThanOrEqual(5)
		expect(slowest).toBeLessThan(duration / 2)
	})
})
