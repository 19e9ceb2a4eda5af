// The forums' live events: a real started server, real socket.io clients, and writes made through
// the app's own route actions with the server's publisher in their load context.
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
	FORUM_EVENTS,
	type PostCreatedEvent,
	type PostRemovedEvent,
	type PostUpdatedEvent,
	type ReadersEvent,
	type ThreadUpdatedEvent,
	type TypingEvent,
} from '#app/modules/forums/events.ts'
import { action as editPostAction } from '#app/routes/threads/edit-post.tsx'
import { db } from '#app/utils/db.server.ts'
import { rooms } from '#app/utils/realtime.ts'
import type { RunningServer } from '#server/index.ts'
import { READER_NAMES_SENT } from '#server/realtime/forums.ts'
import { runRoute, statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	forumWorld,
	person,
	postNumbered,
	recordingContext,
	reply,
	startThread,
	threadForm,
	type Person,
} from '#tests/forum-helpers.ts'
import {
	connected,
	connectSocket,
	nextEvent,
	SERVER_START_TIMEOUT,
	startTestServer,
} from '#tests/running-server.ts'

type Ack = { ok: boolean; error?: string }

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

/** The load context the server gives actions: its real publisher. */
function live() {
	return { clientIp: '127.0.0.1', realtime: server.realtime.publisher }
}

async function openAs(who: Person): Promise<Socket> {
	const socket = connectSocket(server.url, { cookie: who.cookie })
	sockets.push(socket)
	return connected(socket)
}

function joinThread(socket: Socket, threadId: string): Promise<Ack> {
	return socket.timeout(10_000).emitWithAck('thread:join', { threadId }) as Promise<Ack>
}

function joinForum(socket: Socket, forumId: string): Promise<Ack> {
	return socket.timeout(10_000).emitWithAck('forum:join', { forumId }) as Promise<Ack>
}

/** A round trip on the socket: whatever the server sent it before answering has arrived by then. */
async function roundTrip(socket: Socket): Promise<void> {
	await joinForum(socket, 'no-such-forum')
}

/** Every `event` the socket receives from now on. */
function record<T>(socket: Socket, event: string): T[] {
	const received: T[] = []
	socket.on(event, (payload: T) => received.push(payload))
	return received
}

async function readerIn(who: Person, threadId: string): Promise<Socket> {
	const socket = await openAs(who)
	expect(await joinThread(socket, threadId)).toEqual({ ok: true })
	return socket
}

describe('new replies', () => {
	test('a reader in the thread’s room receives the reply’s HTML when another member replies through the thread page’s action', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const bob = await readerIn(w.bob, threadId)
		const arrived = nextEvent<PostCreatedEvent>(bob, FORUM_EVENTS.postCreated)
		await reply(w.alice, threadId, 'Live **news** from @bob.member', live())
		const event = await arrived
		expect(event).toMatchObject({
			threadId,
			lastPostNumber: 2,
			post: {
				number: 2,
				threadId,
				author: { id: w.alice.id, name: 'Alice Author' },
				deleted: false,
			},
		})
		expect(event.post.bodyHtml).toMatch(
			/^<p>Live <strong>news<\/strong> from <a href="\/u\/[^"]+">@bob\.member<\/a><\/p>$/,
		)
		expect(event.post.bodyHtml).toBe((await postNumbered(threadId, 2)).bodyHtml)
	})

	test('one room emit reaches every reader with the same payload', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const readers = [
			await readerIn(w.bob, threadId),
			await readerIn(w.moderator, threadId),
			await readerIn(w.alice, threadId),
		]
		const arrived = Promise.all(
			readers.map((socket) => nextEvent<PostCreatedEvent>(socket, FORUM_EVENTS.postCreated)),
		)
		const { context, emits } = recordingContext(server.realtime.publisher)
		await reply(w.alice, threadId, 'For all three of you', context)
		const received = await arrived

		const toThread = emits.filter((e) => e.rooms.includes(rooms.thread(threadId)))
		expect(toThread).toHaveLength(1)
		expect(toThread[0]!.event).toBe(FORUM_EVENTS.postCreated)
		const published = JSON.parse(JSON.stringify(toThread[0]!.payload)) as PostCreatedEvent
		for (const payload of received) expect(payload).toEqual(published)
		expect(published.post.bodyHtml).toBe('<p>For all three of you</p>')
	})

	test('a non-member’s thread:join is refused, and they receive nothing of the thread', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const bob = await readerIn(w.bob, threadId)
		const olga = await openAs(w.outsider)
		expect(await joinThread(olga, threadId)).toEqual({ ok: false, error: 'not_found' })
		expect(await joinThread(olga, 'cnosuchthread0000000000000')).toEqual({
			ok: false,
			error: 'not_found',
		})
		const seenByOlga: unknown[] = []
		olga.onAny((event, payload) => seenByOlga.push([event, payload]))

		const arrived = nextEvent<PostCreatedEvent>(bob, FORUM_EVENTS.postCreated)
		await reply(w.alice, threadId, 'Members only', live())
		await arrived
		await roundTrip(olga)
		expect(seenByOlga).toEqual([])
		const inRoom = await server.realtime.io.in(rooms.thread(threadId)).fetchSockets()
		expect(inRoom.map((s) => s.id)).toEqual([bob.id])
	})

	test('a thread hidden from members cannot be joined by them', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await threadForm(
			w.moderator,
			threadId,
			{ intent: 'hide', postId: (await postNumbered(threadId, 1)).id },
			live(),
		)
		expect(await joinThread(await openAs(w.bob), threadId)).toEqual({
			ok: false,
			error: 'not_found',
		})
		expect(await joinThread(await openAs(w.moderator), threadId)).toEqual({ ok: true })
	})
})

