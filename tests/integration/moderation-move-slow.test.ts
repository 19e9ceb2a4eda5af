// Moving a thread between categories and forums, and slow mode on a thread.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { facet } from '#app/modules/search/facets.ts'
import { searchPosts } from '#app/modules/search/search.server.ts'
import {
	listNotifications,
	unreadNotificationCount,
} from '#app/modules/notifications/notifications.server.ts'
import { action as moveAction, loader as moveLoader } from '#app/routes/threads/move.tsx'
import { loader as threadLoader } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import { rooms } from '#app/utils/realtime.ts'
import { attachRealtime, type Realtime } from '#server/realtime/index.ts'
import { changedTables, databaseDigest } from '#tests/db-digest.ts'
import {
	callRoute,
	forumWorld,
	groupList,
	openThread,
	person,
	reply,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'
import { createGroupWith, createTestContext, dataOf, statusOf } from '#tests/helpers.ts'
import { connected, connectSocket } from '#tests/running-server.ts'

type World = Awaited<ReturnType<typeof forumWorld>>
let w: World
/** Moderates group A (Mona's) and group C; Carl is a member of group C only. */
let multi: Person
let carl: Person
let groupC: { id: string; slug: string }
let forumC: { id: string; categoryIds: string[] }
let forumA: { id: string; categoryIds: string[] }

async function categoriesOf(forumId: string) {
	return (
		await db.category.findMany({
			where: { forumId },
			orderBy: { position: 'asc' },
			select: { id: true },
		})
	).map((c) => c.id)
}

beforeAll(async () => {
	w = await forumWorld()
	multi = await person({ name: 'Max Multi-Moderator' })
	carl = await person({ name: 'Carl Group-C' })
	await db.membership.create({ data: { userId: multi.id, groupId: w.group.id, role: 'moderator' } })
	groupC = await createGroupWith({ moderator: multi, members: [carl], name: 'Group C' })
	const cForum = await db.forum.findUniqueOrThrow({
		where: { groupId: groupC.id },
		select: { id: true },
	})
	forumC = { id: cForum.id, categoryIds: await categoriesOf(cForum.id) }
	forumA = { id: w.forum.id, categoryIds: await categoriesOf(w.forum.id) }
})

const movePage = (who: Person, threadId: string) =>
	callRoute(moveLoader, `/t/${threadId}/move`, { threadId }, { as: who })
const move = (who: Person, threadId: string, categoryId: string, context = createTestContext()) =>
	callRoute(
		moveAction,
		`/t/${threadId}/move`,
		{ threadId },
		{ as: who, form: { categoryId }, context },
	)

type Destinations = Array<{ forumId: string; categories: Array<{ id: string }> }>
const destinationsOf = async (who: Person, threadId: string) =>
	dataOf<{ destinations: Destinations }>(await movePage(who, threadId)).destinations

describe('where a thread may go', () => {
	test('a group’s moderator is offered their own forum’s other categories only', async () => {
		const threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'Where to bank' })
		const offered = await destinationsOf(w.moderator, threadId)
		expect(offered.map((d) => d.forumId)).toEqual([forumA.id])
		expect(offered[0]!.categories.map((c) => c.id)).toEqual(forumA.categoryIds.slice(1))
	})

	test('a moderator of two groups is offered both forums; a site admin any forum', async () => {
		const threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'Two groups' })
		expect((await destinationsOf(multi, threadId)).map((d) => d.forumId).sort()).toEqual(
			[forumA.id, forumC.id].sort(),
		)
		const communityThread = await startThread(w.alice, 'community', { title: 'In the community' })
		const adminOffered = (await destinationsOf(w.admin, communityThread)).map((d) => d.forumId)
		expect(adminOffered).toEqual(expect.arrayContaining([w.community.id, forumA.id, forumC.id]))
	})

	test('members, other groups’ moderators and strangers do not find the page', async () => {
		const threadId = await startThread(
			w.alice,
			{ slug: w.group.slug },
			{ title: 'Not for members' },
		)
		for (const who of [w.alice, w.outsider, w.loner, w.admin])
			expect(statusOf(await movePage(who, threadId))).toBe(404)
	})

	test('a move to a forum the moderator does not run, the same category or nowhere is refused and changes nothing', async () => {
		const threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'Stays put' })
		const bForum = await db.forum.findUniqueOrThrow({
			where: { groupId: w.otherGroup.id },
			select: { id: true },
		})
		const cases: Array<[Person, string, number, RegExp]> = [
			[w.moderator, (await categoriesOf(bForum.id))[0]!, 403, /only to forums you moderate/],
			[w.moderator, forumC.categoryIds[0]!, 403, /only to forums you moderate/],
			[w.moderator, w.community.categoryId, 403, /only to forums you moderate/],
			[w.moderator, forumA.categoryIds[0]!, 400, /already there/],
			[w.moderator, 'no-such-category', 403, /only to forums you moderate/],
			[w.moderator, '', 400, /Choose where/],
		]
		for (const [who, categoryId, status, message] of cases) {
			const before = await databaseDigest()
			const result = await move(who, threadId, categoryId)
			expect(statusOf(result), categoryId).toBe(status)
			expect(dataOf<{ error: string }>(result).error).toMatch(message)
			expect(changedTables(before, await databaseDigest())).toEqual([])
		}
	})
})

