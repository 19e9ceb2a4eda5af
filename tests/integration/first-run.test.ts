// A new installation: nobody has signed up yet. Each test starts from no accounts at all.
import { beforeEach, describe, expect, test } from 'vitest'
import { action as signupAction, loader as signupLoader } from '#app/routes/auth/signup.tsx'
import { loader as homeLoader } from '#app/routes/home.tsx'
import { db } from '#app/utils/db.server.ts'
import { createTestContext, createUser, dataOf, makeRequest, runRoute, settle } from '#tests/helpers.ts'

beforeEach(async () => {
	await db.user.deleteMany()
})

function signup(name: string, clientIp: string) {
	const email = `${name.toLowerCase()}@example.com`
	const form = { name, email, company: `${name} IT`, password: 'long enough password' }
	return settle(
		runRoute(signupAction, {
			request: makeRequest('/signup', { form }),
			params: {},
			context: createTestContext({ clientIp }),
		}),
	)
}

describe('an empty installation', () => {
	test('the home page tells an anonymous visitor that the installation is empty', async () => {
		const result = await runRoute(homeLoader, { request: makeRequest('/') })
		expect(dataOf(result)).toEqual({ kind: 'anonymous', emptyInstallation: true })
	})

	test('the sign-up page tells that the first account is being created', async () => {
		const result = await runRoute(signupLoader, { request: makeRequest('/signup') })
		expect(dataOf(result)).toEqual({ firstAccount: true })
	})

	test('once an account exists, neither page reports an empty installation', async () => {
		await createUser()
		expect(dataOf(await runRoute(homeLoader, { request: makeRequest('/') }))).toEqual({
			kind: 'anonymous',
			emptyInstallation: false,
		})
		expect(dataOf(await runRoute(signupLoader, { request: makeRequest('/signup') }))).toEqual({
			firstAccount: false,
		})
	})

	test('only the first account becomes site admin', async () => {
		await signup('First', '10.3.0.1')
		await signup('Second', '10.3.0.2')
		await signup('Third', '10.3.0.3')
		const users = await db.user.findMany({
			orderBy: { email: 'asc' },
			select: { email: true, isSiteAdmin: true },
		})
		expect(users).toEqual([
			{ email: 'first@example.com', isSiteAdmin: true },
			{ email: 'second@example.com', isSiteAdmin: false },
			{ email: 'third@example.com', isSiteAdmin: false },
		])
	})
})
