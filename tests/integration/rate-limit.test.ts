// The limits on the way into an account, with their real figures (AUTH_LIMITS in
// app/modules/auth/rate-limit.server.ts): log-ins per address, failures per account from devices
// that never logged into it, sign-ups per address and per email, current-password checks.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { AUTH_LIMITS } from '#app/modules/auth/rate-limit.server.ts'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as signupAction } from '#app/routes/auth/signup.tsx'
import { action as passwordAction } from '#app/routes/settings/password.tsx'
import { db } from '#app/utils/db.server.ts'
import { createTestContext, createUser, dataOf, makeRequest, ORIGIN, runRoute, sessionCookieFor, settle, statusOf, TEST_PASSWORD } from '#tests/helpers.ts'

afterEach(() => {
	vi.useRealTimers()
})

// Each test takes addresses of its own, so no test depends on what another one spent.
let subnet = 0
function addresses() {
	subnet += 1
	let host = 0
	return () => {
		host += 1
		return `10.9.${subnet}.${host}`
	}
}

function login(email: string, password: string, clientIp: string, cookie?: string) {
	return settle(
		runRoute(loginAction, {
			request: makeRequest('/login', { form: { email, password }, cookie }),
			params: {},
			context: createTestContext({ clientIp }),
		}),
	)
}

async function createUsers(count: number) {
	const users = []
	for (let n = 0; n < count; n++) users.push(await createUser())
	return users
}

function headersOf(result: unknown): Headers {
	if (result instanceof Response) return result.headers
	return new Headers((result as { init?: { headers?: HeadersInit } }).init?.headers)
}

function formErrorOf(result: unknown): string | undefined {
	return dataOf<{ result: { error?: Record<string, string[] | null> } }>(result).result.error?.[
		''
	]?.[0]
}

function expectRateLimited(result: unknown, maxRetryAfter?: number) {
	expect(statusOf(result)).toBe(429)
	const retryAfter = Number(headersOf(result).get('retry-after'))
	expect(retryAfter).toBeGreaterThan(0)
	if (maxRetryAfter) expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter)
	expect(formErrorOf(result)).toMatch(/^Too many .+ (wait|try again)/)
}

/** The known-device cookie a successful log-in sets, as the browser would send it back. */
function deviceCookieOf(result: unknown): string {
	const cookie = (result as Response).headers
		.getSetCookie()
		.find((line) => line.startsWith('pp_device='))
	expect(cookie).toBeDefined()
	return cookie!.split(';')[0]!
}

describe('log-ins per address', () => {
	const perMinute = AUTH_LIMITS.loginPerIpPerMinute.points

	test('the limits are at least as strict as Discourse’s defaults (6 a minute, 30 an hour)', () => {
		expect(AUTH_LIMITS.loginPerIpPerMinute).toEqual({ points: 6, duration: 60 })
		expect(AUTH_LIMITS.loginPerIpPerHour).toEqual({ points: 30, duration: 3600 })
	})

	test('after six failures in a minute, the address is refused, even with the right password', async () => {
		const next = addresses()
		const ip = next()
		for (let attempt = 1; attempt <= perMinute; attempt++) {
			expect(statusOf(await login(`nobody${attempt}@example.com`, 'wrong password', ip))).toBe(400)
		}
		const user = await createUser()
		expectRateLimited(await login(user.email, TEST_PASSWORD, ip), 60)
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
		// Another address is still served.
		expect(statusOf(await login(user.email, TEST_PASSWORD, next()))).toBe(302)
	})

	test('after thirty failures in an hour, the address is refused for the rest of the hour', async () => {
		vi.useFakeTimers({ toFake: ['Date'] })
		const ip = addresses()()
		let failures = 0
		while (failures < AUTH_LIMITS.loginPerIpPerHour.points) {
			for (let attempt = 0; attempt < perMinute - 1; attempt++) {
				failures += 1
				expect(statusOf(await login(`nobody${failures}@example.com`, 'wrong password', ip))).toBe(
					400,
				)
			}
			vi.setSystemTime(Date.now() + 61_000)
		}
		const user = await createUser()
		const refused = await login(user.email, TEST_PASSWORD, ip)
		expectRateLimited(refused)
		expect(Number(headersOf(refused).get('retry-after'))).toBeGreaterThan(60)
	})

	test('twenty-five members log in from one office address within minutes: all succeed', async () => {
		const ip = addresses()()
		const members = await createUsers(25)
		for (const member of members) {
			expect(statusOf(await login(member.email, TEST_PASSWORD, ip))).toBe(302)
		}
	})

	test('successful log-ins do not use up the address’s allowance for mistakes', async () => {
		const ip = addresses()()
		const members = await createUsers(10)
		for (let attempt = 1; attempt < perMinute; attempt++) {
			expect(statusOf(await login(`typo${attempt}@example.com`, 'typo', ip))).toBe(400)
		}
		for (const member of members) {
			expect(statusOf(await login(member.email, TEST_PASSWORD, ip))).toBe(302)
		}
		expect(statusOf(await login(members[1]!.email, 'typo', ip))).toBe(400)
		expectRateLimited(await login(members[2]!.email, TEST_PASSWORD, ip))
	})
})