describe('a moved thread', () => {
	let httpServer: HttpServer
	let realtime: Realtime
	let url: string
	const sockets: Socket[] = []

	beforeAll(async () => {
		httpServer = createServer()
		realtime = await attachRealtime(httpServer)
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
		url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
	})

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect()
		await realtime?.close()
		await new Promise((resolve) => httpServer?.close(resolve))
	})

	async function joinThread(who: Person, threadId: string) {
		const socket = await connected(connectSocket(url, { cookie: who.cookie }))
		sockets.push(socket)
		expect(await socket.timeout(5000).emitWithAck('thread:join', { threadId })).toEqual({
			ok: true,
		})
		return socket
	}

	test('into another group’s forum: keeps its address, leaves the old lists, counts, search and notifications, and its old readers’ rooms', async () => {
		const threadId = await startThread(
			w.alice,
			{ slug: w.group.slug },
			{ title: 'Quarterly pricing review', body: 'How do you handle the xylophonic uplift?' },
		)
		await reply(w.bob, threadId, 'We add it to the renewal, xylophonic or not.')
		const aliceUnread = await unreadNotificationCount(w.alice.id)
		expect(aliceUnread).toBeGreaterThan(0)
		const countsBefore = await db.forum.findMany({
			where: { id: { in: [forumA.id, forumC.id] } },
			select: { id: true, threadCount: true, visibleThreadCount: true },
		})
		const aliceSocket = await joinThread(w.alice, threadId)
		const moderatorSocket = await joinThread(multi, threadId)
		const target = forumC.categoryIds[1]!

		const result = await move(
			multi,
			threadId,
			target,
			createTestContext({ realtime: realtime.publisher }),
		)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(`/t/${threadId}`)

		// The same address, for the new forum's readers; gone for the old forum's.
		const page = await openThread(carl, threadId, '?post=2').catch((error: Error) => error.message)
		expect(page).toMatch(/302/)
		expect((await openThread(carl, threadId)).thread.forum.id).toBe(forumC.id)
		expect(
			statusOf(await callRoute(threadLoader, `/t/${threadId}`, { threadId }, { as: w.alice })),
		).toBe(404)

		// Lists and counts.
		expect((await groupList(w.moderator, w.group.slug)).threads.map((t) => t.id)).not.toContain(
			threadId,
		)
		const categorySlug = (await db.category.findUniqueOrThrow({ where: { id: target } })).slug
		const cList = await groupList(carl, groupC.slug, `?category=${categorySlug}`)
		expect(cList.threads.map((t) => t.id)).toContain(threadId)
		const countsAfter = await db.forum.findMany({
			where: { id: { in: [forumA.id, forumC.id] } },
			select: { id: true, threadCount: true, visibleThreadCount: true },
		})
		const delta = (id: string) => {
			const [b, a] = [countsBefore.find((f) => f.id === id)!, countsAfter.find((f) => f.id === id)!]
			return [a.threadCount - b.threadCount, a.visibleThreadCount - b.visibleThreadCount]
		}
		expect(delta(forumA.id)).toEqual([-1, -1])
		expect(delta(forumC.id)).toEqual([1, 1])
		expect((await db.category.findUniqueOrThrow({ where: { id: target } })).threadCount).toBe(1)

		// Search: found by the new forum's readers, by its forum and category, and no longer by the old's.
		expect((await searchPosts(carl, { q: 'xylophonic' })).total).toBeGreaterThan(0)
		expect(
			(await searchPosts(carl, { q: 'xylophonic', forumId: forumC.id, categoryId: target })).total,
		).toBeGreaterThan(0)
		expect((await searchPosts(w.alice, { q: 'xylophonic' })).total).toBe(0)
		expect((await searchPosts(w.moderator, { q: 'xylophonic', forumId: forumA.id })).total).toBe(0)
		const documents = await db.searchDocument.findMany({ where: { threadId } })
		expect(documents).toHaveLength(2)
		for (const doc of documents) {
			expect(doc.scope).toBe(forumC.id)
			expect(doc.facets).toContain(facet.forum(forumC.id))
			expect(doc.facets).not.toContain(facet.forum(forumA.id))
		}

		// Notifications about it go with the access to it.
		expect(
			(await listNotifications(w.alice.id, 1)).rows.map((n) => n.link.href).join(' '),
		).not.toContain(threadId)
		expect(await unreadNotificationCount(w.alice.id)).toBeLessThan(aliceUnread)

		// Alice's open page left the thread's room; its moderator's stayed.
		await new Promise((resolve) => setTimeout(resolve, 100))
		const inRoom = (await realtime.io.in(rooms.thread(threadId)).fetchSockets()).map(
			(s) => s.data.user.id,
		)
		expect(inRoom).toContain(multi.id)
		expect(inRoom).not.toContain(w.alice.id)
		expect(aliceSocket.connected && moderatorSocket.connected).toBe(true)

		// The audit log of both groups has the move, from and to.
		const entries = await db.auditEntry.findMany({
			where: { action: 'thread.move', targetId: threadId },
		})
		expect(entries.map((e) => e.groupId).sort()).toEqual([w.group.id, groupC.id].sort())
		for (const entry of entries) {
			expect(entry.actorId).toBe(multi.id)
			expect(JSON.parse(entry.detail)).toMatchObject({
				from: { forumId: forumA.id, categoryId: forumA.categoryIds[0] },
				to: { forumId: forumC.id, categoryId: target, place: expect.stringContaining('Group C') },
			})
		}
	})

	test('to another category of its forum: its readers keep it, the category counts follow', async () => {
		const threadId = await startThread(
			w.alice,
			{ slug: w.group.slug },
			{ title: 'Moving across the hall' },
		)
		const [from, to] = [forumA.categoryIds[0]!, forumA.categoryIds[2]!]
		const before = await db.category.findMany({
			where: { id: { in: [from, to] } },
			select: { id: true, threadCount: true },
		})
		expect(statusOf(await move(w.moderator, threadId, to))).toBe(302)
		const after = await db.category.findMany({
			where: { id: { in: [from, to] } },
			select: { id: true, threadCount: true },
		})
		const count = (rows: typeof before, id: string) => rows.find((r) => r.id === id)!.threadCount
		expect(count(after, from) - count(before, from)).toBe(-1)
		expect(count(after, to) - count(before, to)).toBe(1)
		expect((await openThread(w.alice, threadId)).thread.category.id).toBe(to)
		const toSlug = (await db.category.findUniqueOrThrow({ where: { id: to } })).slug
		expect(
			(await groupList(w.bob, w.group.slug, `?category=${toSlug}`)).threads.map((t) => t.id),
		).toContain(threadId)
		const entry = await db.auditEntry.findFirstOrThrow({
			where: { action: 'thread.move', targetId: threadId },
		})
		expect(entry.groupId).toBe(w.group.id)
		expect(JSON.parse(entry.detail)).toMatchObject({
			from: { categoryId: from },
			to: { categoryId: to },
		})
	})
})

