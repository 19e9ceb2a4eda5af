import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from 'react-router'
import type { Route } from './+types/plan.ts'
import { DroppedBadge, StaleBadge, StatusBadge } from '#app/components/plans/badges.tsx'
import { CheckInForm, GoalForm, replyFor } from '#app/components/plans/plan-forms.tsx'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { DateTime } from '#app/components/time.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { isoDay } from '#app/utils/iso-day.ts'
import { GOAL_AREA_LABELS, PLAN_KIND_LABELS } from '#app/modules/plans/constants.ts'
import { addGoal, listGoals, moveGoal, type PlanGoal } from '#app/modules/plans/goals.server.ts'
import { PlanError } from '#app/modules/plans/plan-error.ts'
import { getPlan } from '#app/modules/plans/plans.server.ts'
import {
	REVIEW_PROMPTS,
	showsReview,
	START_PROMPTS,
	type Answers,
	type Prompt,
} from '#app/modules/plans/prompts.ts'
import { GoalSchema, MoveGoalSchema } from '#app/modules/plans/schemas.ts'
import { currentText, progressLabel, targetText } from '#app/modules/plans/views.ts'
import { goalProgress } from '#app/modules/plans/progress.ts'
import { PlanOverviewChart } from '#app/components/plans/plan-overview-chart.tsx'
import { pageTitle } from '#app/utils/misc.ts'
import { requireOwnPlan, requireReadablePlan } from '#app/utils/permissions.server.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { checkInAction, refuse } from './form-actions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? data.title : 'Plan') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { access } = await requireReadablePlan(request, params.planId)
	const now = new Date()
	const [plan, goals] = await Promise.all([getPlan(access.planId), listGoals(access.planId, now)])
	if (!plan) throw notFound()
	return {
		title: `${PLAN_KIND_LABELS[plan.kind]} ${plan.year}`,
		plan,
		goals,
		isOwner: access.role === 'owner',
		role: access.role,
		showsReview: showsReview(plan.year, now),
		today: isoDay(now),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { access } = await requireOwnPlan(request, params.planId)
	const here = `/plans/${access.planId}`
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'add-goal') {
		const submission = parseWithZod(formData, { schema: GoalSchema })
		if (submission.status !== 'success') return refuse(intent, null, submission, GoalSchema)
		try {
			await addGoal(access.planId, submission.value)
		} catch (error) {
			if (error instanceof PlanError) return refuse(intent, null, submission, GoalSchema, error)
			throw error
		}
		return redirectWithToast(here, { title: 'Goal added' })
	}
	if (intent === 'check-in')
		return checkInAction(
			formData,
			access.planId,
			String(formData.get('goalId') ?? ''),
			here,
			context.realtime,
		)
	if (intent === 'move-goal') {
		const submission = parseWithZod(formData, { schema: MoveGoalSchema })
		invariantResponse(submission.status === 'success', 'Choose a goal and a direction')
		await moveGoal(access.planId, submission.value.goalId, submission.value.direction)
		return redirectWithToast(here, { title: 'Goals reordered' })
	}
	throw new Response('Unknown action', { status: 400 })
}

function Answered({
	prompts,
	answers,
	title,
	editHref,
}: {
	prompts: readonly Prompt[]
	answers: Answers
	title: string
	editHref: string | null
}) {
	const given = prompts.filter((prompt) => answers[prompt.id])
	return (
		<Card>
			<div className="flex items-baseline justify-between gap-4">
				<h2 className="font-semibold text-slate-900">{title}</h2>
				{editHref ? (
					<Link to={editHref} className="text-sm">
						{given.length ? 'Edit answers' : 'Answer the prompts'}
					</Link>
				) : null}
			</div>
			{given.length === 0 ? (
				<p className="mt-2 text-sm text-slate-600">
					{editHref
						? 'A few questions to think the year through. Nothing is answered yet.'
						: 'Not answered yet.'}
				</p>
			) : (
				<dl className="mt-3 space-y-3">
					{given.map((prompt) => (
						<div key={prompt.id}>
							<dt className="text-sm font-medium text-slate-700">{prompt.question}</dt>
							<dd className="mt-0.5 whitespace-pre-line text-sm text-slate-900">
								{answers[prompt.id]}
							</dd>
						</div>
					))}
				</dl>
			)}
		</Card>
	)
}

