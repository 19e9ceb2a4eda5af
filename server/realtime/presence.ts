import type { Server, Socket } from 'socket.io'
import { isGroupMember } from '#app/modules/groups/groups.server.ts'
import { rooms, type OnlineMember, type PresenceUpdate } from '#app/utils/realtime.ts'
import type { SocketData } from './handshake.ts'

type Ack = (answer: { ok: boolean; error?: string; online?: OnlineMember[] }) => void

/** Who is in a group's presence room now, one entry per user however many tabs they have. */
export async function onlineMembers(io: Server, groupId: string): Promise<OnlineMember[]> {
	const sockets = await io.in(rooms.groupPresence(groupId)).fetchSockets()
	const byUser = new Map<string, OnlineMember>()
	for (const socket of sockets) {
		const { user } = socket.data as SocketData
		byUser.set(user.id, { userId: user.id, name: user.name })
	}
	return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name))
}

async function broadcast(io: Server, groupId: string): Promise<OnlineMember[]> {
	const online = await onlineMembers(io, groupId)
	const update: PresenceUpdate = { groupId, online }
	io.to(rooms.groupPresence(groupId)).emit('presence:update', update)
	return online
}

/** Presence events: a member opens a group page (join) or leaves it (leave, or disconnect). */
export function registerPresence(io: Server, socket: Socket): void {
	const { user } = socket.data as SocketData
	const joined = new Set<string>()

	socket.on('presence:join', async (payload: unknown, ack?: Ack) => {
		const groupId = (payload as { groupId?: unknown } | null)?.groupId
		if (typeof groupId !== 'string' || !(await isGroupMember(user.id, groupId))) {
			ack?.({ ok: false, error: 'not_found' })
			return
		}
		await socket.join(rooms.groupPresence(groupId))
		joined.add(groupId)
		const online = await broadcast(io, groupId)
		ack?.({ ok: true, online })
	})

	socket.on('presence:leave', async (payload: unknown, ack?: Ack) => {
		const groupId = (payload as { groupId?: unknown } | null)?.groupId
		if (typeof groupId !== 'string' || !joined.has(groupId)) return ack?.({ ok: false })
		joined.delete(groupId)
		await socket.leave(rooms.groupPresence(groupId))
		await broadcast(io, groupId)
		ack?.({ ok: true })
	})

	socket.on('disconnect', () => {
		// During shutdown the adapter may already be closed; a lost presence update is harmless then.
		for (const groupId of joined) broadcast(io, groupId).catch(() => undefined)
		joined.clear()
	})
}
