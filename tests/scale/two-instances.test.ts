// Two PeerPower instances behind one database, as when scaling out: a member connected to one
// instance sees what happens on the other, because socket.io's Redis adapter carries the events.
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FORUM_EVENTS, type PostCreatedEvent } from '#app/modules/forums/events.ts'
import { createThread } from '#app/modules/forums/posts.server.ts'
import { action as threadAction } from '#app/routes/threads/thread.tsx'
import { db } from '#app/utils/db.server.ts'
import type { OnlineMember, PresenceUpdate } from '#app/utils/realtime.ts'
import type { RunningServer } from '#server/index.ts'
import { createGroupWith, createUser, makeRequest, runRoute, sessionCookieFor, settle } from '#tests/helpers.ts'
import { connected, connectSocket, nextEvent, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

let first: RunningServer
let second: RunningServer
const sockets: Socket[] = []

beforeAll(async () => {
	expect(process.env.DATABASE_URL).toMatch(/^postgres/)
	first = await startTestServer({ REDIS_URL })
	second = await startTestServer({ REDIS_URL })
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	for (const socket of sockets) socket.disconnect()
	await first?.close()
	await second?.close()
})

async function openAs(server: RunningServer, user: { id: string }): Promise<Socket> {
	const socket = connectSocket(server.url, { cookie: await sessionCookieFor(user.id) })
	sockets.push(socket)
	return connected(socket)
}

describe('two instances sharing events through Redis', () => {
	test('presence: members on different instances see each other online', async () => {
		const ada = await createUser({ name: 'Ada Across' })
		const bob = await createUser({ name: 'Bob Beyond' })
		const group = await createGroupWith({ moderator: ada, members: [bob] })
		const adaSocket = await openAs(first, ada)
		const bobSocket = await openAs(second, bob)
		await adaSocket.timeout(10_000).emitWithAck('presence:join', { groupId: group.id })
		const adaSeesBob = nextEvent<PresenceUpdate>(adaSocket, 'presence:update', (u) => u.online.some((m: OnlineMember) => m.userId === bob.id))
		const answer = (await bobSocket.timeout(10_000).emitWithAck('presence:join', { groupId: group.id })) as { ok: boolean; online: OnlineMember[] }
		expect(answer.ok).toBe(true)
		expect(answer.online.map((m) => m.userId).sort()).toEqual([ada.id, bob.id].sort())
		await adaSeesBob
	})

	test('a reply posted through one instance reaches a reader connected to the other', async () => {
		const ada = await createUser({ name: 'Ada Poster' })
		const bob = await createUser({ name: 'Bob Reader' })
		const group = await createGroupWith({ moderator: ada, members: [bob] })
		const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
		const { threadId } = await createThread(
			{ id: ada.id, isSiteAdmin: false },
			forum.id,
			{ kind: 'discussion', title: 'Distributor rebates this year', categoryId: forum.categories[0]!.id, tags: [], body: 'Who tracks them?' },
			first.realtime.publisher,
		)
		const bobSocket = await openAs(second, bob)
		expect(await bobSocket.timeout(10_000).emitWithAck('thread:join', { threadId })).toEqual({ ok: true })
		const arrives = nextEvent<PostCreatedEvent>(bobSocket, FORUM_EVENTS.postCreated, (e) => e.threadId === threadId)
		const result = await settle(
			runRoute(threadAction, {
				request: makeRequest(`/t/${threadId}`, { cookie: await sessionCookieFor(ada.id), form: { intent: 'reply', body: 'We do, **monthly**.' } }),
				params: { threadId },
				context: { clientIp: '127.0.0.1', realtime: first.realtime.publisher },
			}),
		)
		expect((result as Response).status).toBe(302)
		const event = await arrives
		expect(event.post.number).toBe(2)
		expect(event.post.bodyHtml).toContain('<strong>monthly</strong>')
	})

	test('a non-member connected to the other instance cannot join the thread room', async () => {
		const ada = await createUser({ name: 'Ada Private' })
		const eve = await createUser({ name: 'Eve Elsewhere' })
		const group = await createGroupWith({ moderator: ada })
		const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
		const { threadId } = await createThread(
			{ id: ada.id, isSiteAdmin: false },
			forum.id,
			{ kind: 'discussion', title: 'Our margins by line of business', categoryId: forum.categories[0]!.id, tags: [], body: 'Confidential numbers' },
			first.realtime.publisher,
		)
		const eveSocket = await openAs(second, eve)
		const answer = (await eveSocket.timeout(10_000).emitWithAck('thread:join', { threadId })) as { ok: boolean }
		expect(answer.ok).toBe(false)
		const rooms = await second.realtime.io.in(`thread:${threadId}`).fetchSockets()
		expect(rooms.map((s) => s.id)).not.toContain(eveSocket.id)
	})
})