describe('forum rooms', () => {
	test('a member joins their forum’s room and hears of new threads and replies; a non-member is refused and hears nothing', async () => {
		const w = await forumWorld()
		const bob = await openAs(w.bob)
		expect(await joinForum(bob, w.forum.id)).toEqual({ ok: true })
		const olga = await openAs(w.outsider)
		expect(await joinForum(olga, w.forum.id)).toEqual({ ok: false, error: 'not_found' })
		const lou = await openAs(w.loner)
		expect(await joinForum(lou, w.community.id)).toEqual({ ok: false, error: 'not_found' })
		const seen: unknown[] = []
		for (const socket of [olga, lou]) socket.onAny((event, payload) => seen.push([event, payload]))

		const created = nextEvent<{ forumId: string; threadId: string }>(
			bob,
			FORUM_EVENTS.forumActivity,
		)
		const threadId = await startThread(w.alice, w.group, {}, live())
		expect(await created).toEqual({ forumId: w.forum.id, threadId })
		const replied = nextEvent<{ forumId: string; threadId: string }>(
			bob,
			FORUM_EVENTS.forumActivity,
		)
		await reply(w.alice, threadId, 'Another', live())
		expect(await replied).toEqual({ forumId: w.forum.id, threadId })

		await roundTrip(olga)
		await roundTrip(lou)
		expect(seen).toEqual([])
		// A member of any group may join the community's room.
		expect(await joinForum(olga, w.community.id)).toEqual({ ok: true })
	})
})

