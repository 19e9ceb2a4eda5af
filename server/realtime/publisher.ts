import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { roomKinds as registeredRoomKinds } from './families.ts'
import { recheckRooms, type RoomKind } from './guarded-rooms.ts'
import type { AppServer } from './io.ts'

export function createPublisher(io: AppServer, roomKinds: RoomKind[] = registeredRoomKinds): RealtimePublisher {
	return {
		toRoom(room, event, payload) {
			// socket.io's emit is typed per event name; the publisher's own signature ties the two.
			io.to(room).emit(event, ...([payload] as never))
		},
		toRooms(roomNames, event, payload) {
			if (roomNames.length > 0) io.to(roomNames).emit(event, ...([payload] as never))
		},
		async disconnectUser(userId, filter = {}) {
			const sockets = await io.in(rooms.user(userId)).fetchSockets()
			for (const socket of sockets) {
				const { sessionId } = socket.data
				if (filter.sessionId && sessionId !== filter.sessionId) continue
				if (filter.exceptSessionId && sessionId === filter.exceptSessionId) continue
				socket.disconnect(true)
			}
		},
		accessChanged(target) {
			return recheckRooms(io, roomKinds, target, rooms.user)
		},
	}
}