describe('slow mode', () => {
	type Reply = {
		result?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }
		error?: string
	}
	const setSlowMode = (who: Person, threadId: string, form: Record<string, string>) =>
		threadForm(who, threadId, { intent: 'slow-mode', ...form })

	test('a moderator sets it; the page says so; it is recorded', async () => {
		const threadId = await startThread(
			w.alice,
			{ slug: w.group.slug },
			{ title: 'Heated pricing debate' },
		)
		expect(statusOf(await setSlowMode(w.moderator, threadId, { minutes: '5' }))).toBe(302)
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).slowModeMinutes).toBe(5)
		expect((await openThread(w.bob, threadId)).slowModeMinutes).toBe(5)
		const entry = await db.auditEntry.findFirstOrThrow({
			where: { action: 'thread.slow-mode', targetId: threadId },
		})
		expect(entry).toMatchObject({ groupId: w.group.id, actorId: w.moderator.id })
		expect(JSON.parse(entry.detail)).toEqual({ from: 0, to: 5 })
		// Another number than the offered ones, then off.
		expect(
			statusOf(await setSlowMode(w.moderator, threadId, { minutes: '5', customMinutes: '90' })),
		).toBe(302)
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).slowModeMinutes).toBe(
			90,
		)
		expect(statusOf(await setSlowMode(w.moderator, threadId, { minutes: '0' }))).toBe(302)
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).slowModeMinutes).toBe(0)
		expect(
			await db.auditEntry.count({ where: { action: 'thread.slow-mode', targetId: threadId } }),
		).toBe(3)
	})

	test('a second reply within N minutes is refused, saying when, with the text kept; moderators are exempt', async () => {
		const threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'One at a time' })
		await setSlowMode(w.moderator, threadId, { minutes: '15' })
		await reply(w.bob, threadId, 'First thoughts.')
		const before = await databaseDigest()
		const refused = await threadForm(w.bob, threadId, {
			intent: 'reply',
			body: 'Second thoughts, typed at length.',
		})
		expect(statusOf(refused)).toBe(429)
		const answer = dataOf<Reply>(refused)
		expect(answer.result?.error?.['']?.[0]).toMatch(
			/one reply every 15 minutes\. You can reply again in 15 minutes; your text is kept/,
		)
		expect(answer.result?.initialValue?.body).toBe('Second thoughts, typed at length.')
		expect(changedTables(before, await databaseDigest())).toEqual([])

		// Others may reply (the thread's author too: the opening post is not a reply); the moderator as often as they like.
		await reply(w.alice, threadId, 'My turn.')
		await reply(w.moderator, threadId, 'Noted.')
		await reply(w.moderator, threadId, 'And one more thing.')

		// Once the minutes have passed, Bob may reply again.
		await db.post.updateMany({
			where: { threadId, authorId: w.bob.id },
			data: { createdAt: new Date(Date.now() - 16 * 60_000) },
		})
		await reply(w.bob, threadId, 'Second thoughts, typed at length.')
	})

	test('the wait counts down from the member’s last post', async () => {
		const threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'Countdown' })
		await setSlowMode(w.moderator, threadId, { minutes: '60' })
		await reply(w.bob, threadId, 'Early.')
		await db.post.updateMany({
			where: { threadId, authorId: w.bob.id },
			data: { createdAt: new Date(Date.now() - 50 * 60_000) },
		})
		const refused = await threadForm(w.bob, threadId, { intent: 'reply', body: 'Again.' })
		expect(dataOf<Reply>(refused).result?.error?.['']?.[0]).toMatch(
			/one reply every hour\. You can reply again in 10 minutes/,
		)
	})

	test('an invalid number of minutes, or a member asking, is refused and changes nothing', async () => {
		const threadId = await startThread(w.alice, { slug: w.group.slug }, { title: 'No slow mode' })
		const forms: Array<Record<string, string>> = [
			{ minutes: '2000' },
			{ minutes: '-1' },
			{ minutes: 'abc' },
			{ minutes: '1.5' },
			{ minutes: '0', customMinutes: '1441' },
			{},
		]
		for (const form of forms) {
			const before = await databaseDigest()
			const result = await setSlowMode(w.moderator, threadId, form)
			expect(statusOf(result), JSON.stringify(form)).toBe(400)
			expect(dataOf<Reply>(result).error).toMatch(/1 to 1440/)
			expect(changedTables(before, await databaseDigest())).toEqual([])
		}
		const before = await databaseDigest()
		const result = await setSlowMode(w.bob, threadId, { minutes: '5' })
		expect(statusOf(result)).toBe(403)
		expect(changedTables(before, await databaseDigest())).toEqual([])
	})
})
