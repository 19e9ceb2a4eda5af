import type { Socket } from 'socket.io'
import type { SocketData } from './handshake.ts'

// One socket per tab: 20 covers a member with several tabs on a laptop, a phone and a tablet,
// and is far from the hundreds one session could open before.
export const MAX_SOCKETS_PER_USER = 20

type Refusal = Error & { data: { message: string } }

/**
 * socket.io middleware, after the handshake's authentication: refuses a user's socket beyond
 * MAX_SOCKETS_PER_USER. The place is taken here, synchronously, not when the socket connects, so
 * a burst of handshakes cannot all pass before any is counted; it is given back when the socket
 * disconnects, or when its connection closes before it ever connected.
 *
 * Counted per instance: with several instances behind the Redis adapter, a user may hold this many
 * sockets on each (asking every instance would put a round trip through Redis in every handshake).
 */
export function capSocketsPerUser(max = MAX_SOCKETS_PER_USER) {
	const open = new Map<string, Set<string>>()
	return (socket: Socket, next: (error?: Error) => void) => {
		const userId = (socket.data as SocketData).user.id
		const held = open.get(userId) ?? new Set<string>()
		if (held.size >= max) {
			const error = new Error('too_many_connections') as Refusal
			error.data = {
				message: `Too many open PeerPower tabs or windows (${max} at most for one account). Close some, then reload this page.`,
			}
			return next(error)
		}
		held.add(socket.id)
		open.set(userId, held)
		const release = () => {
			held.delete(socket.id)
			if (held.size === 0 && open.get(userId) === held) open.delete(userId)
		}
		socket.once('disconnect', release)
		socket.conn.once('close', release)
		next()
	}
}
