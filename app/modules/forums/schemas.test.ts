import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import { NewThreadSchema } from './schemas.ts'

function submit(tags: string) {
	const formData = new FormData()
	const fields = { kind: 'discussion', title: 'Distributor rebates', categoryId: 'general', tags, body: 'Who tracks them?' }
	for (const [name, value] of Object.entries(fields)) formData.set(name, value)
	return parseWithZod(formData, { schema: NewThreadSchema })
}

describe('tags of a new thread', () => {
	test('are lower-cased, dashed and unique', () => {
		const submission = submit('Microsoft, MDF,  cash flow , mdf')
		expect(submission.status).toBe('success')
		expect(submission.status === 'success' && submission.value.tags).toEqual(['microsoft', 'mdf', 'cash-flow'])
	})

	// The form shows the errors of its "tags" field: a message filed under "tags[1]" reached nobody,
	// and the thread was refused without a word.
	test.each([
		['a tag with other characters', 'ok, <script>alert(1)</script>', 'Tags use letters, digits and dashes'],
		['a tag too long', `ok, ${'a'.repeat(31)}`, 'Tags can be at most 30 characters'],
		['too many tags', 'a, b, c, d, e, f', 'Use at most 5 tags'],
	])('%s is refused with a message on the Tags field', (_case, tags, message) => {
		const error = submit(tags).reply().error ?? {}
		expect(error.tags).toEqual([message])
		expect(Object.keys(error)).toEqual(['tags'])
	})

	test('every kind of problem is told at once', () => {
		const error = submit(`${'b'.repeat(31)}, <b>bold</b>`).reply().error ?? {}
		expect(error.tags).toEqual(['Tags can be at most 30 characters', 'Tags use letters, digits and dashes'])
		expect(Object.keys(error)).toEqual(['tags'])
	})
})
