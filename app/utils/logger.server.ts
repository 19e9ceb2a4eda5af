import { pino, type Logger } from 'pino'

const globalForLogger = globalThis as unknown as { __peerpowerLogger?: Logger }

function createLogger(): Logger {
	return pino({ name: 'peerpower', level: 'info' })
}

/**
 * One structured logger for the whole process (shared by the server and the app's module graph).
 * Its level is LOG_LEVEL, set when the environment is configured (env.server.ts).
 */
export const logger: Logger = (globalForLogger.__peerpowerLogger ??= createLogger())
