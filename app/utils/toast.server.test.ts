import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from './env.server.ts'
import { createToastCookie } from './toast.server.ts'

const SECRET = 'a'.repeat(32)

describe('the flash-message cookie', () => {
	test('is Secure in production and signed', async () => {
		const cookie = createToastCookie(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: SECRET }))
		const header = await cookie.serialize({ title: 'Saved' })
		expect(header).toMatch(/; Secure/)
		expect(header).toMatch(/; HttpOnly/)
		expect(cookie.isSigned).toBe(true)
	})

	test('is not Secure in development (plain http://localhost)', async () => {
		const header = await createToastCookie(parseEnv({ NODE_ENV: 'development' })).serialize({ title: 'Saved' })
		expect(header).not.toMatch(/Secure/)
	})

	test('a value signed with another secret is ignored; an older secret still reads', async () => {
		const old = createToastCookie(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: SECRET }))
		const header = (await old.serialize({ title: 'Saved' })).split(';')[0]!
		const rotated = createToastCookie(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: `${'b'.repeat(32)},${SECRET}` }))
		expect(await rotated.parse(header)).toEqual({ title: 'Saved' })
		const other = createToastCookie(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'c'.repeat(32) }))
		expect(await other.parse(header)).toBeNull()
	})

	test('a short SESSION_SECRET stops the start with a message that names it', () => {
		expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(EnvError)
		expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/)
		expect(() => parseEnv({ SESSION_SECRET: 'short' })).not.toThrow(/short/)
	})
})
