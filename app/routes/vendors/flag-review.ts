import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { Route } from './+types/flag-review.ts'
import { ReviewFlagSchema } from '#app/modules/moderation/flag-schemas.ts'
import { createFlag, loadFlagTarget } from '#app/modules/moderation/flags.server.ts'
import { ModerationError } from '#app/modules/moderation/moderation-error.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// A review flagged from its program's page: back there with a toast that says it was flagged, or
// why not. A review the member cannot read, or of another program, is 404. The full form with its
// messages is /flag?kind=rating&id=…, which the program page may link to instead.
export async function action({ request, params, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	const target = await loadFlagTarget('rating', params.ratingId)
	if (!target || target.programId !== params.programId) throw notFound()
	const back = `/programs/${params.programId}`
	const submission = parseWithZod(await request.formData(), { schema: ReviewFlagSchema })
	if (submission.status !== 'success') {
		const message = Object.values(submission.error ?? {}).flat()[0] ?? 'Choose a reason.'
		return data({ error: message }, { status: 400 })
	}
	try {
		await createFlag(
			user,
			{ kind: 'rating', id: params.ratingId, ...submission.value },
			context.realtime,
		)
		return redirectWithToast(back, {
			title: 'Flagged for the moderators',
			description: 'You will be told when a moderator has looked at it.',
		})
	} catch (error) {
		if (error instanceof ModerationError) {
			if (error.status === 404) throw notFound()
			return data({ error: error.message }, { status: error.status })
		}
		throw error
	}
}
