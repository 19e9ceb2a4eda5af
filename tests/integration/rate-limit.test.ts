// Log-in and sign-up attempts are limited per IP and per account. The limits come from the
// environment and are read once per process, so this file sets small ones before first use.
import { beforeAll, describe, expect, test } from 'vitest'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as signupAction } from '#app/routes/auth/signup.tsx'
import { db } from '#app/utils/db.server.ts'
import {
	createTestContext,
	createUser,
	dataOf,
	makeRequest,
	settle,
	statusOf,
	TEST_PASSWORD,
} from '#tests/helpers.ts'

const PER_IP = 4
const PER_ACCOUNT = 3

beforeAll(() => {
	process.env.AUTH_RATE_LIMIT_PER_IP = String(PER_IP)
	process.env.AUTH_RATE_LIMIT_PER_ACCOUNT = String(PER_ACCOUNT)
	const globals = globalThis as unknown as {
		__peerpowerEnv?: unknown
		__peerpowerAuthLimiters?: unknown
	}
	globals.__peerpowerEnv = undefined
	globals.__peerpowerAuthLimiters = undefined
})

function login(email: string, password: string, clientIp: string) {
	return settle(
		loginAction({
			request: makeRequest('/login', { form: { email, password } }),
			params: {},
			context: createTestContext({ clientIp }),
		} as never),
	)
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

function expectRateLimited(result: unknown) {
	expect(statusOf(result)).toBe(429)
	const retryAfter = Number(headersOf(result).get('retry-after'))
	expect(retryAfter).toBeGreaterThan(0)
	expect(formErrorOf(result)).toMatch(/^Too many attempts\. Please wait .+ and try again\.$/)
}

describe('per account', () => {
	test('after too many failed log-ins, the account is refused with 429 even from new addresses and with the right password', async () => {
		const user = await createUser()
		for (let attempt = 1; attempt <= PER_ACCOUNT; attempt++) {
			expect(statusOf(await login(user.email, 'wrong password', `10.4.1.${attempt}`))).toBe(400)
		}
		const refused = await login(user.email, TEST_PASSWORD, '10.4.1.100')
		expectRateLimited(refused)
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
	})

	test('the limit counts the account whatever the email’s case', async () => {
		const user = await createUser()
		for (let attempt = 1; attempt <= PER_ACCOUNT; attempt++) {
			await login(
				attempt % 2 ? user.email.toUpperCase() : user.email,
				'wrong password',
				`10.4.2.${attempt}`,
			)
		}
		expectRateLimited(await login(user.email, TEST_PASSWORD, '10.4.2.100'))
	})

	test('a successful log-in clears the account’s count', async () => {
		const user = await createUser()
		for (let attempt = 1; attempt < PER_ACCOUNT; attempt++)
			await login(user.email, 'wrong password', `10.4.3.${attempt}`)
		expect(statusOf(await login(user.email, TEST_PASSWORD, '10.4.3.50'))).toBe(302)
		for (let attempt = 1; attempt < PER_ACCOUNT; attempt++) {
			expect(statusOf(await login(user.email, 'wrong password', `10.4.3.${60 + attempt}`))).toBe(
				400,
			)
		}
	})

	test('another account is not affected', async () => {
		const victim = await createUser()
		const other = await createUser()
		for (let attempt = 1; attempt <= PER_ACCOUNT + 1; attempt++)
			await login(victim.email, 'wrong password', `10.4.4.${attempt}`)
		expect(statusOf(await login(other.email, TEST_PASSWORD, '10.4.4.100'))).toBe(302)
	})
})

describe('per IP', () => {
	test('after too many attempts from one address, it is refused with 429 whatever the account', async () => {
		const ip = '10.4.5.1'
		for (let attempt = 1; attempt <= PER_IP; attempt++) {
			expect(statusOf(await login(`nobody${attempt}@example.com`, 'wrong password', ip))).toBe(400)
		}
		const user = await createUser()
		expectRateLimited(await login(user.email, TEST_PASSWORD, ip))
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0)
		// Another address is still served.
		expect(statusOf(await login(user.email, TEST_PASSWORD, '10.4.5.2'))).toBe(302)
	})

	test('sign-ups count against the same limit and are refused with 429 too', async () => {
		const ip = '10.4.6.1'
		const signup = (n: number) =>
			settle(
				signupAction({
					request: makeRequest('/signup', {
						form: {
							name: `Signup ${n}`,
							email: `signup${n}@example.com`,
							company: 'X',
							password: 'long enough password',
						},
					}),
					params: {},
					context: createTestContext({ clientIp: ip }),
				} as never),
			)
		for (let n = 1; n <= PER_IP; n++) expect(statusOf(await signup(n))).toBe(302)
		const refused = await signup(PER_IP + 1)
		expectRateLimited(refused)
		expect(
			dataOf<{ result: { initialValue?: Record<string, unknown> } }>(refused).result.initialValue
				?.password,
		).toBeUndefined()
		expect(await db.user.count({ where: { email: `signup${PER_IP + 1}@example.com` } })).toBe(0)
	})
})
