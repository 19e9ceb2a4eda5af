import { describe, expect, test } from 'vitest'
import { action as loginAction, loader as loginLoader } from '#app/routes/auth/login.tsx'
import { action as signupAction } from '#app/routes/auth/signup.tsx'
import { db } from '#app/utils/db.server.ts'
import { getToast } from '#app/utils/toast.server.ts'
import { createTestContext, createUser, dataOf, makeRequest, runRoute, sessionCookieFor, settle, statusOf, TEST_PASSWORD } from '#tests/helpers.ts'

function signup(form: Record<string, string>, context = createTestContext()) {
	return settle(
		runRoute(signupAction, { request: makeRequest('/signup', { form }), params: {}, context }),
	)
}

async function timed(work: () => Promise<unknown>): Promise<number> {
	const started = performance.now()
	await work()
	return performance.now() - started
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)]!
}

/** Everything a requester can see of a sign-up's answer, except the time it took. */
function visible(result: unknown) {
	const response = result as Response
	return {
		status: response.status,
		location: response.headers.get('location'),
		cookies: response.headers.getSetCookie(),
		emptyBody: response.body === null,
	}
}

/** The toast a response sets, read back as the next page would read it. */
async function toastOf(response: Response) {
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0]!)
		.join('; ')
	return (await getToast(makeRequest('/', { cookie }))).toast
}

describe('sign up', () => {
	test('the first account becomes site admin; sign-up lands on the log-in page, logged out', async () => {
		const result = await signup({
			name: 'Ada Admin',
			email: 'ADA@example.com',
			company: 'Ada IT',
			password: 'long enough password',
		})
		expect(visible(result)).toEqual({
			status: 302,
			location: '/login?signedUp=1',
			cookies: [],
			emptyBody: true,
		})
		const user = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } })
		expect(user.isSiteAdmin).toBe(true)
		expect(user.passwordHash).toMatch(/^\$argon2id\$/)
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
	})

	test('a sign-up with a registered email answers exactly as one with a new email, and changes nothing', async () => {
		const member = await createUser({ email: 'dup@example.com' })
		const taken = await signup(
			{ name: 'Second', email: 'DUP@example.com', company: 'Two', password: 'another long password' },
			contextFromNewAddress(),
		)
		const fresh = await signup(
			{ name: 'Third', email: 'fresh@example.com', company: 'Three', password: 'another long password' },
			contextFromNewAddress(),
		)
		expect(visible(taken)).toEqual(visible(fresh))
		const after = await db.user.findUniqueOrThrow({ where: { email: 'dup@example.com' } })
		expect(after).toEqual(member)
		expect(await db.user.count({ where: { email: 'dup@example.com' } })).toBe(1)
	})

	test('a registered email takes as long as a new one (the password is hashed either way)', async () => {
		const taken: number[] = []
		const fresh: number[] = []
		for (let n = 0; n < 5; n++) {
			const member = await createUser()
			const form = { name: 'Timed', company: 'T', password: 'long enough password' }
			taken.push(await timed(() => signup({ ...form, email: member.email }, contextFromNewAddress())))
			fresh.push(await timed(() => signup({ ...form, email: `timed-${n}@example.com` }, contextFromNewAddress())))
		}
		// Without the hash it is about 1/20th: a loose bound keeps a busy machine from failing it.
		expect(median(taken)).toBeGreaterThan(median(fresh) * 0.25)
	})

	test('the owner of the email is told at their next log-in, once', async () => {
		const member = await createUser()
		await signup(
			{ name: 'Someone', email: member.email, company: 'X', password: 'another long password' },
			contextFromNewAddress(),
		)
		const first = (await login({ email: member.email, password: TEST_PASSWORD })) as Response
		expect(statusOf(first)).toBe(302)
		expect(await toastOf(first)).toMatchObject({
			type: 'info',
			title: 'Someone tried to sign up with your email',
			description: expect.stringMatching(/^On \d+ \w+ \d{4} at \d\d:\d\d UTC, someone tried/),
		})
		const second = (await login({ email: member.email, password: TEST_PASSWORD })) as Response
		expect(await toastOf(second)).toBeNull()
	})

	test('the notice is stored, so a restart loses nothing, and repeated attempts are counted once', async () => {
		const member = await createUser()
		const attempt = { name: 'Someone', email: member.email, company: 'X', password: 'another long password' }
		await signup(attempt, contextFromNewAddress())
		await signup(attempt, contextFromNewAddress())
		expect(await db.accountNotice.findMany({ where: { userId: member.id }, select: { kind: true, count: true } })).toEqual([
			{ kind: 'signup_attempt', count: 2 },
		])
		const result = (await login({ email: member.email, password: TEST_PASSWORD })) as Response
		expect(await toastOf(result)).toMatchObject({ description: expect.stringMatching(/^2 times, most recently on /) })
		expect(await db.accountNotice.count({ where: { userId: member.id } })).toBe(0)
	})

	test('a new member is not told anything of the kind at their first log-in', async () => {
		await signup(
			{ name: 'Newcomer', email: 'newcomer@example.com', company: 'N', password: 'long enough password' },
			contextFromNewAddress(),
		)
		const result = (await login({ email: 'newcomer@example.com', password: 'long enough password' })) as Response
		expect(statusOf(result)).toBe(302)
		expect(await toastOf(result)).toBeNull()
	})

	test('where the sign-up came from (an invitation) is carried on to the log-in', async () => {
		const result = await signup(
			{
				name: 'Invited',
				email: 'invited@example.com',
				company: 'I',
				password: 'long enough password',
				redirectTo: '/invite/abc',
			},
			contextFromNewAddress(),
		)
		expect((result as Response).headers.get('location')).toBe(
			'/login?signedUp=1&redirectTo=%2Finvite%2Fabc',
		)
	})
})

