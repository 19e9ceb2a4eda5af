import { pino, type Logger } from 'pino'

const globalForLogger = globalThis as unknown as { __peerpowerLogger?: Logger }

function createLogger(): Logger {
	const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info')
	return pino({ name: 'peerpower', level })
}

/** One structured logger for the whole process (shared by the server and the app's module graph). */
export const logger: Logger = (globalForLogger.__peerpowerLogger ??= createLogger())
