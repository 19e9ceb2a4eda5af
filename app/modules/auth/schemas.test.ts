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
		['a tab between two slashes (browsers drop it)', '/\t/evil.example/phish'],
		['a newline between two slashes', '/\n/evil.example'],
		['a carriage return between two slashes', '/\r/evil.example'],
		['a newline in the middle of a path', '/g/owners\nSet-Cookie: x=1'],
		['a tab before the first slash', '\t//evil.example'],
		['leading spaces before two slashes', '  //evil.example'],
		['two backslashes', '/\\evil.example'],
		['a backslash first', '\\/evil.example'],
		['three slashes', '///evil.example'],
		['a dot segment that leaves two slashes', '/.//evil.example'],
		['a parent segment that leaves two slashes', '/x/..//evil.example'],
		['an encoded dot segment', '/%2e//evil.example'],
		['an absolute URL after a slash', '/https://evil.example'.replace('/', '')],
		['an upper-case scheme', 'HTTPS://evil.example'],
		['a javascript: URL with a tab', 'java\tscript:alert(1)'],
		['a javascript: URL after a slash', ' javascript:alert(1)'],
		['a data: URL', 'data:text/html,<script>alert(1)</script>'],
		['user info that hides a host', '//ours@evil.example'],
		['a NUL byte', '/\u0000/evil.example'],
	])('replaces %s with the fallback', (_kind, to) => {
		expect(safeRedirect(to)).toBe('/')
		expect(safeRedirect(to, '/settings')).toBe('/settings')
	})

	test.each([
		['an encoded slash stays inside the path', '/%2F/evil.example', '/%2F/evil.example'],
		['an encoded tab stays encoded', '/%09/evil.example', '/%09/evil.example'],
		['dot segments are resolved within our site', '/g/owners/../x', '/g/x'],
		['a space is encoded', '/search?q=a b', '/search?q=a%20b'],
	])('keeps a same-site path: %s', (_kind, to, expected) => {
		expect(safeRedirect(to)).toBe(expected)
	})

	test('whatever it is given, the answer is a path of ours, fit for a Location header', () => {
		const inputs = ['/\t/evil.example', '/a\r\nb', '/é?q=ü#ä', '/%0d%0aSet-Cookie:x', 'x'.repeat(5000)]
		for (const to of inputs) {
			const result = safeRedirect(to)
			expect(result).toMatch(/^\/(?![/\\])/)
			// eslint-disable-next-line no-control-regex -- no control character may reach a Location header
			expect(result).not.toMatch(/[\u0000-\u001f\u007f\s]/)
			expect(new URL(result, 'https://peerpower.example').origin).toBe('https://peerpower.example')
		}
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
