import { parseWithZod } from '@conform-to/zod/v4'
import { Check } from 'lucide-react'
import { Link } from 'react-router'
import type { Route } from './+types/goal.ts'
import { DroppedBadge, StaleBadge, StatusBadge } from '#app/components/plans/badges.tsx'
import { CheckInForm, DropGoalForm, GoalForm, replyFor } from '#app/components/plans/plan-forms.tsx'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { GoalProgressChart } from '#app/components/plans/goal-progress-chart.tsx'
import { DateTime } from '#app/components/time.tsx'
import { isoDay } from '#app/utils/iso-day.ts'
import { checkInHistory } from '#app/modules/plans/check-ins.server.ts'
import {
	GOAL_AREA_LABELS,
	PLAN_KIND_LABELS,
	type GoalStatus,
} from '#app/modules/plans/constants.ts'
import { dropGoal, getGoal, updateGoal } from '#app/modules/plans/goals.server.ts'
import { DropGoalSchema, GoalSchema } from '#app/modules/plans/schemas.ts'
import { currentText, formatValue, targetText } from '#app/modules/plans/views.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireOwnPlan, requireReadablePlan } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { checkInAction, refuse } from './form-actions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? data.goal.title : 'Goal') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { access } = await requireReadablePlan(request, params.planId)
	const now = new Date()
	const goal = await getGoal(access.planId, params.goalId, now)
	if (!goal) throw notFound()
	const history = await checkInHistory(goal.id)
	return {
		planId: access.planId,
		year: access.year,
		planTitle: `${PLAN_KIND_LABELS[access.kind as keyof typeof PLAN_KIND_LABELS] ?? 'Plan'} ${access.year}`,
		goal,
		history: history.map((checkIn) => ({ ...checkIn, status: checkIn.status as GoalStatus })),
		isOwner: access.role === 'owner',
		today: isoDay(now),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { access } = await requireOwnPlan(request, params.planId)
	const goal = await getGoal(access.planId, params.goalId)
	if (!goal) throw notFound()
	const here = `/plans/${access.planId}/goals/${goal.id}`
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'check-in')
		return checkInAction(formData, access.planId, goal.id, here, context.realtime)
	if (intent === 'edit-goal') {
		const submission = parseWithZod(formData, { schema: GoalSchema })
		if (submission.status !== 'success') return refuse(intent, goal.id, submission, GoalSchema)
		await updateGoal(access.planId, goal.id, submission.value)
		return redirectWithToast(here, { title: 'Goal saved' })
	}
	if (intent === 'drop-goal') {
		const submission = parseWithZod(formData, { schema: DropGoalSchema })
		if (submission.status !== 'success') return refuse(intent, goal.id, submission, DropGoalSchema)
		await dropGoal(access.planId, goal.id, submission.value.reason)
		return redirectWithToast(`/plans/${access.planId}`, {
			title: 'Goal dropped',
			description: 'It stays on the plan with your reason.',
		})
	}
	throw new Response('Unknown action', { status: 400 })
}

