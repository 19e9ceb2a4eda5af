import { createHash } from 'node:crypto'
import { afterEach, describe, expect, test } from 'vitest'
import { getAuth } from '#app/utils/auth.server.ts'
import {
	createSession,
	readSessionToken,
	SESSION_LIFETIME_MS,
	sessionCookieHeader,
	validateSessionToken,
} from '#app/modules/auth/sessions.server.ts'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as logoutAction } from '#app/routes/auth/logout.tsx'
import { action as passwordAction } from '#app/routes/settings/password.tsx'
import {
	action as sessionsAction,
	loader as sessionsLoader,
} from '#app/routes/settings/sessions.tsx'
import { db } from '#app/utils/db.server.ts'
import { changeEnv, createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf, TEST_PASSWORD } from '#tests/helpers.ts'

const DAY = 24 * 60 * 60 * 1000

function sha256Hex(value: string): string {
	return createHash('sha256').update(value).digest('hex')
}

// Each log-in from its own address, so the per-IP limit never decides a test here.
let address = 0
function freshContext() {
	address += 1
	return createTestContext({ clientIp: `10.1.${Math.floor(address / 250)}.${(address % 250) + 1}` })
}

async function logIn(email: string, password = TEST_PASSWORD) {
	const result = await settle(
		runRoute(loginAction, {
			request: makeRequest('/login', { form: { email, password } }),
			params: {},
			context: freshContext(),
		}),
	)
	expect(result).toBeInstanceOf(Response)
	const setCookie = (result as Response).headers.get('set-cookie') ?? ''
	const token = readSessionToken(setCookie.split(';')[0])
	expect(token).not.toBeNull()
	return { token: token!, cookie: `pp_session=${token}`, setCookie }
}

function sessionIdOf(cookie: string): string {
	return sha256Hex(readSessionToken(cookie)!)
}

describe('what the database keeps', () => {
	test('the Session table holds only the SHA-256 of the cookie’s token', async () => {
		const user = await createUser()
		const { token } = await logIn(user.email)
		const rows = await db.session.findMany({ where: { userId: user.id } })
		expect(rows).toHaveLength(1)
		expect(rows[0]!.id).toBe(sha256Hex(token))
		expect(JSON.stringify(rows)).not.toContain(token)
	})

	test('every log-in starts a new session', async () => {
		const user = await createUser()
		const first = await logIn(user.email)
		const second = await logIn(user.email)
		expect(second.token).not.toBe(first.token)
		const ids = (
			await db.session.findMany({ where: { userId: user.id }, select: { id: true } })
		).map((row) => row.id)
		expect(ids.sort()).toEqual([sha256Hex(first.token), sha256Hex(second.token)].sort())
	})
})

describe('expiry', () => {
	test('an expired session is refused and deleted', async () => {
		const user = await createUser()
		const { token } = await createSession(user.id)
		await db.session.update({
			where: { id: sha256Hex(token) },
			data: { expiresAt: new Date(Date.now() - 1000) },
		})

		const result = await settle(
			runRoute(sessionsLoader, {
				request: makeRequest('/settings/sessions', { cookie: `pp_session=${token}` }),
			}),
		)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(
			'/login?redirectTo=%2Fsettings%2Fsessions',
		)
		expect(await db.session.findUnique({ where: { id: sha256Hex(token) } })).toBeNull()
	})

	test('a session used in the second half of its life is extended to a full lifetime', async () => {
		const user = await createUser()
		const { token } = await createSession(user.id)
		const id = sha256Hex(token)
		await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 10 * DAY) } })

		const before = Date.now()
		const auth = await validateSessionToken(token)
		expect(auth?.user.id).toBe(user.id)
		const { expiresAt } = await db.session.findUniqueOrThrow({ where: { id } })
		expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_LIFETIME_MS)
	})

	test('a session used in the first half of its life keeps its expiry', async () => {
		const user = await createUser()
		const { token } = await createSession(user.id)
		const id = sha256Hex(token)
		const expiresAt = new Date(Date.now() + 20 * DAY)
		await db.session.update({ where: { id }, data: { expiresAt } })

		expect(await validateSessionToken(token)).not.toBeNull()
		expect((await db.session.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(expiresAt)
	})
})