describe('typing and readers', () => {
	test('typing is relayed to the others in the room, not back to the sender', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const alice = await readerIn(w.alice, threadId)
		const bob = await readerIn(w.bob, threadId)
		const mona = await readerIn(w.moderator, threadId)
		const seenByAlice = record<TypingEvent>(alice, FORUM_EVENTS.typing)

		const atBob = nextEvent<TypingEvent>(bob, FORUM_EVENTS.typing)
		const atMona = nextEvent<TypingEvent>(mona, FORUM_EVENTS.typing)
		alice.emit(FORUM_EVENTS.typing, { threadId })
		const expected: TypingEvent = { threadId, userId: w.alice.id, name: 'Alice Author' }
		expect(await atBob).toEqual(expected)
		expect(await atMona).toEqual(expected)
		await roundTrip(alice)
		expect(seenByAlice).toEqual([])
	})

	test('typing is not relayed for a room the socket has not joined', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const bob = await readerIn(w.bob, threadId)
		const seenByBob = record<TypingEvent>(bob, FORUM_EVENTS.typing)
		const alice = await openAs(w.alice)
		const olga = await openAs(w.outsider)

		// Typing before joining, from a member and from an outsider, is dropped...
		alice.emit(FORUM_EVENTS.typing, { threadId })
		olga.emit(FORUM_EVENTS.typing, { threadId })
		await roundTrip(olga)
		// ...and the same socket's typing after joining arrives; the server handles a socket's
		// events in order, so a relayed first one would have come before it.
		expect(await joinThread(alice, threadId)).toEqual({ ok: true })
		const relayed = nextEvent<TypingEvent>(bob, FORUM_EVENTS.typing)
		alice.emit(FORUM_EVENTS.typing, { threadId })
		await relayed
		expect(seenByBob).toEqual([{ threadId, userId: w.alice.id, name: 'Alice Author' }])
	})

	test('thread:readers counts the people reading: 1, then 2, then 1 when one leaves, and again when one disconnects', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const count = (n: number) => (event: ReadersEvent) =>
			event.threadId === threadId && event.count === n
		const alice = await openAs(w.alice)
		const one = nextEvent<ReadersEvent>(alice, FORUM_EVENTS.readers, count(1))
		await joinThread(alice, threadId)
		expect(await one).toEqual({ threadId, count: 1, names: ['Alice Author'] })

		const bob = await openAs(w.bob)
		const two = nextEvent<ReadersEvent>(alice, FORUM_EVENTS.readers, count(2))
		await joinThread(bob, threadId)
		expect(await two).toEqual({ threadId, count: 2, names: ['Alice Author', 'Bob Member'] })

		const backToOne = nextEvent<ReadersEvent>(alice, FORUM_EVENTS.readers, count(1))
		bob.emit('thread:leave', { threadId })
		expect(await backToOne).toEqual({ threadId, count: 1, names: ['Alice Author'] })

		// A second tab of the same person does not count twice (three sockets, two people); closing
		// another reader's tab counts down. Alice's events arrive in order, so the next 1 after the 2
		// is the disconnect's.
		await readerIn(w.alice, threadId)
		const mona = await openAs(w.moderator)
		const withMona = nextEvent<ReadersEvent>(alice, FORUM_EVENTS.readers, count(2))
		await joinThread(mona, threadId)
		expect(await withMona).toEqual({
			threadId,
			count: 2,
			names: ['Alice Author', 'Mona Moderator'],
		})
		expect(await server.realtime.io.in(rooms.thread(threadId)).fetchSockets()).toHaveLength(3)
		const monaGone = nextEvent<ReadersEvent>(alice, FORUM_EVENTS.readers, count(1))
		mona.disconnect()
		expect(await monaGone).toEqual({ threadId, count: 1, names: ['Alice Author'] })
	})

	test('a crowded thread: the count is exact, the names sent with it are the first few only', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const crowd = await Promise.all(
			Array.from({ length: READER_NAMES_SENT + 2 }, (_, i) =>
				person({ name: `Reader ${String(i).padStart(2, '0')}` }),
			),
		)
		await db.membership.createMany({
			data: crowd.map((member) => ({ userId: member.id, groupId: w.group.id, role: 'member' })),
		})
		const alice = await openAs(w.alice)
		const everyone = nextEvent<ReadersEvent>(
			alice,
			FORUM_EVENTS.readers,
			(event) => event.threadId === threadId && event.count === crowd.length + 1,
		)
		await joinThread(alice, threadId)
		for (const member of crowd)
			expect(await joinThread(await openAs(member), threadId)).toEqual({ ok: true })
		const event = await everyone
		expect(event.names).toHaveLength(READER_NAMES_SENT)
		expect(event.names).toEqual(
			['Alice Author', ...crowd.map((member) => member.name)].sort().slice(0, READER_NAMES_SENT),
		)
	})
})