export default function GoalPage({ loaderData, actionData }: Route.ComponentProps) {
	const { goal, history, isOwner, planId, today } = loaderData
	const editReply = replyFor(actionData, 'edit-goal', goal.id)
	const dropReply = replyFor(actionData, 'drop-goal', goal.id)
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={`/plans/${planId}`}>← {loaderData.planTitle}</Link>
			</p>
			<PageHeader
				title={goal.title}
				description={
					<span className="flex flex-wrap items-center gap-2">
						<span>{GOAL_AREA_LABELS[goal.area]}</span>
						{goal.droppedAt ? (
							<DroppedBadge />
						) : (
							<StatusBadge status={goal.lastCheckIn?.status ?? null} />
						)}
						{goal.stale ? <StaleBadge /> : null}
					</span>
				}
			/>
			<Card>
				<dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
					<div>
						<dt className="text-slate-500">Target</dt>
						<dd className="text-slate-900">{targetText(goal)}</dd>
					</div>
					{goal.measure === 'number' ? (
						<div>
							<dt className="text-slate-500">Started at</dt>
							<dd className="text-slate-900">{formatValue(goal.startValue, goal.unit)}</dd>
						</div>
					) : null}
					<div>
						<dt className="text-slate-500">Now</dt>
						<dd className="text-slate-900">{currentText(goal, goal.lastCheckIn)}</dd>
					</div>
				</dl>
				{goal.why ? (
					<p className="mt-4 text-sm whitespace-pre-line text-slate-700">{goal.why}</p>
				) : null}
				{goal.droppedAt ? (
					<p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
						Dropped on <DateTime date={goal.droppedAt} pattern="d MMM yyyy" />: {goal.dropReason}
					</p>
				) : null}
			</Card>

			{goal.measure === 'number' ? (
				<Card>
					<h2 className="mb-3 font-semibold text-slate-900">Progress</h2>
					<GoalProgressChart
						title={goal.title}
						unit={goal.unit}
						startValue={goal.startValue}
						targetValue={goal.targetValue}
						year={loaderData.year}
						points={history.flatMap((checkIn) =>
							checkIn.value === null
								? []
								: [
										{
											date: new Date(checkIn.checkedAt).toISOString(),
											value: checkIn.value,
											status: checkIn.status,
										},
									],
						)}
					/>
				</Card>
			) : null}

			{isOwner && !goal.droppedAt ? (
				<Card>
					<h2 className="mb-3 font-semibold text-slate-900">Check in</h2>
					<CheckInForm
						goalId={goal.id}
						measure={goal.measure}
						unit={goal.unit}
						lastStatus={goal.lastCheckIn?.status ?? null}
						today={today}
						lastResult={replyFor(actionData, 'check-in', goal.id)}
					/>
				</Card>
			) : null}

			<section aria-labelledby="history" className="space-y-3">
				<h2 id="history" className="text-lg font-semibold text-slate-900">
					Check-ins
				</h2>
				{history.length === 0 ? (
					<EmptyState title="No check-ins yet">
						{isOwner
							? 'Record where this goal stands: a line a month is enough.'
							: 'Nothing recorded yet.'}
					</EmptyState>
				) : (
					<ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
						{history.map((checkIn) => (
							<li key={checkIn.id} className="flex flex-wrap items-start gap-3 px-4 py-3">
								<div className="w-28 shrink-0 text-sm text-slate-600">
									<DateTime date={checkIn.checkedAt} pattern="d MMM yyyy" />
								</div>
								<div className="min-w-0 flex-1">
									<p className="flex flex-wrap items-center gap-2 text-sm">
										<span className="font-medium text-slate-900">
											{goal.measure === 'number'
												? formatValue(checkIn.value, goal.unit)
												: checkIn.done
													? 'Completed'
													: 'Not yet'}
										</span>
										<StatusBadge status={checkIn.status} />
										{checkIn.reviews.map((review) => (
											<span
												key={review.buddy.name}
												className={
													review.verdict === 'confirmed'
														? 'rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200'
														: 'rounded-full bg-amber-50 px-2 py-0.5 text-xs text-amber-900 ring-1 ring-amber-200'
												}
											>
												{review.verdict === 'confirmed' ? (
													<>
														<Check
															aria-hidden="true"
															className="mr-0.5 inline h-3 w-3 align-[-0.1em]"
														/>
														Confirmed by {review.buddy.name}
													</>
												) : (
													`${review.buddy.name}: let’s talk`
												)}
											</span>
										))}
									</p>
									{checkIn.note ? (
										<p className="mt-1 text-sm whitespace-pre-line text-slate-700">
											{checkIn.note}
										</p>
									) : null}
								</div>
								<Link to={`/plans/${planId}/check-ins/${checkIn.id}`} className="text-sm">
									{checkIn._count.comments > 0 ? `Discuss (${checkIn._count.comments})` : 'Discuss'}
								</Link>
							</li>
						))}
					</ol>
				)}
			</section>

			{isOwner && !goal.droppedAt ? (
				<div className="grid gap-4">
					<details
						className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
						open={Boolean(editReply)}
					>
						<summary className="cursor-pointer font-semibold text-slate-900">
							Edit this goal
						</summary>
						<div className="mt-4">
							<GoalForm
								intent="edit-goal"
								goalId={goal.id}
								lastResult={editReply}
								submitLabel="Save goal"
								defaultValue={{
									title: goal.title,
									area: goal.area,
									measure: goal.measure,
									unit: goal.unit ?? '',
									startValue: goal.startValue?.toString() ?? '',
									targetValue: goal.targetValue?.toString() ?? '',
									dueQuarter: String(goal.dueQuarter),
									why: goal.why,
								}}
							/>
						</div>
					</details>
					<details
						className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
						open={Boolean(dropReply)}
					>
						<summary className="cursor-pointer font-semibold text-slate-900">
							Drop this goal
						</summary>
						<div className="mt-4">
							<DropGoalForm goalId={goal.id} lastResult={dropReply} />
						</div>
					</details>
				</div>
			) : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
