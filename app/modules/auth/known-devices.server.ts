import { createHmac, timingSafeEqual } from 'node:crypto'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import { secureCookies } from '#app/utils/env.server.ts'

/**
 * Devices (browsers) that have logged into an account: failed log-ins from them do not count
 * against the account, so an attacker elsewhere cannot lock the owner out of their own browsers.
 *
 * Why a signed cookie and not the addresses of past log-ins (Session.ipAddress): addresses are
 * shared (an office NAT, a carrier-grade NAT, a café), so an attacker behind the same one would
 * count as the owner; they change (phones, home lines), so the owner would often count as a
 * stranger; and session rows vanish at log-out, when the owner needs the exemption most.
 *
 * The cookie holds one tag per account that logged in from this browser: an HMAC of the account's
 * id keyed by its password hash. No new secret to configure, nothing stored, a tag cannot be made
 * without the database, and changing the password (the usual answer to a stolen one) forgets every
 * device. The cookie names no account.
 */
export const KNOWN_DEVICE_COOKIE = 'pp_device'
// A shared computer may serve a few members; the oldest tag makes room for a new one.
const MAX_TAGS = 5
const TAG_LENGTH = 22 // base64url characters: 132 bits of the HMAC
const YEAR_SECONDS = 365 * 24 * 60 * 60

type Account = { id: string; passwordHash: string }

function tagFor(account: Account): string {
	return createHmac('sha256', account.passwordHash)
		.update(`peerpower known device ${account.id}`)
		.digest('base64url')
		.slice(0, TAG_LENGTH)
}

function tagsIn(cookieHeader: string | null): string[] {
	const value = cookieHeader ? parseCookies(cookieHeader)[KNOWN_DEVICE_COOKIE] : undefined
	if (!value) return []
	return value
		.split('.')
		.filter((tag) => tag.length === TAG_LENGTH)
		.slice(0, MAX_TAGS)
}

export function isKnownDevice(cookieHeader: string | null, account: Account): boolean {
	const expected = Buffer.from(tagFor(account))
	return tagsIn(cookieHeader).some((tag) => timingSafeEqual(Buffer.from(tag), expected))
}

/** The Set-Cookie header that adds this account to the browser's known accounts. */
export function rememberDeviceHeader(cookieHeader: string | null, account: Account): string {
	const tag = tagFor(account)
	const tags = [tag, ...tagsIn(cookieHeader).filter((other) => other !== tag)].slice(0, MAX_TAGS)
	return serializeCookie(KNOWN_DEVICE_COOKIE, tags.join('.'), {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookies(),
		path: '/',
		maxAge: YEAR_SECONDS,
	})
}