function GoalCard({
	goal,
	index,
	count,
	planId,
	isOwner,
	today,
	actionData,
}: {
	goal: PlanGoal
	index: number
	count: number
	planId: string
	isOwner: boolean
	today: string
	actionData: Route.ComponentProps['actionData']
}) {
	const checkInReply = replyFor(actionData, 'check-in', goal.id)
	return (
		<li>
			<Card className={goal.droppedAt ? 'opacity-75' : undefined}>
				<div className="flex flex-wrap items-start justify-between gap-3">
					<div className="min-w-0">
						<p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
							{GOAL_AREA_LABELS[goal.area]}
						</p>
						<Link
							to={`/plans/${planId}/goals/${goal.id}`}
							className="text-base font-semibold text-slate-900"
						>
							{goal.title}
						</Link>
					</div>
					<div className="flex flex-wrap items-center gap-2">
						{goal.droppedAt ? (
							<DroppedBadge />
						) : (
							<StatusBadge status={goal.lastCheckIn?.status ?? null} />
						)}
						{goal.stale ? <StaleBadge /> : null}
					</div>
				</div>
				<dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
					<div>
						<dt className="text-slate-500">Target</dt>
						<dd className="text-slate-900">{targetText(goal)}</dd>
					</div>
					<div>
						<dt className="text-slate-500">Now</dt>
						<dd className="text-slate-900">{currentText(goal, goal.lastCheckIn)}</dd>
					</div>
					<div>
						<dt className="text-slate-500">Last check-in</dt>
						<dd className="text-slate-900">
							{goal.lastCheckIn ? (
								<DateTime date={goal.lastCheckIn.checkedAt} pattern="d MMM yyyy" />
							) : (
								'None yet'
							)}
						</dd>
					</div>
				</dl>
				{goal.droppedAt ? (
					<p className="mt-3 text-sm text-slate-600">Dropped: {goal.dropReason}</p>
				) : null}
				{isOwner ? (
					<div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
						{goal.droppedAt ? null : (
							<details
								key={goal.lastCheckIn?.id ?? 'none'}
								className="w-full"
								open={Boolean(checkInReply)}
							>
								<summary className={buttonClasses('secondary', 'sm')}>Check in</summary>
								<div className="mt-3">
									<CheckInForm
										goalId={goal.id}
										measure={goal.measure}
										unit={goal.unit}
										lastStatus={goal.lastCheckIn?.status ?? null}
										today={today}
										lastResult={checkInReply}
										compact
									/>
								</div>
							</details>
						)}
						<Form method="post" className="flex gap-1">
							<input type="hidden" name="intent" value="move-goal" />
							<input type="hidden" name="goalId" value={goal.id} />
							<button
								type="submit"
								name="direction"
								value="up"
								disabled={index === 0}
								className={buttonClasses('ghost', 'sm')}
								aria-label={`Move “${goal.title}” up`}
							>
								↑ Up
							</button>
							<button
								type="submit"
								name="direction"
								value="down"
								disabled={index === count - 1}
								className={buttonClasses('ghost', 'sm')}
								aria-label={`Move “${goal.title}” down`}
							>
								↓ Down
							</button>
						</Form>
						<Link to={`/plans/${planId}/goals/${goal.id}`} className="ml-auto text-sm">
							History, edit, drop
						</Link>
					</div>
				) : null}
			</Card>
		</li>
	)
}

export default function PlanPage({ loaderData, actionData }: Route.ComponentProps) {
	const { plan, goals, isOwner, today } = loaderData
	const editHref = isOwner ? `/plans/${plan.id}/edit` : null
	const addReply = replyFor(actionData, 'add-goal')
	return (
		<main className="mx-auto max-w-4xl space-y-6">
			<p className="text-sm">
				<Link to="/plans">← Your plans</Link>
			</p>
			<PageHeader
				title={loaderData.title}
				description={
					isOwner
						? 'Your plan. Only you can change it.'
						: `${plan.owner.name}’s plan. You can read it; only ${plan.owner.name} can change it.`
				}
				actions={
					<>
						<Link
							to={`/plans/${plan.id}/review`}
							className={buttonClasses(loaderData.showsReview ? 'primary' : 'ghost')}
						>
							Plan against actual
						</Link>
						{editHref ? (
							<Link to={editHref} className={buttonClasses('secondary')}>
								Edit plan
							</Link>
						) : null}
					</>
				}
			/>
			<Card>
				<div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
					<div>
						<p className="text-sm text-slate-500">Theme word</p>
						<p className="text-xl font-semibold text-brand-700">{plan.themeWord || '—'}</p>
					</div>
					<div>
						<p className="text-sm text-slate-500">Vision</p>
						<p className="whitespace-pre-line text-slate-900">
							{plan.vision ||
								(isOwner
									? 'Where do you want to be by December? Add it under “Edit plan”.'
									: 'Not written yet.')}
						</p>
					</div>
				</div>
			</Card>

			<section aria-labelledby="goals" className="space-y-3">
				<h2 id="goals" className="text-lg font-semibold text-slate-900">
					Goals
				</h2>
				{goals.some((goal) => !goal.droppedAt) ? (
					<Card>
						<PlanOverviewChart
							goals={goals
								.filter((goal) => !goal.droppedAt)
								.map((goal) => ({
									id: goal.id,
									title: goal.title,
									progress: goalProgress(goal, goal.lastCheckIn),
									status: goal.lastCheckIn?.status ?? null,
									label: progressLabel(goal, goal.lastCheckIn),
								}))}
						/>
					</Card>
				) : null}
				{goals.length === 0 ? (
					<EmptyState title="No goals yet">
						{isOwner
							? 'Three to five goals make a good year. Add the first one below.'
							: 'Nothing has been added yet.'}
					</EmptyState>
				) : (
					<ol className="space-y-3">
						{goals.map((goal, index) => (
							<GoalCard
								key={goal.id}
								goal={goal}
								index={index}
								count={goals.length}
								planId={plan.id}
								isOwner={isOwner}
								today={today}
								actionData={actionData}
							/>
						))}
					</ol>
				)}
				{isOwner ? (
					<Card>
						<h3 className="mb-3 font-semibold text-slate-900">Add a goal</h3>
						<GoalForm intent="add-goal" lastResult={addReply} submitLabel="Add goal" />
					</Card>
				) : null}
			</section>

			<section aria-label="Guided prompts" className="grid gap-4 md:grid-cols-2">
				<Answered
					prompts={START_PROMPTS}
					answers={plan.startAnswers}
					title="The year ahead"
					editHref={editHref}
				/>
				{loaderData.showsReview ? (
					<Answered
						prompts={REVIEW_PROMPTS}
						answers={plan.reviewAnswers}
						title="Looking back on the year"
						editHref={editHref}
					/>
				) : null}
			</section>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
