import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { getEnv } from '#app/utils/env.server.ts'

/**
 * Every limit on the way into an account, named where it applies (durations in seconds). The
 * README's "Limits" section states the same figures.
 *
 * - Log-ins per address follow Discourse's defaults (max_logins_per_ip_per_minute/hour). Only
 *   failures count: a successful log-in gives its point back, so a whole peer group can log in
 *   from one office NAT.
 * - Failures per account count only attempts from devices that never logged into that account
 *   (see known-devices.server.ts), so an attacker elsewhere cannot lock the owner out.
 * - Sign-ups create accounts and cost a password hash each, so every one counts per address; per
 *   email they count the same whether or not the email has an account, which keeps the limit
 *   from telling who is a member.
 * - The current-password check of a signed-in member (password change) is the same guess as a
 *   log-in, made with a stolen session: counted per member, cleared once they get it right.
 */
export const AUTH_LIMITS = {
	loginPerIpPerMinute: { points: 6, duration: 60 },
	loginPerIpPerHour: { points: 30, duration: 60 * 60 },
	loginFailuresPerAccountFromNewDevices: { points: 5, duration: 15 * 60 },
	signupsPerIp: { points: 20, duration: 60 * 60 },
	signupsPerEmail: { points: 3, duration: 60 * 60 },
	passwordChecksPerUser: { points: 5, duration: 15 * 60 },
} as const satisfies Record<string, { points: number; duration: number }>

export type AuthLimitName = keyof typeof AUTH_LIMITS

// In memory, so each instance keeps its own counts: with several instances a client gets up to
// that many times the allowance. RateLimiterRedis takes the same options when that matters.
type Limiters = Record<AuthLimitName, RateLimiterMemory>
const globalForLimits = globalThis as unknown as { __peerpowerAuthLimiters?: Limiters }

function limiter(name: AuthLimitName): RateLimiterMemory {
	globalForLimits.__peerpowerAuthLimiters ??= Object.fromEntries(
		Object.entries(AUTH_LIMITS).map(([key, figures]) => [
			key,
			new RateLimiterMemory({ keyPrefix: `auth-${key}`, ...figures }),
		]),
	) as Limiters
	return globalForLimits.__peerpowerAuthLimiters[name]
}

type Charge = { name: AuthLimitName; key: string }

export type Attempt =
	| {
			allowed: true
			/** Gives the points back: the attempt turned out not to count (e.g. it succeeded). */
			refund: () => Promise<void>
	  }
	| { allowed: false; retryAfterSeconds: number }

/**
 * Takes one point from each limit, all or nothing: when one is spent, the points already taken are
 * given back and the attempt is refused. Taking the point before the work (not after a failure)
 * keeps a burst of parallel attempts from all passing a check that none has yet counted against.
 */
async function attempt(charges: Charge[]): Promise<Attempt> {
	const taken: Charge[] = []
	const giveBack = async (charges: Charge[]) => {
		for (const { name, key } of charges) {
			// Only into a window still open: a reward after it ended would start the next one in credit.
			const current = await limiter(name).get(key)
			if (current && current.consumedPoints > 0) await limiter(name).reward(key, 1)
		}
	}
	for (const charge of charges) {
		try {
			await limiter(charge.name).consume(charge.key)
			taken.push(charge)
		} catch (error) {
			if (!(error instanceof RateLimiterRes)) throw error
			await giveBack([...taken, charge])
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
		}
	}
	return { allowed: true, refund: () => giveBack(taken) }
}

// Addresses exempt from the per-address limits (AUTH_RATE_LIMIT_EXEMPT_IPS): an office that holds
// its peer group's meetings, or the end-to-end tests where every browser is 127.0.0.1. The
// per-account and per-member limits still apply to them.
function perIp(names: AuthLimitName[], ip: string): Charge[] {
	const key = ip || 'unknown'
	return getEnv().AUTH_RATE_LIMIT_EXEMPT_IPS.includes(key) ? [] : names.map((name) => ({ name, key }))
}

/** Before a log-in form is even read: the client's address. */
export function attemptLoginFromIp(ip: string): Promise<Attempt> {
	return attempt(perIp(['loginPerIpPerMinute', 'loginPerIpPerHour'], ip))
}

/** Before the password is checked, from a device that never logged into the account: the account. */
export function attemptLoginOnAccount(email: string): Promise<Attempt> {
	return attempt([{ name: 'loginFailuresPerAccountFromNewDevices', key: email.toLowerCase() }])
}

/** Before a sign-up form is read: the client's address. */
export function attemptSignupFromIp(ip: string): Promise<Attempt> {
	return attempt(perIp(['signupsPerIp'], ip))
}

/** Before a password is hashed for a sign-up: the email, whether or not it has an account. */
export function attemptSignupForEmail(email: string): Promise<Attempt> {
	return attempt([{ name: 'signupsPerEmail', key: email.toLowerCase() }])
}

/** Before a signed-in member's current password is checked. */
export function attemptPasswordCheck(userId: string): Promise<Attempt> {
	return attempt([{ name: 'passwordChecksPerUser', key: userId }])
}

/** The member proved they know their password: their earlier misses no longer count. */
export async function clearPasswordChecks(userId: string): Promise<void> {
	await limiter('passwordChecksPerUser').delete(userId)
}

function wait(retryAfterSeconds: number): string {
	const minutes = Math.ceil(retryAfterSeconds / 60)
	return minutes === 1 ? 'a minute' : `${minutes} minutes`
}

export function rateLimitMessage(retryAfterSeconds: number): string {
	return `Too many attempts. Please wait ${wait(retryAfterSeconds)} and try again.`
}

/** The account is protected from new devices; the owner's known devices still get in. */
export function accountLimitMessage(retryAfterSeconds: number): string {
	return (
		`Too many failed log-ins to this account from new devices. Log in from a device you have ` +
		`logged in from before, or wait ${wait(retryAfterSeconds)} and try again.`
	)
}
