import { describe, expect, test } from 'vitest'
import { action as loginAction, loader as loginLoader } from '#app/routes/auth/login.tsx'
import { action as signupAction } from '#app/routes/auth/signup.tsx'
import { db } from '#app/utils/db.server.ts'
import {
	createTestContext,
	createUser,
	dataOf,
	makeRequest,
	sessionCookieFor,
	settle,
	statusOf,
	TEST_PASSWORD,
} from '#tests/helpers.ts'

function signup(form: Record<string, string>, context = createTestContext()) {
	return settle(
		signupAction({ request: makeRequest('/signup', { form }), params: {}, context } as never),
	)
}

describe('sign up', () => {
	test('the first account becomes site admin and gets a session cookie', async () => {
		const result = await signup({
			name: 'Ada Admin',
			email: 'ADA@example.com',
			company: 'Ada IT',
			password: 'long enough password',
		})
		expect(result).toBeInstanceOf(Response)
		const response = result as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('set-cookie')).toMatch(
			/pp_session=[a-z2-7]{32};.*HttpOnly.*SameSite=Lax/i,
		)
		const user = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } })
		expect(user.isSiteAdmin).toBe(true)
		expect(user.passwordHash).toMatch(/^\$argon2id\$/)
	})

	test('a duplicate email gets a field error and keeps what was typed but the password', async () => {
		await signup({
			name: 'First',
			email: 'dup@example.com',
			company: 'One',
			password: 'long enough password',
		})
		const result = await signup({
			name: 'Second',
			email: 'dup@example.com',
			company: 'Two',
			password: 'another long password',
		})
		expect(statusOf(result)).toBe(400)
		const { result: reply } = dataOf<{
			result: { error: Record<string, string[]>; initialValue: Record<string, string> }
		}>(result)
		expect(reply.error.email?.[0]).toMatch(/already exists/)
		expect(reply.initialValue.name).toBe('Second')
		expect(reply.initialValue.company).toBe('Two')
		expect(reply.initialValue.password).toBeUndefined()
		expect(await db.user.count({ where: { email: 'dup@example.com' } })).toBe(1)
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
		loginAction({
			request: makeRequest('/login', { form }),
			params: {},
			context: contextFromNewAddress(),
		} as never),
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
		expect((result as Response).headers.get('location')).toBe('/')
	})

	test('a signed-in user who opens the log-in page is sent home', async () => {
		const user = await createUser()
		const result = await settle(
			loginLoader({
				request: makeRequest('/login', { cookie: await sessionCookieFor(user.id) }),
			} as never),
		)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe('/')
	})
})