describe('failures per account', () => {
	const perAccount = AUTH_LIMITS.loginFailuresPerAccountFromNewDevices.points

	test('an attacker elsewhere cannot lock the owner out of a device they have logged in from', async () => {
		const next = addresses()
		const owner = await createUser()
		const device = deviceCookieOf(await login(owner.email, TEST_PASSWORD, next()))
		await db.session.deleteMany({ where: { userId: owner.id } })

		for (let attempt = 1; attempt <= perAccount * 2; attempt++) {
			const result = await login(owner.email, 'guess', next())
			expect([400, 429]).toContain(statusOf(result))
		}
		// The owner, at home again (a new address), on the browser they used before.
		expect(statusOf(await login(owner.email, TEST_PASSWORD, next(), device))).toBe(302)
	})

	test('from a device that never logged in, the account is refused after five failures, with a way forward', async () => {
		const next = addresses()
		const owner = await createUser()
		for (let attempt = 1; attempt <= perAccount; attempt++) {
			expect(statusOf(await login(owner.email, 'guess', next()))).toBe(400)
		}
		const refused = await login(owner.email.toUpperCase(), TEST_PASSWORD, next())
		expectRateLimited(refused, AUTH_LIMITS.loginFailuresPerAccountFromNewDevices.duration)
		expect(formErrorOf(refused)).toMatch(/device you have logged in from before/)
		expect(await db.session.count({ where: { userId: owner.id } })).toBe(0)
	})

	test('the owner’s own mistakes on a known device do not count against the account', async () => {
		const next = addresses()
		const owner = await createUser()
		const device = deviceCookieOf(await login(owner.email, TEST_PASSWORD, next()))
		for (let attempt = 1; attempt <= perAccount + 1; attempt++) {
			expect(statusOf(await login(owner.email, 'typo', next(), device))).toBe(400)
		}
		// A new phone, the right password: not refused.
		expect(statusOf(await login(owner.email, TEST_PASSWORD, next()))).toBe(302)
	})

	test('another account’s device cookie, or a forged one, is an unknown device', async () => {
		const next = addresses()
		const [owner, other] = [await createUser(), await createUser()]
		const othersDevice = deviceCookieOf(await login(other.email, TEST_PASSWORD, next()))
		for (let attempt = 1; attempt <= perAccount; attempt++) {
			await login(owner.email, 'guess', next(), attempt % 2 ? othersDevice : 'pp_device=forged')
		}
		expectRateLimited(await login(owner.email, TEST_PASSWORD, next(), othersDevice))
		expectRateLimited(await login(owner.email, TEST_PASSWORD, next(), 'pp_device=forged'))
	})

	test('a known device is remembered for each account that logged in from it', async () => {
		const next = addresses()
		const [alice, bob] = [await createUser(), await createUser()]
		const first = deviceCookieOf(await login(alice.email, TEST_PASSWORD, next()))
		const both = deviceCookieOf(await login(bob.email, TEST_PASSWORD, next(), first))
		for (let attempt = 1; attempt <= perAccount; attempt++) {
			await login(alice.email, 'guess', next())
			await login(bob.email, 'guess', next())
		}
		expect(statusOf(await login(alice.email, TEST_PASSWORD, next(), both))).toBe(302)
		expect(statusOf(await login(bob.email, TEST_PASSWORD, next(), both))).toBe(302)
	})
})

