// A refused form of the review pages, answered once: the form's reply with what was typed, the
// field errors, and a message about the whole form, with status 400.
import type { Submission } from '@conform-to/react'
import { data } from 'react-router'
import type { z } from 'zod'
import type { QuarterlyError } from '#app/modules/quarterly/quarterly-error.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'

export function refuse(intent: string, submission: Submission<unknown>, schema: z.ZodType, error?: QuarterlyError) {
	const options = error
		? error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		: undefined
	return data({ intent, result: replyWithin(submission, schema, options), error: null as string | null }, { status: 400 })
}

/** A refused button (open, close, move…): a message only. */
export function refuseWith(intent: string, message: string, status = 400) {
	return data({ intent, result: undefined, error: message }, { status })
}
