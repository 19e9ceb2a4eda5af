import { describe, expect, test } from 'vitest'
import { slugify } from './groups.server.ts'

describe('slugify', () => {
	test.each([
		['Northern Owners', 'northern-owners'],
		['  IT  Leaders -- 2026 ', 'it-leaders-2026'],
		['Zürich Über Café', 'zurich-uber-cafe'],
		['R&D / Ops', 'r-d-ops'],
	])('%s becomes %s', (name, slug) => {
		expect(slugify(name)).toBe(slug)
	})

	test('a name with no letters or digits becomes “group”', () => {
		expect(slugify('!!! ???')).toBe('group')
		expect(slugify('日本')).toBe('group')
	})

	test('a long name is cut to 48 characters', () => {
		const slug = slugify('a'.repeat(100))
		expect(slug).toHaveLength(48)
	})

	test('only lower-case letters, digits and inner hyphens remain', () => {
		expect(slugify('--Hello, World!--')).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
	})
})
