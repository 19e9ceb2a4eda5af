// Notifications end to end: posts written through the thread routes, read back through the
// notifications routes, the bell's count route and the root loader; the live event over a real socket.
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { createThread } from '#app/modules/forums/posts.server.ts'
import { bellLabel, NOTIFICATION_EVENT } from '#app/modules/notifications/notifications.ts'
import { loader as rootLoader } from '#app/root.tsx'
import { action as newThreadAction } from '#app/routes/forums/new-thread.tsx'
import { action as notificationsAction, loader as notificationsLoader } from '#app/routes/notifications.tsx'
import { loader as countLoader } from '#app/routes/resources/notifications-count.ts'
import { loader as openLoader } from '#app/routes/resources/open-notification.ts'
import { action as threadAction, loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import type { RunningServer } from '#server/index.ts'
import { createGroupWith, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf } from '#tests/helpers.ts'
import { connected, connectSocket, nextEvent, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

type Member = Awaited<ReturnType<typeof createUser>> & { cookie: string }

async function member(name: string): Promise<Member> {
	const user = await createUser({ name })
	return { ...user, cookie: await sessionCookieFor(user.id) }
}

/** A group of Ada (moderator), Ben and Cy, with Olga outside it. */
async function setup() {
	const [ada, ben, cy, olga] = [await member('Ada Starter'), await member('Ben Replier'), await member('Cy Reader'), await member('Olga Outsider')]
	const group = await createGroupWith({ moderator: ada, members: [ben, cy] })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	return { ada, ben, cy, olga, group, forum }
}

type Setup = Awaited<ReturnType<typeof setup>>

async function startThread({ group, forum }: Setup, author: Member, body: string, kind = 'discussion'): Promise<string> {
	const result = await settle(
		runRoute(newThreadAction, {
			request: makeRequest(`/g/${group.slug}/forum/new`, {
				cookie: author.cookie,
				form: { kind, title: 'Vendor rebates this quarter', categoryId: forum.categories[0]!.id, tags: '', body },
			}),
			params: { slug: group.slug },
			context: createTestContext(),
		}),
	)
	expect(statusOf(result)).toBe(302)
	return (result as Response).headers.get('location')!.split('/t/')[1]!
}

async function postToThread(threadId: string, author: Member, form: Record<string, string>) {
	const result = await settle(
		runRoute(threadAction, { request: makeRequest(`/t/${threadId}`, { cookie: author.cookie, form }), params: { threadId }, context: createTestContext() }),
	)
	expect(statusOf(result)).toBeLessThan(400)
	return result
}

async function reply(threadId: string, author: Member, body: string, extra: Record<string, string> = {}) {
	await postToThread(threadId, author, { intent: 'reply', body, ...extra })
	return db.post.findFirstOrThrow({ where: { threadId, authorId: author.id }, orderBy: { number: 'desc' } })
}

async function received(user: { id: string }) {
	return db.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' }, select: { type: true, postId: true, actorId: true, threadId: true, readAt: true } })
}

async function unreadCount(user: Member): Promise<number> {
	const response = (await runRoute(countLoader, { request: makeRequest('/resources/notifications-count', { cookie: user.cookie }), params: {}, context: createTestContext() })) as Response
	expect(response.status).toBe(200)
	return ((await response.json()) as { count: number }).count
}

type ListData = { unread: number; pageCount: number; notifications: Array<{ id: string; phrase: string; title: string; read: boolean; actor: { name: string } | null; note: string | null }> }

async function notificationsPage(user: Member, page = 1): Promise<ListData> {
	return dataOf<ListData>(
		await runRoute(notificationsLoader, { request: makeRequest(`/notifications${page > 1 ? `?page=${page}` : ''}`, { cookie: user.cookie }), params: {}, context: createTestContext() }),
	)
}

describe('who is notified about a post', () => {
	test('a reply notifies the thread’s starter (watching) but not the replier', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const post = await reply(threadId, s.ben, 'We did, it took a month.')
		expect(await received(s.ada)).toMatchObject([{ type: 'reply', postId: post.id, actorId: s.ben.id, threadId }])
		expect(await received(s.ben)).toEqual([])
		// Ben now watches the thread he replied in: Ada’s answer notifies him, not her.
		await reply(threadId, s.ada, 'Thanks!')
		expect((await received(s.ben)).map((n) => n.type)).toEqual(['reply'])
		expect(await received(s.ada)).toHaveLength(1)
	})

	test('tracking members get no reply notifications, but do get mentions', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		await postToThread(threadId, s.cy, { intent: 'level', level: 'tracking' })
		await reply(threadId, s.ben, 'We did.')
		expect(await received(s.cy)).toEqual([])
		const post = await reply(threadId, s.ben, `@${s.cy.handle} you asked about this last week.`)
		expect(await received(s.cy)).toMatchObject([{ type: 'mention', postId: post.id, actorId: s.ben.id }])
	})

	test('muted members get nothing, even when mentioned or quoted', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const cyPost = await reply(threadId, s.cy, 'Not yet.')
		await postToThread(threadId, s.cy, { intent: 'level', level: 'muted' })
		await reply(threadId, s.ben, `@${s.cy.handle} here is how`, { quotedPostId: cyPost.id })
		expect(await received(s.cy)).toEqual([])
	})

	test('mentioning someone outside the group notifies no one and stays plain text', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const post = await reply(threadId, s.ben, `Maybe @${s.olga.handle} knows?`)
		expect(await received(s.olga)).toEqual([])
		expect(post.bodyHtml).toContain(`@${s.olga.handle}`)
		expect(post.bodyHtml).not.toContain('<a')
	})

	test('quoting a post notifies its author', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		await postToThread(threadId, s.cy, { intent: 'level', level: 'tracking' })
		const cyPost = await reply(threadId, s.cy, 'We are still waiting.')
		// Cy chose tracking, so this is only for the quote.
		const quoting = await reply(threadId, s.ben, '> We are still waiting.\n\nSame here.', { quotedPostId: cyPost.id })
		expect(await received(s.cy)).toMatchObject([{ type: 'quote', postId: quoting.id, actorId: s.ben.id }])
	})

	test('accepting an answer notifies the reply’s author', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'How do you claim the Q3 rebate?', 'question')
		const answer = await reply(threadId, s.ben, 'Through the partner portal.')
		await postToThread(threadId, s.ada, { intent: 'accept', postId: answer.id })
		expect(await received(s.ben)).toMatchObject([{ type: 'accepted', postId: answer.id, actorId: s.ada.id }])
	})

	test('one notification per person per post: a mentioned watcher gets only the mention', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const post = await reply(threadId, s.ben, `@${s.ada.handle} we did.`)
		expect(await received(s.ada)).toMatchObject([{ type: 'mention', postId: post.id }])
	})
})

