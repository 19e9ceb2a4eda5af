// The forms that appear on more than one plan page (a check-in, a goal's edit), answered once: a
// refused form comes back as the form's reply with status 400, a done one as a redirect with a toast.
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { PlanFormReply } from '#app/components/plans/plan-forms.tsx'
import { recordCheckIn } from '#app/modules/plans/check-ins.server.ts'
import { PlanError } from '#app/modules/plans/plan-error.ts'
import { CheckInSchema } from '#app/modules/plans/schemas.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import type { z } from 'zod'
import type { Submission } from '@conform-to/react'

/** A refused form, with what was typed, the field errors, and a message about the whole form. */
export function refuse(
	intent: string,
	goalId: string | null,
	submission: Submission<unknown>,
	schema: z.ZodType,
	error?: PlanError,
) {
	const options = error
		? error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		: undefined
	return data<PlanFormReply>(
		{ intent, goalId, result: replyWithin(submission, schema, options) },
		{ status: 400 },
	)
}

export async function checkInAction(
	formData: FormData,
	planId: string,
	goalId: string,
	redirectTo: string,
	realtime: RealtimePublisher,
) {
	const submission = parseWithZod(formData, { schema: CheckInSchema })
	if (submission.status !== 'success') return refuse('check-in', goalId, submission, CheckInSchema)
	try {
		await recordCheckIn(planId, goalId, submission.value, realtime)
	} catch (error) {
		if (error instanceof PlanError)
			return refuse('check-in', goalId, submission, CheckInSchema, error)
		throw error
	}
	return redirectWithToast(redirectTo, { title: 'Check-in recorded' })
}
