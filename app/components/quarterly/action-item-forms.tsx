import { Form } from 'react-router'
import type { SubmissionResult } from '@conform-to/react'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'

// The forms by which an action item's owner puts it in their annual plan (a goal, or a check-in
// note on a goal), shown on the meeting page and on the owner's action items page.

/** A refused meeting or action-item form: which form (intent and the item it was about) and why. */
export type MeetingFormReply = { intent: string; target: string | null; result: SubmissionResult<string[]> }

export function errorsOf(reply: MeetingFormReply | undefined, intent: string, target: string | null = null) {
	if (!reply || reply.intent !== intent || reply.target !== target) return null
	const error = reply.result.error ?? {}
	return { form: error[''] ?? null, fields: error }
}

export type PlanTarget = { id: string; kind: string; year: number; goals: { id: string; title: string }[] }

export function PlanForms({ actionItemId, plans, reply }: { actionItemId: string; plans: PlanTarget[]; reply: MeetingFormReply | undefined }) {
	const goalErrors = errorsOf(reply, 'to-goal', actionItemId)
	const checkInErrors = errorsOf(reply, 'to-check-in', actionItemId)
	const goals = plans.flatMap((plan) => plan.goals)
	return (
		<div className="mt-2 flex flex-wrap items-end gap-3 text-xs">
			{plans.map((plan) => (
				<Form method="post" key={plan.id}>
					<input type="hidden" name="intent" value="to-goal" />
					<input type="hidden" name="actionItemId" value={actionItemId} />
					<input type="hidden" name="planId" value={plan.id} />
					<Button size="sm" variant="secondary">
						Make it a goal ({plan.kind} plan {plan.year})
					</Button>
				</Form>
			))}
			{goals.length > 0 ? (
				<Form method="post" className="flex items-end gap-1">
					<input type="hidden" name="intent" value="to-check-in" />
					<input type="hidden" name="actionItemId" value={actionItemId} />
					<label className="text-slate-600">
						Note on goal{' '}
						<select name="goalId" className="rounded border border-slate-300 px-1 py-0.5">
							{goals.map((goal) => (
								<option key={goal.id} value={goal.id}>
									{goal.title}
								</option>
							))}
						</select>
					</label>
					<Button size="sm" variant="secondary">
						Add as check-in note
					</Button>
				</Form>
			) : null}
			<ErrorList errors={[...(goalErrors?.form ?? []), ...(goalErrors?.fields.planId ?? []), ...(checkInErrors?.form ?? []), ...(checkInErrors?.fields.goalId ?? [])]} />
		</div>
	)
}
