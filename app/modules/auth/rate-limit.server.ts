import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { getEnv } from '#app/utils/env.server.ts'

// Log-in and sign-up attempts, limited per client IP and per account (email). In memory: one
// instance's limits; a Redis-backed limiter is the change when running several instances.
type Limiters = { perIp: RateLimiterMemory; perAccount: RateLimiterMemory }
const globalForLimits = globalThis as unknown as { __peerpowerAuthLimiters?: Limiters }

function limiters(): Limiters {
	if (!globalForLimits.__peerpowerAuthLimiters) {
		const env = getEnv()
		const duration = env.AUTH_RATE_LIMIT_WINDOW_SECONDS
		globalForLimits.__peerpowerAuthLimiters = {
			perIp: new RateLimiterMemory({ keyPrefix: 'auth-ip', points: env.AUTH_RATE_LIMIT_PER_IP, duration }),
			perAccount: new RateLimiterMemory({
				keyPrefix: 'auth-account',
				points: env.AUTH_RATE_LIMIT_PER_ACCOUNT,
				duration,
			}),
		}
	}
	return globalForLimits.__peerpowerAuthLimiters
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Counts one attempt against the IP and the account; refuses when either is spent. */
export async function consumeAuthAttempt(ip: string, account: string): Promise<RateLimitResult> {
	const { perIp, perAccount } = limiters()
	try {
		await perIp.consume(ip || 'unknown')
		if (account) await perAccount.consume(account.toLowerCase())
		return { allowed: true }
	} catch (error) {
		if (error instanceof RateLimiterRes) {
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
		}
		throw error
	}
}

/** A successful log-in clears the account's count, so a typo earlier does not linger. */
export async function resetAccountAttempts(account: string): Promise<void> {
	await limiters().perAccount.delete(account.toLowerCase())
}

export function rateLimitMessage(retryAfterSeconds: number): string {
	const minutes = Math.ceil(retryAfterSeconds / 60)
	return `Too many attempts. Please wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`
}