// Who is notified where they may not read (hidden threads, the community forum for a site admin
// in no group) is in the doors table: tests/integration/doors.test.ts.

describe('reading notifications', () => {
	test('the list says who did what where, newest first, and pages by 30', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		await reply(threadId, s.ben, 'We did.')
		await reply(threadId, s.cy, `@${s.ada.handle} not yet.`)
		const page = await notificationsPage(s.ada)
		expect(page.unread).toBe(2)
		expect(page.notifications.map((n) => `${n.actor?.name} ${n.phrase} ${n.title}`)).toEqual([
			'Cy Reader mentioned you in Vendor rebates this quarter',
			'Ben Replier replied in Vendor rebates this quarter',
		])
		expect(page.notifications.every((n) => !n.read)).toBe(true)

		const post = await db.post.findFirstOrThrow({ where: { threadId, number: 2 } })
		await db.notification.createMany({
			data: Array.from({ length: 30 }, (_, i) => ({ userId: s.ada.id, type: 'reply', subjectKind: 'forum.post', subjectId: post.id, threadId, postId: post.id, actorId: s.ben.id, createdAt: new Date(Date.UTC(2020, 0, 1, 0, i)) })),
		})
		expect((await notificationsPage(s.ada)).pageCount).toBe(2)
		expect((await notificationsPage(s.ada, 2)).notifications).toHaveLength(2)
	})

	test('a notification about a deleted post still leads to the thread', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const post = await reply(threadId, s.ben, 'We did.')
		await postToThread(threadId, s.ben, { intent: 'delete', postId: post.id })
		const [notification] = (await notificationsPage(s.ada)).notifications
		expect(notification).toMatchObject({ note: 'the post has since been deleted' })
		const opened = await settle(runRoute(openLoader, { request: makeRequest(`/notifications/${notification!.id}`, { cookie: s.ada.cookie }), params: { notificationId: notification!.id }, context: createTestContext() }))
		expect((opened as Response).headers.get('location')).toBe(`/t/${threadId}?post=${post.number}`)
	})

	test('opening one marks it read and leads to the post; mark all reads the rest', async () => {
		const s = await setup()
		const first = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const second = await startThread(s, s.ada, 'Who has claimed the Q4 rebate?')
		const post = await reply(first, s.ben, 'We did.')
		await reply(second, s.ben, 'We did too.')
		expect(await unreadCount(s.ada)).toBe(2)
		const notification = await db.notification.findFirstOrThrow({ where: { userId: s.ada.id, postId: post.id } })

		// Someone else’s notification: nothing happens to it, and nothing is revealed.
		const foreign = await settle(runRoute(openLoader, { request: makeRequest(`/notifications/${notification.id}`, { cookie: s.ben.cookie }), params: { notificationId: notification.id }, context: createTestContext() }))
		expect((foreign as Response).headers.get('location')).toBe('/notifications')
		expect(await unreadCount(s.ada)).toBe(2)

		const opened = await settle(runRoute(openLoader, { request: makeRequest(`/notifications/${notification.id}`, { cookie: s.ada.cookie }), params: { notificationId: notification.id }, context: createTestContext() }))
		expect(statusOf(opened)).toBe(302)
		expect((opened as Response).headers.get('location')).toBe(`/t/${first}?post=${post.number}`)
		expect(await unreadCount(s.ada)).toBe(1)
		expect((await notificationsPage(s.ada)).notifications.map((n) => n.read)).toEqual([false, true])

		const done = await settle(runRoute(notificationsAction, { request: makeRequest('/notifications', { cookie: s.ada.cookie, form: { intent: 'read-all' } }), params: {}, context: createTestContext() }))
		expect(statusOf(done)).toBe(302)
		expect(await unreadCount(s.ada)).toBe(0)
		expect((await notificationsPage(s.ada)).notifications.map((n) => n.read)).toEqual([true, true])
	})

	test('opening a notification reads its thread’s others too, as the thread page it leads to would', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		await reply(threadId, s.ben, 'We did.')
		await reply(threadId, s.cy, 'So did we.')
		const [newest] = (await notificationsPage(s.ada)).notifications
		await runRoute(openLoader, { request: makeRequest(`/notifications/${newest!.id}`, { cookie: s.ada.cookie }), params: { notificationId: newest!.id }, context: createTestContext() })
		// Done before the redirect, so the next page’s root loader already counts none.
		expect(await unreadCount(s.ada)).toBe(0)
	})

	test('opening a thread reads its notifications, and only its own', async () => {
		const s = await setup()
		const first = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const second = await startThread(s, s.ada, 'Who has claimed the Q4 rebate?')
		await reply(first, s.ben, 'We did.')
		await reply(first, s.cy, 'So did we.')
		await reply(second, s.ben, 'We did too.')
		expect(await unreadCount(s.ada)).toBe(3)
		await runRoute(threadLoader, { request: makeRequest(`/t/${first}`, { cookie: s.ada.cookie }), params: { threadId: first }, context: createTestContext() })
		expect(await unreadCount(s.ada)).toBe(1)
		expect((await received(s.ada)).filter((n) => n.readAt === null).map((n) => n.threadId)).toEqual([second])
	})

	test('leaving a group takes its notifications out of the count and the list', async () => {
		const s = await setup()
		// Ben is also in a second group, so he can still read the community forum after leaving the first.
		await createGroupWith({ moderator: s.ben })
		const groupThread = await startThread(s, s.ben, 'Who has claimed the Q3 rebate?')
		await reply(groupThread, s.ada, 'We did.')
		await ensureCommunityForum()
		const category = await db.category.findFirstOrThrow({ where: { forumId: COMMUNITY_FORUM_ID } })
		const { threadId: communityThread } = await createThread(s.ben, COMMUNITY_FORUM_ID, { kind: 'discussion', title: 'Hello everyone', categoryId: category.id, tags: [], body: 'Hi!' }, createTestContext().realtime)
		await reply(communityThread, s.ada, 'Welcome!')
		expect(await unreadCount(s.ben)).toBe(2)

		await db.membership.delete({ where: { userId_groupId: { userId: s.ben.id, groupId: s.group.id } } })
		expect(await unreadCount(s.ben)).toBe(1)
		const page = await notificationsPage(s.ben)
		expect(page.unread).toBe(1)
		expect(page.notifications.map((n) => n.title)).toEqual(['Hello everyone'])
		const root = dataOf<{ unreadNotifications: number }>(await runRoute(rootLoader, { request: makeRequest('/', { cookie: s.ben.cookie }), params: {}, context: createTestContext() }))
		expect(root.unreadNotifications).toBe(1)
	})

	test('the root loader carries the unread count for the bell, and the bell says it', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		await reply(threadId, s.ben, 'We did.')
		await reply(threadId, s.cy, 'So did we.')
		const root = dataOf<{ unreadNotifications: number }>(await runRoute(rootLoader, { request: makeRequest('/', { cookie: s.ada.cookie }), params: {}, context: createTestContext() }))
		expect(root.unreadNotifications).toBe(2)
		expect(bellLabel(2)).toBe('Notifications, 2 unread')
		expect(bellLabel(0)).toBe('Notifications')
	})
})