describe('known devices and password changes', () => {
	test('a password change forgets the devices known before, but not the browser it was made in', async () => {
		const next = addresses()
		const owner = await createUser()
		const laptop = deviceCookieOf(await login(owner.email, TEST_PASSWORD, next()))
		const phone = deviceCookieOf(await login(owner.email, TEST_PASSWORD, next()))
		const newPassword = 'a brand new password'
		const changed = (await changePassword(
			`${await sessionCookieFor(owner.id)}; ${laptop}`,
			TEST_PASSWORD,
			newPassword,
		)) as Response
		expect(changed.status).toBe(302)
		const laptopNow = deviceCookieOf(changed)

		for (let attempt = 1; attempt <= AUTH_LIMITS.loginFailuresPerAccountFromNewDevices.points; attempt++) {
			await login(owner.email, 'guess', next())
		}
		expectRateLimited(await login(owner.email, newPassword, next(), phone))
		expect(statusOf(await login(owner.email, newPassword, next(), laptopNow))).toBe(302)
	})
})

describe('a limited client is refused before any expensive work', () => {
	/** A form post whose body records whether anyone read it. */
	function watchedPost(path: string, form: Record<string, string>, cookie?: string) {
		const watch = { read: false }
		const bytes = new TextEncoder().encode(new URLSearchParams(form).toString())
		const body = new ReadableStream<Uint8Array>(
			{
				pull(controller) {
					watch.read = true
					controller.enqueue(bytes)
					controller.close()
				},
			},
			{ highWaterMark: 0 },
		)
		const headers = new Headers({
			origin: ORIGIN,
			'content-type': 'application/x-www-form-urlencoded',
		})
		if (cookie) headers.set('cookie', cookie)
		const request = new Request(new URL(path, ORIGIN), {
			method: 'POST',
			headers,
			body,
			duplex: 'half',
		} as RequestInit)
		return { request, watch }
	}

	test('log-in: a limited address is refused without its form being read', async () => {
		const ip = addresses()()
		for (let attempt = 1; attempt <= AUTH_LIMITS.loginPerIpPerMinute.points; attempt++) {
			await login(`nobody${attempt}@example.com`, 'wrong password', ip)
		}
		const { request, watch } = watchedPost('/login', { email: 'a@example.com', password: 'x' })
		const result = await settle(
			runRoute(loginAction, { request, params: {}, context: createTestContext({ clientIp: ip }) }),
		)
		expect(statusOf(result)).toBe(429)
		expect(watch.read).toBe(false)
	})

	test('sign-up: a limited address is refused without its form being read', async () => {
		const ip = addresses()()
		for (let n = 1; n <= AUTH_LIMITS.signupsPerIp.points; n++) {
			await signup({ email: `cheap-${subnet}-${n}@example.com` }, ip)
		}
		const { request, watch } = watchedPost('/signup', validSignup({ email: 'late@example.com' }))
		const result = await settle(
			runRoute(signupAction, { request, params: {}, context: createTestContext({ clientIp: ip }) }),
		)
		expect(statusOf(result)).toBe(429)
		expect(watch.read).toBe(false)
	})

	test('password change: a limited member is refused without the form being read', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		for (let n = 1; n <= AUTH_LIMITS.passwordChecksPerUser.points; n++) {
			await changePassword(cookie, 'not my password')
		}
		const { request, watch } = watchedPost(
			'/settings/password',
			{ currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(12), confirmPassword: 'x'.repeat(12) },
			cookie,
		)
		const result = await settle(
			runRoute(passwordAction, { request, params: {}, context: createTestContext() }),
		)
		expect(statusOf(result)).toBe(429)
		expect(watch.read).toBe(false)
	})
})