type Reply = {
	result: {
		status?: string
		error?: Record<string, string[] | null>
		initialValue?: Record<string, unknown>
	}
}

function replyOf(result: unknown) {
	return dataOf<Reply>(result).result
}

// Each attempt from its own address, so the per-IP limit never decides a test in this file.
let address = 0
function contextFromNewAddress() {
	address += 1
	return createTestContext({ clientIp: `10.2.${Math.floor(address / 250)}.${(address % 250) + 1}` })
}

function login(form: Record<string, string>) {
	return settle(
		runRoute(loginAction, {
			request: makeRequest('/login', { form }),
			params: {},
			context: contextFromNewAddress(),
		}),
	)
}

describe('sign up, refused', () => {
	const valid = {
		name: 'Grace Hopper',
		email: 'grace@example.com',
		company: 'Cobol Ltd',
		password: 'long enough password',
	}

	test('a short password is a field error; what was typed is kept, except the password', async () => {
		const result = await signup({ ...valid, password: 'short' }, contextFromNewAddress())
		expect(statusOf(result)).toBe(400)
		const reply = replyOf(result)
		expect(reply.error?.password?.[0]).toMatch(/at least 10 characters/)
		expect(reply.error?.email).toBeUndefined()
		expect(reply.initialValue).toMatchObject({
			name: valid.name,
			email: valid.email,
			company: valid.company,
		})
		expect(reply.initialValue?.password).toBeUndefined()
		expect(await db.user.count({ where: { email: valid.email } })).toBe(0)
	})

	test('a malformed email is a field error; what was typed is kept, except the password', async () => {
		const result = await signup({ ...valid, email: 'grace-at-example' }, contextFromNewAddress())
		expect(statusOf(result)).toBe(400)
		const reply = replyOf(result)
		expect(reply.error?.email?.[0]).toMatch(/valid email/)
		expect(reply.initialValue).toMatchObject({
			name: valid.name,
			email: 'grace-at-example',
			company: valid.company,
		})
		expect(reply.initialValue?.password).toBeUndefined()
		expect(await db.user.count({ where: { name: valid.name } })).toBe(0)
	})

	test('an account created after the first is not site admin', async () => {
		await signup(
			{ ...valid, email: 'someone@example.com', name: 'Someone' },
			contextFromNewAddress(),
		)
		await signup({ ...valid, email: 'later@example.com', name: 'Later' }, contextFromNewAddress())
		expect(await db.user.count({ where: { isSiteAdmin: true } })).toBeGreaterThanOrEqual(1)
		expect(
			(await db.user.findUniqueOrThrow({ where: { email: 'later@example.com' } })).isSiteAdmin,
		).toBe(false)
	})
})

describe('log in', () => {
	test('the right password starts a session and goes home', async () => {
		const user = await createUser()
		const result = await login({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe('/')
		expect((result as Response).headers.get('set-cookie')).toMatch(/^pp_session=[a-z2-7]{32};/)
	})

	test('a wrong password is a form error that does not say which part was wrong', async () => {
		const user = await createUser()
		const result = await login({ email: user.email, password: 'not the password' })
		expect(statusOf(result)).toBe(400)
		const reply = replyOf(result)
		expect(reply.error?.['']?.[0]).toMatch(/don’t match an account/)
		expect(reply.initialValue).toMatchObject({ email: user.email })
		expect(reply.initialValue?.password).toBeUndefined()
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
	})

	test('an unknown email gets the same form error as a wrong password', async () => {
		const result = await login({ email: 'nobody-here@example.com', password: 'whatever it is' })
		expect(statusOf(result)).toBe(400)
		expect(replyOf(result).error?.['']?.[0]).toMatch(/don’t match an account/)
	})

	test('an unknown email takes as long as a wrong password (the hash is checked either way)', async () => {
		const user = await createUser()
		const wrongPassword: number[] = []
		const unknownEmail: number[] = []
		for (let n = 0; n < 4; n++) {
			wrongPassword.push(await timed(() => login({ email: user.email, password: `wrong ${n}` })))
			unknownEmail.push(await timed(() => login({ email: `nobody-${n}@example.com`, password: 'wrong' })))
		}
		// Without the check it is about 1/20th: a loose bound keeps a busy machine from failing it.
		expect(median(unknownEmail)).toBeGreaterThan(median(wrongPassword) * 0.25)
	})

	test('redirectTo to a page of ours is followed', async () => {
		const user = await createUser()
		const result = await login({
			email: user.email,
			password: TEST_PASSWORD,
			redirectTo: '/g/owners?tab=members',
		})
		expect((result as Response).headers.get('location')).toBe('/g/owners?tab=members')
	})

	test.each(['//evil.com', 'https://evil.com/', '/\\evil.com', 'javascript:alert(1)'])(
		'redirectTo %s is not followed',
		async (redirectTo) => {
			const user = await createUser()
			const result = await login({ email: user.email, password: TEST_PASSWORD, redirectTo })
			expect(statusOf(result)).toBe(302)
			expect((result as Response).headers.get('location')).toBe('/')
		},
	)

	test('sign-up does not follow an external redirectTo either', async () => {
		const result = await signup(
			{
				name: 'Redirected',
				email: 'redirected@example.com',
				company: 'X',
				password: 'long enough password',
				redirectTo: '//evil.com',
			},
			contextFromNewAddress(),
		)
		expect((result as Response).headers.get('location')).toBe('/login?signedUp=1')
	})

	test('a signed-in user who opens the log-in page is sent home', async () => {
		const user = await createUser()
		const result = await settle(
			runRoute(loginLoader, {
				request: makeRequest('/login', { cookie: await sessionCookieFor(user.id) }),
			}),
		)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe('/')
	})
})
