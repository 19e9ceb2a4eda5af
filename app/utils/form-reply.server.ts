import type { Submission, SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod/v4'
import type { z } from 'zod'

type ReplyOptions = Parameters<Submission<unknown>['reply']>[0]

// The longest value any field of ours takes (a post's body): a field without its own maximum.
const LONGEST_FIELD = 20_000
// Names the form does not have: nothing of theirs needs restoring beyond a short hidden value.
const UNKNOWN_FIELD_MAX = 200
const UNKNOWN_FIELDS_MAX = 20
// conform's own list and focus state, sent back as it came; large only when forged.
const STATE_MAX = 10_000

function sizeOf(value: unknown): number {
	if (typeof value === 'string') return value.length
	if (Array.isArray(value)) return value.reduce((total: number, item) => total + sizeOf(item), 0)
	if (value && typeof value === 'object') return Object.values(value).reduce((total: number, item) => total + sizeOf(item), 0)
	return 0
}

/**
 * `submission.reply(options)`, without echoing what is far over its limit. conform sends the whole
 * submitted form back so that the page can show it again; a field of 900 kB would come back as
 * 900 kB (and twice over, in a page's HTML and its hydration data). A value a little over its
 * field's maximum (from the schema, else the longest field we have) is given back so the member can
 * shorten it; one over twice the maximum (or the maximum and 1,000 characters) is left out, as is
 * any unknown field over a short limit. The member then sees the field's error, not the text.
 */
export function replyWithin(submission: Submission<unknown>, schema: z.ZodType, options?: ReplyOptions): SubmissionResult<string[]> {
	const result = submission.reply(options)
	const constraints = getZodConstraint(schema)
	const limitOf = (name: string) => {
		const constraint = constraints[name]
		if (!constraint) return UNKNOWN_FIELD_MAX
		const maximum = constraint.maxLength ?? LONGEST_FIELD
		// A post a little over its limit comes back to be trimmed, not retyped; far over, it does not.
		return Math.max(2 * maximum, maximum + 1000)
	}
	if (result.initialValue) {
		let unknown = 0
		result.initialValue = Object.fromEntries(
			Object.entries(result.initialValue).filter(([name, value]) => {
				if (!(name in constraints) && ++unknown > UNKNOWN_FIELDS_MAX) return false
				return sizeOf(value) <= limitOf(name)
			}),
		)
	}
	// The names submitted tell conform which fields to show errors for: the form's own stay, even
	// when their value is left out; forged names do not.
	const kept = new Set([...Object.keys(constraints), ...Object.keys(result.initialValue ?? {})])
	if (result.fields) result.fields = result.fields.filter((name) => kept.has(name.split(/[.[]/)[0]!))
	if (result.state && JSON.stringify(result.state).length > STATE_MAX) delete result.state
	return result
}
