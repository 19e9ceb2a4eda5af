import { z } from 'zod'
import { logger } from './logger.server.ts'

const databaseUrl = z
	.string()
	.refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
		message: 'must start with file: (SQLite) or postgres:// (PostgreSQL)',
	})

const envSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_URL: databaseUrl.default('file:./data/peerpower.db'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	// The public origin, e.g. https://peerpower.example.com. When unset, the request's own
	// Host header is taken as our origin (fine behind a proxy that keeps Host).
	APP_URL: z.url().optional(),
	// Set to share live events between several app instances (socket.io Redis adapter).
	REDIS_URL: z.url().optional(),
	// Secure cookies need HTTPS; "auto" means on in production, off otherwise.
	SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
	// Signs the flash-message cookie; several, comma-separated, to rotate (the first signs, all are
	// accepted). Unset in production, a random secret per process is used (and a warning logged):
	// flash messages then do not survive a restart or cross between instances.
	SESSION_SECRET: z
		.string()
		.optional()
		.refine((value) => value === undefined || value.split(',').every((secret) => secret.trim().length >= 32), {
			message: 'each secret must be at least 32 characters (for example: openssl rand -hex 32)',
		}),
	// Client addresses exempt from the per-address log-in and sign-up limits (comma-separated);
	// the figures themselves are named in app/modules/auth/rate-limit.server.ts.
	AUTH_RATE_LIMIT_EXEMPT_IPS: z
		.string()
		.default('')
		.transform((list) => list.split(',').map((ip) => ip.trim()).filter(Boolean)),
	// The least time between two posts of one member; longer on an account's first day.
	POST_MIN_GAP_SECONDS: z.coerce.number().int().min(0).default(5),
	NEW_ACCOUNT_POST_MIN_GAP_SECONDS: z.coerce.number().int().min(0).default(20),
	// @mentions one member may send in an hour (each one notifies somebody).
	MENTIONS_PER_HOUR: z.coerce.number().int().positive().default(30),
	// How often the scheduler wakes to run work that has fallen due (reminders, deadline notices,
	// housekeeping); 0 turns the timer off (tests run the scheduler themselves).
	SCHEDULER_TICK_SECONDS: z.coerce.number().int().min(0).default(30),
})

export type Env = z.infer<typeof envSchema>

export class EnvError extends Error {}

const SECRET_VARIABLES = new Set(['SESSION_SECRET'])

/** Parses the environment; the error names the first wrong variable in one line. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
	const result = envSchema.safeParse(source)
	if (result.success) return result.data
	const issue = result.error.issues[0]!
	const name = issue.path.join('.')
	// A secret is never printed, not even a wrong one.
	const got = SECRET_VARIABLES.has(name) ? 'a hidden value' : JSON.stringify(source[name] ?? null)
	throw new EnvError(`Invalid environment variable ${name}: ${issue.message} (got ${got})`)
}

// On globalThis: in development the server and Vite's module graph each load this module, and both
// must read the one environment the server checked.
const globalForEnv = globalThis as unknown as { __peerpowerEnv?: Env }

/**
 * Hands the checked environment to the modules that read it (database, sessions, rate and posting
 * limits, flash messages, the log level). startServer calls it before anything is served; a script
 * or the test setup that uses those modules without a server calls it first too.
 */
export function configure(env: Env): void {
	globalForEnv.__peerpowerEnv = env
	logger.level = env.LOG_LEVEL
}

/** The environment given to configure(); read before it, this throws rather than guess. */
export function getEnv(): Env {
	const env = globalForEnv.__peerpowerEnv
	if (!env) throw new Error('The environment was read before configure(env) was called (startServer calls it)')
	return env
}

/** Whether cookies are marked Secure: SECURE_COOKIES, or by default in production only. */
export function secureCookies(env: Env = getEnv()): boolean {
	return env.SECURE_COOKIES === 'auto' ? env.NODE_ENV === 'production' : env.SECURE_COOKIES === 'true'
}