function validSignup(overrides: Record<string, string> = {}) {
	return {
		name: 'Signup Person',
		email: 'signup@example.com',
		company: 'X',
		password: 'long enough password',
		...overrides,
	}
}

function signup(overrides: Record<string, string>, clientIp: string) {
	return settle(
		runRoute(signupAction, {
			request: makeRequest('/signup', { form: validSignup(overrides) }),
			params: {},
			context: createTestContext({ clientIp }),
		}),
	)
}

describe('sign-ups', () => {
	test('twenty sign-ups an hour per address; the next is refused and creates nothing', async () => {
		const ip = addresses()()
		for (let n = 1; n <= AUTH_LIMITS.signupsPerIp.points; n++) {
			expect(statusOf(await signup({ email: `office-${n}@example.com` }, ip))).toBe(302)
		}
		const refused = await signup({ email: 'office-late@example.com' }, ip)
		expectRateLimited(refused)
		expect(
			dataOf<{ result: { initialValue?: Record<string, unknown> } }>(refused).result.initialValue
				?.password,
		).toBeUndefined()
		expect(await db.user.count({ where: { email: 'office-late@example.com' } })).toBe(0)
	})

	test('one email is tried at most three times an hour, whether or not it has an account', async () => {
		const next = addresses()
		const member = await createUser()
		for (const email of [member.email, 'not-yet-a-member@example.com']) {
			for (let n = 1; n <= AUTH_LIMITS.signupsPerEmail.points; n++) {
				expect(statusOf(await signup({ email }, next()))).toBe(302)
			}
			expectRateLimited(await signup({ email }, next()))
		}
	})
})

function changePassword(cookie: string, currentPassword: string, newPassword = 'a brand new password') {
	return settle(
		runRoute(passwordAction, {
			request: makeRequest('/settings/password', {
				cookie,
				form: { currentPassword, newPassword, confirmPassword: newPassword },
			}),
			params: {},
			context: createTestContext(),
		}),
	)
}

describe('the current-password check on password change', () => {
	test('five wrong current passwords: the next try is refused, even the right one, and nothing changes', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		for (let n = 1; n <= AUTH_LIMITS.passwordChecksPerUser.points; n++) {
			expect(statusOf(await changePassword(cookie, `guess ${n}`))).toBe(400)
		}
		expectRateLimited(await changePassword(cookie, TEST_PASSWORD))
		const after = await db.user.findUniqueOrThrow({ where: { id: user.id } })
		expect(after.passwordHash).toBe(user.passwordHash)
	})

	test('a successful change does not count, and the limit is the member’s own', async () => {
		const [user, other] = [await createUser(), await createUser()]
		const cookie = await sessionCookieFor(user.id)
		for (let n = 1; n < AUTH_LIMITS.passwordChecksPerUser.points; n++) {
			await changePassword(cookie, `guess ${n}`)
		}
		expect(statusOf(await changePassword(cookie, TEST_PASSWORD, 'the second password'))).toBe(302)
		expect(statusOf(await changePassword(cookie, 'one more guess'))).toBe(400)
		const otherCookie = await sessionCookieFor(other.id)
		for (let n = 1; n <= AUTH_LIMITS.passwordChecksPerUser.points; n++) {
			await changePassword(otherCookie, `guess ${n}`)
		}
		// The first member has one try left however the other spent theirs.
		expect(statusOf(await changePassword(cookie, 'the second password', 'the third password'))).toBe(302)
	})
})
