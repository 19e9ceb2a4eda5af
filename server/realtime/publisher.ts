import type { Server } from 'socket.io'
import type { RealtimePublisher } from '#app/utils/realtime.ts'

export function createPublisher(io: Server): RealtimePublisher {
	return {
		toRoom(room, event, payload) {
			io.to(room).emit(event, payload)
		},
		toRooms(roomNames, event, payload) {
			if (roomNames.length > 0) io.to(roomNames).emit(event, payload)
		},
	}
}
