import { describe, expect, test } from 'vitest'
import { configure, EnvError, getEnv, parseEnv } from './env.server.ts'

describe('parseEnv', () => {
	test('an empty environment gets the documented defaults', () => {
		expect(parseEnv({})).toMatchObject({
			NODE_ENV: 'development',
			PORT: 3000,
			HOST: '0.0.0.0',
			DATABASE_URL: 'file:./data/peerpower.db',
			SECURE_COOKIES: 'auto',
			AUTH_RATE_LIMIT_EXEMPT_IPS: [],
		})
	})

	test('numbers are read from their text', () => {
		const env = parseEnv({
			PORT: '0',
		})
		expect(env.PORT).toBe(0)
	})

	test('exempt addresses are read from a comma-separated list', () => {
		expect(parseEnv({ AUTH_RATE_LIMIT_EXEMPT_IPS: ' 127.0.0.1, ::1,,' }).AUTH_RATE_LIMIT_EXEMPT_IPS).toEqual([
			'127.0.0.1',
			'::1',
		])
	})

	test.each(['file:./data/x.db', 'postgres://u@localhost:5432/db', 'postgresql://u@localhost/db'])(
		'accepts the database URL %s',
		(DATABASE_URL) => {
			expect(parseEnv({ DATABASE_URL }).DATABASE_URL).toBe(DATABASE_URL)
		},
	)

	test.each([
		['PORT', { PORT: 'abc' }],
		['PORT', { PORT: '70000' }],
		['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
		['NODE_ENV', { NODE_ENV: 'staging' }],
		['APP_URL', { APP_URL: 'not a url' }],
	])(
		'a wrong %s is an EnvError of one line that names it and what it got',
		(name, source: Record<string, string>) => {
			let error: unknown
			try {
				parseEnv(source)
			} catch (caught) {
				error = caught
			}
			expect(error).toBeInstanceOf(EnvError)
			const message = (error as EnvError).message
			expect(message).toMatch(new RegExp(`^Invalid environment variable ${name}: `))
			expect(message).toContain(JSON.stringify(source[name]))
			expect(message).not.toContain('\n')
		},
	)
})

describe('getEnv', () => {
	test('reading the environment before configure() fails loudly instead of guessing', () => {
		const holder = globalThis as { __peerpowerEnv?: unknown }
		const configured = holder.__peerpowerEnv
		holder.__peerpowerEnv = undefined
		try {
			expect(() => getEnv()).toThrow(/before configure/)
		} finally {
			holder.__peerpowerEnv = configured
		}
	})

	test('reads what configure() was given', () => {
		const before = getEnv()
		try {
			configure({ ...before, MENTIONS_PER_HOUR: 7 })
			expect(getEnv().MENTIONS_PER_HOUR).toBe(7)
		} finally {
			configure(before)
		}
	})
})