describe('changes to posts', () => {
	test('an edit, a helpful mark and a deletion each arrive as thread:post-updated', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'First words')
		const post = await postNumbered(threadId, 2)
		const alice = await readerIn(w.alice, threadId)
		const updated = (check: (event: PostUpdatedEvent) => boolean) =>
			nextEvent<PostUpdatedEvent>(alice, FORUM_EVENTS.postUpdated, check)

		const edited = updated((e) => e.post.id === post.id)
		const saved = await callRoute(
			editPostAction,
			`/t/${threadId}/edit/${post.id}`,
			{ threadId, postId: post.id },
			{ as: w.bob, form: { body: 'Better _words_' }, context: live() },
		)
		expect(statusOf(saved)).toBe(302)
		expect((await edited).post).toMatchObject({
			id: post.id,
			bodyHtml: '<p>Better <em>words</em></p>',
			revisionCount: 1,
			editedAt: expect.any(String),
		})

		const marked = updated((e) => e.post.helpfulCount === 1)
		await threadForm(w.alice, threadId, { intent: 'helpful', postId: post.id }, live())
		expect((await marked).post).toMatchObject({ id: post.id, helpfulCount: 1 })

		const deleted = updated((e) => e.post.deleted)
		await threadForm(w.bob, threadId, { intent: 'delete', postId: post.id }, live())
		expect((await deleted).post).toMatchObject({
			id: post.id,
			number: 2,
			deleted: true,
			bodyHtml: null,
			body: null,
		})
	})

	test('hiding a post arrives as thread:post-removed, without its words; unhiding brings it back as an update', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Out of line')
		const post = await postNumbered(threadId, 2)
		const alice = await readerIn(w.alice, threadId)

		const removed = nextEvent<PostRemovedEvent>(alice, FORUM_EVENTS.postRemoved)
		await threadForm(w.moderator, threadId, { intent: 'hide', postId: post.id }, live())
		expect(await removed).toEqual({ threadId, postId: post.id })

		const back = nextEvent<PostUpdatedEvent>(alice, FORUM_EVENTS.postUpdated)
		await threadForm(w.moderator, threadId, { intent: 'unhide', postId: post.id }, live())
		expect((await back).post).toMatchObject({ id: post.id, hidden: false, body: 'Out of line' })
	})

	test('locking arrives as thread:updated', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const bob = await readerIn(w.bob, threadId)
		const locked = nextEvent<ThreadUpdatedEvent>(bob, FORUM_EVENTS.threadUpdated)
		await threadForm(w.moderator, threadId, { intent: 'lock' }, live())
		expect(await locked).toMatchObject({ threadId, locked: true, pinned: false })
		expect((await db.thread.findUniqueOrThrow({ where: { id: threadId } })).locked).toBe(true)
	})
})