describe('the live event', () => {
	let server: RunningServer
	const sockets: Socket[] = []

	beforeAll(async () => {
		server = await startTestServer()
	}, SERVER_START_TIMEOUT)

	afterEach(() => {
		for (const socket of sockets.splice(0)) socket.disconnect()
	})

	afterAll(async () => {
		await server?.close()
	})

	async function openAs(user: Member): Promise<Socket> {
		const socket = connectSocket(server.url, { cookie: user.cookie })
		sockets.push(socket)
		return connected(socket)
	}

	test('a mention reaches the mentioned member’s sockets, and not another member’s', async () => {
		const s = await setup()
		const threadId = await startThread(s, s.ada, 'Who has claimed the Q3 rebate?')
		const [b, c] = [await openAs(s.ben), await openAs(s.cy)]
		const seenByCy: unknown[] = []
		c.on(NOTIFICATION_EVENT, (payload) => seenByCy.push(payload))
		const benHears = nextEvent<{ subjectKind: string; subjectId: string }>(b, NOTIFICATION_EVENT)

		// Ada mentions Ben through the running server, as the browser would post the reply form.
		const response = await fetch(`${server.url}/t/${threadId}`, {
			method: 'POST',
			headers: { cookie: s.ada.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'reply', body: `@${s.ben.handle} have a look` }),
			redirect: 'manual',
		})
		expect(response.status).toBe(302)
		const mention = await db.post.findFirstOrThrow({ where: { threadId, number: 2 }, select: { id: true } })
		expect(await benHears).toEqual({ subjectKind: 'forum.post', subjectId: mention.id })

		// A round trip on Cy's socket after the event: anything sent to Cy would have arrived first.
		await c.timeout(10_000).emitWithAck('presence:leave', {})
		expect(seenByCy).toEqual([])
		expect(await received(s.cy)).toEqual([])
	})
})
