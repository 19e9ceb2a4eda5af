import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import { logger } from '#app/utils/logger.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { applyFloodLimit } from './flood-limit.ts'
import { eventFamilies, roomKinds } from './families.ts'
import { bindRoomKinds } from './guarded-rooms.ts'
import { authenticateSocket } from './handshake.ts'
import type { AppServer } from './io.ts'
import { createPublisher } from './publisher.ts'
import { capSocketsPerUser } from './socket-cap.ts'
import { isAllowedOrigin } from '../security.ts'

export type Realtime = { io: AppServer; publisher: RealtimePublisher; close: () => Promise<void> }


export async function attachRealtime(
	httpServer: HttpServer,
	options: { redisUrl?: string; appUrl?: string } = {},
): Promise<Realtime> {
	const io: AppServer = new Server(httpServer, {
		serveClient: false,
		// Cross-site WebSocket hijacking: the handshake must come from our own pages.
		allowRequest: (request, callback) => callback(null, isAllowedOrigin(request, options.appUrl, true)),
	})

	const redisClients: Array<{ quit: () => Promise<unknown> }> = []
	if (options.redisUrl) {
		// Loaded only when configured: the Redis client is a large module graph a single instance never uses.
		const [{ createAdapter }, { createClient }] = await Promise.all([import('@socket.io/redis-adapter'), import('redis')])
		const pub = createClient({ url: options.redisUrl })
		const sub = pub.duplicate()
		for (const client of [pub, sub]) client.on('error', (err) => logger.error({ err }, 'redis error'))
		await Promise.all([pub.connect(), sub.connect()])
		// redis 6's client types are stricter than the adapter's declared parameter; the runtime matches.
		io.adapter(createAdapter(pub as never, sub as never))
		redisClients.push(pub, sub)
	}

	io.use(authenticateSocket)
	io.use(capSocketsPerUser())
	io.on('connection', (socket) => {
		const { user } = socket.data
		applyFloodLimit(socket)
		void socket.join(rooms.user(user.id))
		bindRoomKinds(io, socket, roomKinds)
		for (const register of eventFamilies) register(io, socket)
		socket.on('error', (err) => logger.warn({ err, userId: user.id }, 'socket error'))
	})

	return {
		io,
		publisher: createPublisher(io),
		async close() {
			io.disconnectSockets(true)
			// Not io.close(): that would also close the HTTP server, which the caller drains itself.
			io.engine.close()
			// Disconnect handlers announce presence changes through the adapter: let them run first.
			await new Promise((resolve) => setTimeout(resolve, 50))
			await Promise.resolve(io.of('/').adapter.close()).catch(() => undefined)
			await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)))
		},
	}
}
