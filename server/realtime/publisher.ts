import type { Server } from 'socket.io'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import type { SocketData } from './handshake.ts'

export function createPublisher(io: Server): RealtimePublisher {
	return {
		toRoom(room, event, payload) {
			io.to(room).emit(event, payload)
		},
		toRooms(roomNames, event, payload) {
			if (roomNames.length > 0) io.to(roomNames).emit(event, payload)
		},
		async disconnectUser(userId, filter = {}) {
			const sockets = await io.in(rooms.user(userId)).fetchSockets()
			for (const socket of sockets) {
				const { sessionId } = socket.data as SocketData
				if (filter.sessionId && sessionId !== filter.sessionId) continue
				if (filter.exceptSessionId && sessionId === filter.exceptSessionId) continue
				socket.disconnect(true)
			}
		},
		async evictFromRoom(room, keepUserIds) {
			const keep = new Set(keepUserIds)
			const sockets = await io.in(room).fetchSockets()
			for (const socket of sockets) {
				if (!keep.has((socket.data as SocketData).user.id)) socket.leave(room)
			}
		},
	}
}
