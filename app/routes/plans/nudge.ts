import type { Route } from './+types/nudge.ts'
import { NUDGE_REFUSALS, nudgeGoal } from '#app/modules/plans/reviews.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// A buddy's nudge on a quiet goal, posted from the buddy dashboard: back there with a toast that
// says it was sent, or why it was not. Anyone but a buddy of the plan gets 404.
export async function action({ request, params, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	const outcome = await nudgeGoal(user, { planId: params.planId, goalId: params.goalId }, context.realtime)
	if (outcome.ok) return redirectWithToast('/buddies', { title: 'Nudge sent' })
	if (outcome.reason === 'not-found') throw notFound()
	return redirectWithToast('/buddies', { type: 'info', title: NUDGE_REFUSALS[outcome.reason] })
}
