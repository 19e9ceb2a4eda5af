import { canReadThread, forumAccess } from '#app/modules/forums/access.server.ts'
import { FORUM_EVENTS, type ReadersEvent, type TypingEvent } from '#app/modules/forums/events.ts'
import { rooms } from '#app/utils/realtime.ts'
import { onClientEvent, roomKind } from './guarded-rooms.ts'
import type { AppServer, AppSocket } from './io.ts'

// Joins and leaves come in bursts (a meeting opens the same thread at once): the readers list is
// announced once per burst, not once per join, which would grow with the square of the room.
const READERS_COALESCE_MS = 200
const pendingReaders = new Map<string, ReturnType<typeof setTimeout>>()

function scheduleReaders(io: AppServer, threadId: string): void {
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
async function broadcastReaders(io: AppServer, threadId: string): Promise<void> {
	const sockets = await io.in(rooms.thread(threadId)).fetchSockets()
	const names = new Map<string, string>()
	for (const socket of sockets) names.set(socket.data.user.id, socket.data.user.name)
	const event: ReadersEvent = { threadId, count: names.size, names: [...names.values()].sort().slice(0, READER_NAMES_SENT) }
	io.to(rooms.thread(threadId)).emit(FORUM_EVENTS.readers, event)
}

function parseRoom(prefix: string, room: string): string | null {
	return room.startsWith(prefix) ? room.slice(prefix.length) : null
}

// Forum and thread rooms. A socket joins one only after the same access rule the pages use, so
// events of a group's forum never reach a non-member; a change of access checks them again.
// Writes never come through here: they are HTTP actions that publish after committing.

export const forumRoom = roomKind({
	join: 'forum:join',
	leave: 'forum:leave',
	room: ({ forumId }) => rooms.forum(forumId),
	parse: (room) => {
		const forumId = parseRoom(rooms.forum(''), room)
		return forumId ? { forumId } : null
	},
	mayJoin: async (user, { forumId }) => (await forumAccess(user, forumId)).canRead,
})

export const threadRoom = roomKind({
	join: 'thread:join',
	leave: 'thread:leave',
	room: ({ threadId }) => rooms.thread(threadId),
	parse: (room) => {
		const threadId = parseRoom(rooms.thread(''), room)
		return threadId ? { threadId } : null
	},
	mayJoin: (user, { threadId }) => canReadThread(user, threadId),
	joined: async (io, { threadId }) => scheduleReaders(io, threadId),
	left: (io, { threadId }) => scheduleReaders(io, threadId),
})

export const forumRoomKinds = [forumRoom, threadRoom]

/** Typing is only relayed within a thread room the socket is in (and so was allowed into). */
export function registerForums(_io: AppServer, socket: AppSocket): void {
	const { user } = socket.data
	onClientEvent(socket, FORUM_EVENTS.typing, ({ threadId }) => {
		if (!socket.rooms.has(rooms.thread(threadId))) return
		const event: TypingEvent = { threadId, userId: user.id, name: user.name }
		socket.to(rooms.thread(threadId)).emit(FORUM_EVENTS.typing, event)
	})
}
