// The realtime pipe: real socket.io clients against a real started server.
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { rooms, type OnlineMember, type PresenceUpdate } from '#app/utils/realtime.ts'
import type { RunningServer } from '#server/index.ts'
import { createGroupWith, createUser, sessionCookieFor } from '#tests/helpers.ts'
import {
	connected,
	connectSocket,
	nextEvent,
	refusal,
	SERVER_START_TIMEOUT,
	startTestServer,
} from '#tests/running-server.ts'

type Ack = { ok: boolean; error?: string; online?: OnlineMember[] }

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

function open(headers: Record<string, string> = {}): Socket {
	const socket = connectSocket(server.url, headers)
	sockets.push(socket)
	return socket
}

async function openAs(user: { id: string }): Promise<Socket> {
	return connected(open({ cookie: await sessionCookieFor(user.id) }))
}

function joinPresence(socket: Socket, groupId: string): Promise<Ack> {
	return socket.timeout(10_000).emitWithAck('presence:join', { groupId }) as Promise<Ack>
}

function ids(online: OnlineMember[] | undefined): string[] {
	return (online ?? []).map((member) => member.userId).sort()
}

/** Every `event` the socket receives, in order; nth(n) resolves once the n-th has arrived. */
function collect<T>(socket: Socket, event: string) {
	const received: T[] = []
	const waiting: Array<{ n: number; resolve: (payload: T) => void }> = []
	socket.on(event, (payload: T) => {
		received.push(payload)
		for (const waiter of waiting.filter((w) => w.n === received.length)) waiter.resolve(payload)
	})
	return {
		received,
		nth: (n: number) =>
			new Promise<T>((resolve) =>
				received.length >= n ? resolve(received[n - 1]!) : waiting.push({ n, resolve }),
			),
	}
}

async function socketIdsInPresence(groupId: string): Promise<string[]> {
	return (await server.realtime.io.in(rooms.groupPresence(groupId)).fetchSockets()).map(
		(socket) => socket.id,
	)
}

describe('the handshake', () => {
	test('a socket without a session cookie is refused as unauthorized', async () => {
		const error = await refusal(open())
		expect(error.message).toBe('unauthorized')
	})

	test('a socket with a session that has ended is refused as unauthorized', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		await db.session.deleteMany({ where: { userId: user.id } })
		const error = await refusal(open({ cookie }))
		expect(error.message).toBe('unauthorized')
	})

	test('a socket with a valid session connects', async () => {
		const user = await createUser()
		const socket = await openAs(user)
		expect(socket.connected).toBe(true)
	})

	test('a handshake from another site is refused, even with a valid session', async () => {
		const user = await createUser()
		const socket = open({ cookie: await sessionCookieFor(user.id), origin: 'http://evil.example' })
		await refusal(socket)
		const serverSockets = [...server.realtime.io.sockets.sockets.values()]
		expect(
			serverSockets.some((s) => (s.data as { user?: { id: string } }).user?.id === user.id),
		).toBe(false)
	})

	test('a handshake from our own origin is accepted', async () => {
		const user = await createUser()
		const socket = await connected(
			open({ cookie: await sessionCookieFor(user.id), origin: server.url }),
		)
		expect(socket.connected).toBe(true)
	})
})

