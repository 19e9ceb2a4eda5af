import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { Socket } from 'socket.io'
import type { SocketData } from './handshake.ts'

// Per user, across all their sockets (per socket, opening more sockets multiplied the allowance):
// a burst of 100 events, refilled at 100 every 10 seconds. The busiest honest member is one who
// reconnects many tabs at once (each rejoins its presence, forum and thread rooms, about three
// events) or navigates quickly; typing indicators are sent at most every 2 seconds per tab.
// Counted per instance, like the socket cap (socket-cap.ts).
export const FLOOD_LIMIT = { points: 100, duration: 10 } as const

const limiter = new RateLimiterMemory({ keyPrefix: 'socket-events-per-user', ...FLOOD_LIMIT })

/** Drops events over the limit; an event that expects an answer is told why. */
export function applyFloodLimit(socket: Socket): void {
	const userId = (socket.data as SocketData).user.id
	socket.use((packet, next) => {
		limiter
			.consume(userId)
			.then(() => next())
			.catch(() => {
				const ack = packet[packet.length - 1]
				if (typeof ack === 'function') ack({ ok: false, error: 'rate_limited' })
			})
	})
}
