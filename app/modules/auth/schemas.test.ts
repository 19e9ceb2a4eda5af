import { describe, expect, test } from 'vitest'
import { ChangePasswordSchema, emailSchema, safeRedirect } from './schemas.ts'

describe('safeRedirect', () => {
	test.each(['/', '/g/owners', '/g/owners/invitations?tab=1#top', '/invite/abc'])(
		'keeps the path of ours %s',
		(to) => {
			expect(safeRedirect(to)).toBe(to)
		},
	)

	test.each([
		['a protocol-relative URL', '//evil.com'],
		['a protocol-relative URL with a path', '//evil.com/g/owners'],
		['a backslash that browsers read as a slash', '/\\evil.com'],
		['an absolute URL', 'https://evil.com/'],
		['a javascript: URL', 'javascript:alert(1)'],
		['a relative path', 'g/owners'],
		['an empty string', ''],
	])('replaces %s with the fallback', (_kind, to) => {
		expect(safeRedirect(to)).toBe('/')
		expect(safeRedirect(to, '/settings')).toBe('/settings')
	})

	test('replaces something that is not a string with the fallback', () => {
		expect(safeRedirect(undefined)).toBe('/')
		expect(safeRedirect(null)).toBe('/')
		expect(safeRedirect(['/g/owners'])).toBe('/')
	})
})

describe('the email field', () => {
	test('is trimmed and lower-cased, so one address is one account', () => {
		expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com')
	})

	test('refuses what is not an address', () => {
		expect(emailSchema.safeParse('ada-at-example.com').success).toBe(false)
	})
})

describe('the change-password form', () => {
	test('refuses two different new passwords with an error on the confirmation', () => {
		const result = ChangePasswordSchema.safeParse({
			currentPassword: 'old password',
			newPassword: 'a long new password',
			confirmPassword: 'another long password',
		})
		expect(result.success).toBe(false)
		expect(result.error?.issues.map((issue) => issue.path)).toEqual([['confirmPassword']])
	})
})
