import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import { db } from '#app/utils/db.server.ts'
import { queryRows, sql } from '#app/utils/sql.server.ts'
import { secureCookies } from '#app/utils/env.server.ts'

/**
 * Sessions the Lucia way: the browser holds a random token in an HttpOnly cookie, the database
 * only the token's SHA-256 (a leaked database row cannot be replayed as a cookie).
 */
export const SESSION_COOKIE = 'pp_session'
const DAY = 24 * 60 * 60 * 1000
export const SESSION_LIFETIME_MS = 30 * DAY
// Sliding expiry: a session used in its second half is extended to a full lifetime again.
const RENEW_WHEN_LESS_THAN_MS = 15 * DAY
// lastSeenAt is only for the sessions list; writing it on every request would be wasteful.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000

export type SessionUser = {
	id: string
	email: string
	name: string
	company: string
	isSiteAdmin: boolean
}
export type ValidSession = { id: string; userId: string; expiresAt: Date }

type SessionRow = {
	id: string
	userId: string
	expiresAt: Date
	lastSeenAt: Date
	email: string
	name: string
	company: string
	isSiteAdmin: boolean
	suspended: unknown
}

export function generateToken(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createSession(
	userId: string,
	meta: { userAgent?: string | null; ipAddress?: string | null } = {},
): Promise<{ token: string; session: ValidSession }> {
	const token = generateToken()
	const session = await db.session.create({
		data: {
			id: hashToken(token),
			userId,
			expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
			userAgent: (meta.userAgent ?? '').slice(0, 300),
			ipAddress: (meta.ipAddress ?? '').slice(0, 64),
		},
		select: { id: true, userId: true, expiresAt: true },
	})
	return { token, session }
}

export async function validateSessionToken(
	token: string,
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const id = hashToken(token)
	const now = Date.now()
	// Every request asks this: the session and its user in one statement (sql.server.ts says why),
	// with whether the user is suspended (an indexed probe: see moderation/suspensions.server.ts).
	const [row] = await queryRows<SessionRow>(sql`
		SELECT s."id", s."userId", s."expiresAt", s."lastSeenAt", u."email", u."name", u."company", u."isSiteAdmin",
			EXISTS (SELECT 1 FROM "Suspension" x WHERE x."userId" = s."userId" AND x."liftedAt" IS NULL
				AND (x."endsAt" IS NULL OR x."endsAt" > ${new Date(now)})) AS "suspended"
		FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${id}`)
	if (!row) return null
	// A suspension ends every session when it starts; one that outlived it (made in between) ends here.
	if (row.expiresAt.getTime() <= now || Boolean(row.suspended)) {
		await db.session.deleteMany({ where: { id } })
		return null
	}
	const renew = row.expiresAt.getTime() - now < RENEW_WHEN_LESS_THAN_MS
	const touch = now - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS
	let expiresAt = row.expiresAt
	if (renew || touch) {
		if (renew) expiresAt = new Date(now + SESSION_LIFETIME_MS)
		await db.session.updateMany({ where: { id }, data: { expiresAt, lastSeenAt: new Date(now) } })
	}
	return {
		session: { id: row.id, userId: row.userId, expiresAt },
		user: { id: row.userId, email: row.email, name: row.name, company: row.company, isSiteAdmin: Boolean(row.isSiteAdmin) },
	}
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await db.session.deleteMany({ where: { id: sessionId } })
}

export async function invalidateOtherSessions(userId: string, keepSessionId: string): Promise<number> {
	const { count } = await db.session.deleteMany({ where: { userId, id: { not: keepSessionId } } })
	return count
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
	if (!cookieHeader) return null
	const token = parseCookies(cookieHeader)[SESSION_COOKIE]
	return token && /^[a-z2-7]{32}$/.test(token) ? token : null
}

// The cookie outlives any session (browsers cap it at 400 days): the server's sliding expiry decides,
// so a renewed session never needs its cookie written again.
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60

export function sessionCookieHeader(token: string): string {
	return serializeCookie(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookies(),
		path: '/',
		maxAge: COOKIE_MAX_AGE_SECONDS,
	})
}

export function clearSessionCookieHeader(): string {
	return serializeCookie(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookies(),
		path: '/',
		maxAge: 0,
	})
}
