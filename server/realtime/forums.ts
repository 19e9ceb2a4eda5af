import type { Server, Socket } from 'socket.io'
import { canReadThread, forumAccess } from '#app/modules/forums/access.server.ts'
import { FORUM_EVENTS, type ReadersEvent, type TypingEvent } from '#app/modules/forums/events.ts'
import { rooms } from '#app/utils/realtime.ts'
import type { SocketData } from './handshake.ts'

type Ack = (answer: { ok: boolean; error?: string }) => void

function idFrom(payload: unknown, key: 'forumId' | 'threadId'): string | null {
	const value = (payload as Record<string, unknown> | null)?.[key]
	return typeof value === 'string' && value.length > 0 && value.length < 100 ? value : null
}

// Joins and leaves come in bursts (a meeting opens the same thread at once): the readers list is
// announced once per burst, not once per join, which would grow with the square of the room.
const READERS_COALESCE_MS = 200
const pendingReaders = new Map<string, ReturnType<typeof setTimeout>>()

function scheduleReaders(io: Server, threadId: string): void {
	if (pendingReaders.has(threadId)) return
	pendingReaders.set(
		threadId,
		setTimeout(() => {
			pendingReaders.delete(threadId)
			// During shutdown the adapter may already be closed; a lost readers update is harmless then.
			broadcastReaders(io, threadId).catch(() => undefined)
		}, READERS_COALESCE_MS),
	)
}

/**
 * At most this many names go with the count. Every reader of the room receives the list, so a
 * full list grows with the square of the room (a 1,000-reader room: 1,000 copies of 1,000 names
 * per announcement); the page shows the count.
 */
export const READER_NAMES_SENT = 20

/** Who is reading a thread now: one entry per user, however many tabs. */
async function broadcastReaders(io: Server, threadId: string): Promise<void> {
	const sockets = await io.in(rooms.thread(threadId)).fetchSockets()
	const names = new Map<string, string>()
	for (const socket of sockets) {
		const { user } = socket.data as SocketData
		names.set(user.id, user.name)
	}
	const event: ReadersEvent = { threadId, count: names.size, names: [...names.values()].sort().slice(0, READER_NAMES_SENT) }
	io.to(rooms.thread(threadId)).emit(FORUM_EVENTS.readers, event)
}

/**
 * Forum and thread rooms. A socket joins a room only after the same access check the pages use,
 * so events of a group's forum never reach a non-member. Writes never come through here: they
 * are HTTP actions that publish after committing.
 */
export function registerForums(io: Server, socket: Socket): void {
	const { user } = socket.data as SocketData
	const threads = new Set<string>()

	socket.on('forum:join', async (payload: unknown, ack?: Ack) => {
		const forumId = idFrom(payload, 'forumId')
		if (!forumId || !(await forumAccess(user, forumId)).canRead) return ack?.({ ok: false, error: 'not_found' })
		await socket.join(rooms.forum(forumId))
		ack?.({ ok: true })
	})

	socket.on('forum:leave', async (payload: unknown) => {
		const forumId = idFrom(payload, 'forumId')
		if (forumId) await socket.leave(rooms.forum(forumId))
	})

	socket.on('thread:join', async (payload: unknown, ack?: Ack) => {
		const threadId = idFrom(payload, 'threadId')
		if (!threadId || !(await canReadThread(user, threadId))) return ack?.({ ok: false, error: 'not_found' })
		await socket.join(rooms.thread(threadId))
		threads.add(threadId)
		ack?.({ ok: true })
		scheduleReaders(io, threadId)
	})

	socket.on('thread:leave', async (payload: unknown) => {
		const threadId = idFrom(payload, 'threadId')
		if (!threadId || !threads.delete(threadId)) return
		await socket.leave(rooms.thread(threadId))
		scheduleReaders(io, threadId)
	})

	// Typing is only relayed within a room the socket has joined (and so was allowed to join).
	socket.on(FORUM_EVENTS.typing, (payload: unknown) => {
		const threadId = idFrom(payload, 'threadId')
		if (!threadId || !threads.has(threadId)) return
		const event: TypingEvent = { threadId, userId: user.id, name: user.name }
		socket.to(rooms.thread(threadId)).emit(FORUM_EVENTS.typing, event)
	})

	socket.on('disconnect', () => {
		for (const threadId of threads) scheduleReaders(io, threadId)
		threads.clear()
	})
}
