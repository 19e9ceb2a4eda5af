import { isGroupMember } from '#app/modules/groups/groups.server.ts'
import { rooms, type OnlineMember, type PresenceUpdate } from '#app/utils/realtime.ts'
import { roomKind } from './guarded-rooms.ts'
import type { AppServer } from './io.ts'

/** Who is in a group's presence room now, one entry per user however many tabs they have. */
export async function onlineMembers(io: AppServer, groupId: string): Promise<OnlineMember[]> {
	const sockets = await io.in(rooms.groupPresence(groupId)).fetchSockets()
	const byUser = new Map<string, OnlineMember>()
	for (const socket of sockets) {
		const { user } = socket.data
		byUser.set(user.id, { userId: user.id, name: user.name })
	}
	return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name))
}

async function broadcast(io: AppServer, groupId: string): Promise<OnlineMember[]> {
	const online = await onlineMembers(io, groupId)
	const update: PresenceUpdate = { groupId, online }
	io.to(rooms.groupPresence(groupId)).emit('presence:update', update)
	return online
}

const presencePrefix = rooms.groupPresence('')

/** A group's presence room: a member opens a group page (join) or leaves it (leave, or disconnect). */
export const presenceRoom = roomKind({
	join: 'presence:join',
	leave: 'presence:leave',
	room: ({ groupId }) => rooms.groupPresence(groupId),
	parse: (room) => (room.startsWith(presencePrefix) ? { groupId: room.slice(presencePrefix.length) } : null),
	mayJoin: (user, { groupId }) => isGroupMember(user.id, groupId),
	joined: async (io, { groupId }) => ({ online: await broadcast(io, groupId) }),
	// During shutdown the adapter may already be closed; a lost presence update is harmless then.
	left: (io, { groupId }) => void broadcast(io, groupId).catch(() => undefined),
})