describe('the session cookie', () => {
	let restoreEnv = () => {}
	afterEach(() => restoreEnv())

	test('is HttpOnly and SameSite=Lax, and not Secure outside production', async () => {
		restoreEnv = changeEnv({ NODE_ENV: 'test', SECURE_COOKIES: 'auto' })
		const user = await createUser()
		const { setCookie } = await logIn(user.email)
		expect(setCookie).toMatch(/^pp_session=[a-z2-7]{32};/)
		expect(setCookie).toMatch(/; HttpOnly/i)
		expect(setCookie).toMatch(/; SameSite=Lax/i)
		expect(setCookie).toMatch(/; Path=\//i)
		expect(setCookie).not.toMatch(/; Secure/i)
	})

	test('is Secure in production', () => {
		restoreEnv = changeEnv({ NODE_ENV: 'production', SECURE_COOKIES: 'auto' })
		const header = sessionCookieHeader('a'.repeat(32))
		expect(header).toMatch(/; Secure/i)
		expect(header).toMatch(/; HttpOnly/i)
		expect(header).toMatch(/; SameSite=Lax/i)
	})

	test('a cookie that is not a token of ours is ignored', async () => {
		const auth = await getAuth(makeRequest('/', { cookie: 'pp_session=not-a-token' }))
		expect(auth).toBeNull()
	})
})

describe('logging out', () => {
	test('deletes the session and clears the cookie', async () => {
		const user = await createUser()
		const { cookie } = await logIn(user.email)
		const result = await settle(
			runRoute(logoutAction, { request: makeRequest('/logout', { cookie, form: {} }), context: createTestContext() }),
		)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('set-cookie')).toMatch(/^pp_session=; Max-Age=0/)
		expect(await db.session.findUnique({ where: { id: sessionIdOf(cookie) } })).toBeNull()
		expect(await getAuth(makeRequest('/', { cookie }))).toBeNull()
	})
})

function sessionsAct(cookie: string, form: Record<string, string>) {
	return settle(
		runRoute(sessionsAction, { request: makeRequest('/settings/sessions', { cookie, form }), context: createTestContext() }),
	)
}