describe('presence', () => {
	test('two members who join see each other', async () => {
		const [alice, bob] = [await createUser({ name: 'Alice' }), await createUser({ name: 'Bob' })]
		const group = await createGroupWith({ moderator: alice, members: [bob] })
		const a = await openAs(alice)
		const b = await openAs(bob)

		const aliceJoined = await joinPresence(a, group.id)
		expect(aliceJoined).toEqual({ ok: true, online: [{ userId: alice.id, name: 'Alice' }] })

		const aliceSeesBob = nextEvent<PresenceUpdate>(a, 'presence:update', (update) =>
			ids(update.online).includes(bob.id),
		)
		const bobJoined = await joinPresence(b, group.id)
		expect(ids(bobJoined.online)).toEqual([alice.id, bob.id].sort())
		const update = await aliceSeesBob
		expect(update.groupId).toBe(group.id)
		expect(ids(update.online)).toEqual([alice.id, bob.id].sort())
	})

	test('when a member disconnects, the others get an update without them', async () => {
		const [alice, bob] = [await createUser(), await createUser()]
		const group = await createGroupWith({ moderator: alice, members: [bob] })
		const a = await openAs(alice)
		const b = await openAs(bob)
		await joinPresence(a, group.id)
		await joinPresence(b, group.id)

		const bobGone = nextEvent<PresenceUpdate>(
			a,
			'presence:update',
			(update) => !ids(update.online).includes(bob.id),
		)
		b.disconnect()
		expect(ids((await bobGone).online)).toEqual([alice.id])
	})

	test('one person with two tabs is listed once, and stays online while a tab is open', async () => {
		const [alice, bob] = [await createUser(), await createUser()]
		const group = await createGroupWith({ moderator: alice, members: [bob] })
		const a = await openAs(alice)
		const updates = collect<PresenceUpdate>(a, 'presence:update')
		const bobTab1 = await openAs(bob)
		const bobTab2 = await openAs(bob)
		await joinPresence(a, group.id)
		await joinPresence(bobTab1, group.id)
		expect(ids((await joinPresence(bobTab2, group.id)).online)).toEqual([alice.id, bob.id].sort())

		bobTab1.disconnect()
		// Alice's updates: her join, Bob's two joins, then Bob closing one tab.
		const afterOneTab = await updates.nth(4)
		expect(ids(afterOneTab.online)).toEqual([alice.id, bob.id].sort())
	})

	test('a non-member cannot join a group’s presence and receives none of its updates', async () => {
		const [alice, bob, mallory] = [await createUser(), await createUser(), await createUser()]
		const group = await createGroupWith({ moderator: alice, members: [bob] })
		const a = await openAs(alice)
		const m = await openAs(mallory)
		const seenByMallory: unknown[] = []
		m.on('presence:update', (update) => seenByMallory.push(update))
		await joinPresence(a, group.id)

		expect(await joinPresence(m, group.id)).toEqual({ ok: false, error: 'not_found' })
		expect(await socketIdsInPresence(group.id)).toEqual([a.id])

		// Bob joins: Alice hears of it. Then a round trip on Mallory's socket: anything the server had
		// sent her before its answer would have arrived before the answer.
		const aliceSeesBob = nextEvent<PresenceUpdate>(a, 'presence:update', (update) =>
			ids(update.online).includes(bob.id),
		)
		await joinPresence(await openAs(bob), group.id)
		await aliceSeesBob
		expect(
			await (m
				.timeout(10_000)
				.emitWithAck('presence:leave', { groupId: group.id }) as Promise<Ack>),
		).toEqual({ ok: false })
		expect(seenByMallory).toEqual([])
	})

	test('a join without a group id is refused', async () => {
		const user = await createUser()
		const socket = await openAs(user)
		expect(
			await (socket.timeout(10_000).emitWithAck('presence:join', null) as Promise<Ack>),
		).toEqual({ ok: false, error: 'not_found' })
	})

	test('a member who leaves is no longer listed', async () => {
		const [alice, bob] = [await createUser(), await createUser()]
		const group = await createGroupWith({ moderator: alice, members: [bob] })
		const a = await openAs(alice)
		const b = await openAs(bob)
		await joinPresence(a, group.id)
		await joinPresence(b, group.id)

		const bobLeft = nextEvent<PresenceUpdate>(
			a,
			'presence:update',
			(update) => !ids(update.online).includes(bob.id),
		)
		expect(
			await (b
				.timeout(10_000)
				.emitWithAck('presence:leave', { groupId: group.id }) as Promise<Ack>),
		).toEqual({ ok: true })
		expect(ids((await bobLeft).online)).toEqual([alice.id])
		expect(await socketIdsInPresence(group.id)).toEqual([a.id])
	})
})

describe('events published by actions', () => {
	test('an event published to a user’s room reaches each of their sockets and no one else', async () => {
		const [alice, bob] = [await createUser(), await createUser()]
		const tab1 = await openAs(alice)
		const tab2 = await openAs(alice)
		const b = await openAs(bob)
		const seenByBob: unknown[] = []
		b.on('notification:new', (payload) => seenByBob.push(payload))

		const received = Promise.all([nextEvent(tab1, 'notification:new'), nextEvent(tab2, 'notification:new')])
		server.realtime.publisher.toRoom(rooms.user(alice.id), 'notification:new', { subjectKind: 'forum.post', subjectId: 'for-alice' })
		expect(await received).toEqual([{ subjectKind: 'forum.post', subjectId: 'for-alice' }, { subjectKind: 'forum.post', subjectId: 'for-alice' }])

		// A round trip on Bob's socket after the publish: anything sent to him would have come first.
		await b.timeout(10_000).emitWithAck('presence:leave', {})
		expect(seenByBob).toEqual([])
	})
})
