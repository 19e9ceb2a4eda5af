import type { Socket } from 'socket.io'
import { readSessionToken, validateSessionToken, type SessionUser } from '#app/modules/auth/sessions.server.ts'
import { logger } from '#app/utils/logger.server.ts'

export type SocketData = { user: SessionUser; sessionId: string }

/** socket.io middleware: a socket without a valid session cookie is refused at the handshake. */
export async function authenticateSocket(socket: Socket, next: (error?: Error) => void): Promise<void> {
	try {
		const token = readSessionToken(socket.request.headers.cookie)
		const auth = token ? await validateSessionToken(token) : null
		if (!auth) return next(new Error('unauthorized'))
		;(socket.data as SocketData).user = auth.user
		;(socket.data as SocketData).sessionId = auth.session.id
		next()
	} catch (error) {
		logger.error({ err: error }, 'socket handshake failed')
		next(new Error('unavailable'))
	}
}