describe('the sessions page', () => {
	test('lists the user’s sessions and marks the current one', async () => {
		const user = await createUser()
		const current = await sessionCookieFor(user.id)
		const other = await sessionCookieFor(user.id)
		await sessionCookieFor((await createUser()).id)
		const result = await runRoute(sessionsLoader, {
			request: makeRequest('/settings/sessions', { cookie: current }),
		})
		const { sessions } = dataOf<{ sessions: Array<{ id: string; current: boolean }> }>(result)
		expect(sessions.map((s) => s.id).sort()).toEqual(
			[sessionIdOf(current), sessionIdOf(other)].sort(),
		)
		expect(sessions.find((s) => s.current)?.id).toBe(sessionIdOf(current))
	})

	test('revoke ends another session of the same user', async () => {
		const user = await createUser()
		const current = await sessionCookieFor(user.id)
		const other = await sessionCookieFor(user.id)
		const result = await sessionsAct(current, { intent: 'revoke', sessionId: sessionIdOf(other) })
		expect(statusOf(result)).toBe(302)
		expect(await db.session.findUnique({ where: { id: sessionIdOf(other) } })).toBeNull()
		expect(await db.session.findUnique({ where: { id: sessionIdOf(current) } })).not.toBeNull()
	})

	test('revoke does not touch another user’s session', async () => {
		const user = await createUser()
		const stranger = await createUser()
		const current = await sessionCookieFor(user.id)
		const strangers = await sessionCookieFor(stranger.id)
		await sessionsAct(current, { intent: 'revoke', sessionId: sessionIdOf(strangers) })
		expect(await db.session.findUnique({ where: { id: sessionIdOf(strangers) } })).not.toBeNull()
		expect((await getAuth(makeRequest('/', { cookie: strangers })))?.user.id).toBe(stranger.id)
	})

	test('revoke refuses to end the session in use', async () => {
		const user = await createUser()
		const current = await sessionCookieFor(user.id)
		const result = await sessionsAct(current, { intent: 'revoke', sessionId: sessionIdOf(current) })
		expect(statusOf(result)).toBe(400)
		expect(await db.session.findUnique({ where: { id: sessionIdOf(current) } })).not.toBeNull()
	})

	test('revoke-others ends all the user’s other sessions, and only theirs', async () => {
		const user = await createUser()
		const stranger = await createUser()
		const current = await sessionCookieFor(user.id)
		await sessionCookieFor(user.id)
		await sessionCookieFor(user.id)
		const strangers = await sessionCookieFor(stranger.id)
		const result = await sessionsAct(current, { intent: 'revoke-others' })
		expect(statusOf(result)).toBe(302)
		const left = await db.session.findMany({ where: { userId: user.id }, select: { id: true } })
		expect(left).toEqual([{ id: sessionIdOf(current) }])
		expect(await db.session.findUnique({ where: { id: sessionIdOf(strangers) } })).not.toBeNull()
	})
})

function changePassword(cookie: string, form: Record<string, string>) {
	return settle(
		runRoute(passwordAction, { request: makeRequest('/settings/password', { cookie, form }), context: createTestContext() }),
	)
}

describe('changing the password', () => {
	test('ends the user’s other sessions but keeps the current one', async () => {
		const user = await createUser()
		const stranger = await createUser()
		const current = await sessionCookieFor(user.id)
		const other = await sessionCookieFor(user.id)
		const strangers = await sessionCookieFor(stranger.id)
		const newPassword = 'a brand new password'
		const result = await changePassword(current, {
			currentPassword: TEST_PASSWORD,
			newPassword,
			confirmPassword: newPassword,
		})
		expect(statusOf(result)).toBe(302)
		expect(await getAuth(makeRequest('/', { cookie: current }))).not.toBeNull()
		expect(await getAuth(makeRequest('/', { cookie: other }))).toBeNull()
		expect(await getAuth(makeRequest('/', { cookie: strangers }))).not.toBeNull()
		// The new password logs in; the old one no longer does.
		await logIn(user.email, newPassword)
		const old = await settle(
			runRoute(loginAction, {
				request: makeRequest('/login', { form: { email: user.email, password: TEST_PASSWORD } }),
				params: {},
				context: freshContext(),
			}),
		)
		expect(statusOf(old)).toBe(400)
	})

	test('a wrong current password is a field error and changes nothing', async () => {
		const user = await createUser()
		const current = await sessionCookieFor(user.id)
		const other = await sessionCookieFor(user.id)
		const before = await db.user.findUniqueOrThrow({
			where: { id: user.id },
			select: { passwordHash: true },
		})
		const result = await changePassword(current, {
			currentPassword: 'not my password',
			newPassword: 'a brand new password',
			confirmPassword: 'a brand new password',
		})
		expect(statusOf(result)).toBe(400)
		const { result: reply } = dataOf<{
			result: { error: Record<string, string[]>; initialValue: Record<string, unknown> }
		}>(result)
		expect(reply.error.currentPassword?.[0]).toMatch(/not your current password/)
		expect(reply.initialValue.currentPassword).toBeUndefined()
		expect(reply.initialValue.newPassword).toBeUndefined()
		expect(
			await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } }),
		).toEqual(before)
		expect(await getAuth(makeRequest('/', { cookie: other }))).not.toBeNull()
	})
})