describe('when access ends, live events stop', () => {
	test('hiding a thread’s opening post takes members out of its room; moderators stay', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const bob = await readerIn(w.bob, threadId)
		const mona = await readerIn(w.moderator, threadId)
		await threadForm(
			w.moderator,
			threadId,
			{ intent: 'hide', postId: (await postNumbered(threadId, 1)).id },
			live(),
		)
		const inRoom = (await server.realtime.io.in(rooms.thread(threadId)).fetchSockets()).map(
			(s) => s.id,
		)
		expect(inRoom).toEqual([mona.id])
		const seenByBob = record(bob, FORUM_EVENTS.postCreated)
		const monaGets = nextEvent<PostCreatedEvent>(mona, FORUM_EVENTS.postCreated)
		await reply(w.moderator, threadId, 'A note for moderators only', live())
		await monaGets
		await roundTrip(bob)
		expect(seenByBob).toEqual([])
	})

	test('a moderator’s reply in a hidden thread reaches no member’s forum list; moderators hear of it', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await threadForm(
			w.moderator,
			threadId,
			{ intent: 'hide', postId: (await postNumbered(threadId, 1)).id },
			live(),
		)
		const bob = await openAs(w.bob)
		expect(await joinForum(bob, w.forum.id)).toEqual({ ok: true })
		const mona = await openAs(w.moderator)
		expect(await joinForum(mona, w.forum.id)).toEqual({ ok: true })
		const bobHears = record<{ threadId: string }>(bob, FORUM_EVENTS.forumActivity)
		const monaHears = nextEvent<{ threadId: string }>(mona, FORUM_EVENTS.forumActivity)
		await reply(w.moderator, threadId, 'Notes for the moderators', live())
		expect((await monaHears).threadId).toBe(threadId)
		await roundTrip(bob)
		expect(bobHears).toEqual([])
	})

	test('an edit or deletion of a hidden post tells members nothing; moderators get the update', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		await reply(w.bob, threadId, 'Out of line')
		const post = await postNumbered(threadId, 2)
		await threadForm(w.moderator, threadId, { intent: 'hide', postId: post.id }, live())
		const alice = await readerIn(w.alice, threadId)
		const mona = await readerIn(w.moderator, threadId)
		const removedSeen = record(alice, FORUM_EVENTS.postRemoved)
		const updatedSeen = record(alice, FORUM_EVENTS.postUpdated)
		const monaGets = nextEvent<PostUpdatedEvent>(mona, FORUM_EVENTS.postUpdated)
		const edited = await callRoute(
			editPostAction,
			`/t/${threadId}/edit/${post.id}`,
			{ threadId, postId: post.id },
			{ as: w.moderator, form: { body: 'Redacted by a moderator' }, context: live() },
		)
		expect(statusOf(edited)).toBe(302)
		expect((await monaGets).post).toMatchObject({ id: post.id, hidden: true })
		await threadForm(w.moderator, threadId, { intent: 'delete', postId: post.id }, live())
		await roundTrip(mona)
		await roundTrip(alice)
		expect(removedSeen).toEqual([])
		expect(updatedSeen).toEqual([])
	})

	async function changeMember(w: Awaited<ReturnType<typeof forumWorld>>, who: Person, form: Record<string, string>) {
		const membership = await db.membership.findFirstOrThrow({ where: { userId: who.id, groupId: w.group.id } })
		const { action: groupAction } = await import('#app/routes/groups/home.tsx')
		const { makeRequest, settle } = await import('#tests/helpers.ts')
		const result = await settle(
			runRoute(groupAction, {
				request: makeRequest(`/g/${w.group.slug}`, { cookie: w.moderator.cookie, form: { ...form, membershipId: membership.id } }),
				params: { slug: w.group.slug },
				context: live(),
			}),
		)
		expect(statusOf(result)).toBe(302)
	}

	test('a member removed from the group leaves its rooms at once and cannot rejoin them', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, w.group, {})
		const bob = await readerIn(w.bob, threadId)
		expect(await joinForum(bob, w.forum.id)).toEqual({ ok: true })
		const seen = record<PostCreatedEvent>(bob, FORUM_EVENTS.postCreated)
		const activity = record(bob, FORUM_EVENTS.forumActivity)
		await changeMember(w, w.bob, { intent: 'remove' })

		await reply(w.alice, threadId, 'Said after Bob left the group', live())
		await roundTrip(bob)
		expect(seen).toEqual([])
		expect(activity).toEqual([])
		expect(await joinThread(bob, threadId)).toEqual({ ok: false, error: 'not_found' })
		expect(await joinForum(bob, w.forum.id)).toEqual({ ok: false, error: 'not_found' })
	})

	test('a moderator made a member leaves the rooms of hidden threads at once; visible ones stay', async () => {
		const w = await forumWorld()
		const otherModerator = w.moderator
		// A second moderator, so that the group keeps one after the demotion.
		await db.membership.updateMany({ where: { userId: w.bob.id, groupId: w.group.id }, data: { role: 'moderator' } })
		const hiddenThread = await startThread(w.alice, w.group, {})
		const visibleThread = await startThread(w.alice, w.group, {})
		const opening = await postNumbered(hiddenThread, 1)
		const hide = await threadForm(otherModerator, hiddenThread, { intent: 'hide', postId: opening.id }, live())
		expect(statusOf(hide)).toBeLessThan(400)
		const inHidden = await readerIn(w.bob, hiddenThread)
		const inVisible = await readerIn(w.bob, visibleThread)
		const seenHidden = record<PostCreatedEvent>(inHidden, FORUM_EVENTS.postCreated)
		const seenVisible = record<PostCreatedEvent>(inVisible, FORUM_EVENTS.postCreated)

		await changeMember(w, w.bob, { intent: 'set-role', role: 'member' })
		await reply(otherModerator, hiddenThread, 'Moderators only, from now on', live())
		await reply(w.alice, visibleThread, 'Everyone may read this', live())
		await Promise.all([roundTrip(inHidden), roundTrip(inVisible)])
		expect(seenHidden).toEqual([])
		expect(seenVisible.map((event) => event.threadId)).toEqual([visibleThread])
		expect(await joinThread(inHidden, hiddenThread)).toEqual({ ok: false, error: 'not_found' })
	})

	test('revoking a session disconnects the sockets opened with it, not the others', async () => {
		const w = await forumWorld()
		const { sessionCookieFor, makeRequest, settle } = await import('#tests/helpers.ts')
		const otherCookie = await sessionCookieFor(w.bob.id)
		const current = await openAs(w.bob)
		const other = connectSocket(server.url, { cookie: otherCookie })
		sockets.push(other)
		await connected(other)
		const otherGone = new Promise<void>((resolve) => other.once('disconnect', () => resolve()))
		const { action: sessionsAction } = await import('#app/routes/settings/sessions.tsx')
		const result = await settle(
			runRoute(sessionsAction, { request: makeRequest('/settings/sessions', { cookie: w.bob.cookie, form: { intent: 'revoke-others' } }), params: {}, context: live() }),
		)
		expect(statusOf(result)).toBe(302)
		await otherGone
		await roundTrip(current)
		expect(current.connected).toBe(true)
	})
})
