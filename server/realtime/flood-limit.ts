import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { Socket } from 'socket.io'

// Per socket: a burst of 30 events, refilled at 30 a 10 seconds. Typing indicators are the most
// frequent legitimate event and stay well under this.
const limiter = new RateLimiterMemory({ keyPrefix: 'socket-events', points: 30, duration: 10 })

/** Drops events over the limit; an event that expects an answer is told why. */
export function applyFloodLimit(socket: Socket): void {
	socket.use((packet, next) => {
		limiter
			.consume(socket.id)
			.then(() => next())
			.catch(() => {
				const ack = packet[packet.length - 1]
				if (typeof ack === 'function') ack({ ok: false, error: 'rate_limited' })
			})
	})
}
