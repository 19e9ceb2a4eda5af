import { describe, expect, test } from 'vitest'
import { action as signupAction } from '#app/routes/auth/signup.tsx'
import { db } from '#app/utils/db.server.ts'
import { createTestContext, dataOf, makeRequest, settle, statusOf } from '#tests/helpers.ts'

function signup(form: Record<string, string>, context = createTestContext()) {
	return settle(signupAction({ request: makeRequest('/signup', { form }), params: {}, context } as never))
}

describe('sign up', () => {
	test('the first account becomes site admin and gets a session cookie', async () => {
		const result = await signup({ name: 'Ada Admin', email: 'ADA@example.com', company: 'Ada IT', password: 'long enough password' })
		expect(result).toBeInstanceOf(Response)
		const response = result as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('set-cookie')).toMatch(/pp_session=[a-z2-7]{32};.*HttpOnly.*SameSite=Lax/i)
		const user = await db.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } })
		expect(user.isSiteAdmin).toBe(true)
		expect(user.passwordHash).toMatch(/^\$argon2id\$/)
	})

	test('a duplicate email gets a field error and keeps what was typed but the password', async () => {
		await signup({ name: 'First', email: 'dup@example.com', company: 'One', password: 'long enough password' })
		const result = await signup({ name: 'Second', email: 'dup@example.com', company: 'Two', password: 'another long password' })
		expect(statusOf(result)).toBe(400)
		const { result: reply } = dataOf<{ result: { error: Record<string, string[]>; initialValue: Record<string, string> } }>(result)
		expect(reply.error.email?.[0]).toMatch(/already exists/)
		expect(reply.initialValue.name).toBe('Second')
		expect(reply.initialValue.company).toBe('Two')
		expect(reply.initialValue.password).toBeUndefined()
		expect(await db.user.count({ where: { email: 'dup@example.com' } })).toBe(1)
	})
})
