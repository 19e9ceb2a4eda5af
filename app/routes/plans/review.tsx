import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/review.ts'
import { DroppedBadge, StatusBadge } from '#app/components/plans/badges.tsx'
import { replyFor, type PlanFormReply } from '#app/components/plans/plan-forms.tsx'
import { PageHeader } from '#app/components/page.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { PLAN_KIND_LABELS } from '#app/modules/plans/constants.ts'
import { listGoals, type PlanGoal } from '#app/modules/plans/goals.server.ts'
import { PlanError } from '#app/modules/plans/plan-error.ts'
import { getPlan, plannableYears } from '#app/modules/plans/plans.server.ts'
import { REVIEW_PROMPTS } from '#app/modules/plans/prompts.ts'
import { carryUnfinishedGoals, setClosingNote } from '#app/modules/plans/review.server.ts'
import { ClosingNoteSchema } from '#app/modules/plans/schemas.ts'
import { currentText, targetText } from '#app/modules/plans/views.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireOwnPlan, requireReadablePlan } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { refuse } from './form-actions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data ? `Review: ${data.title}` : 'Plan review') }]

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
		canCarry: plannableYears(now).includes(plan.year + 1),
		unfinished: goals.filter((goal) => !goal.droppedAt && !goal.done).length,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { access } = await requireOwnPlan(request, params.planId)
	const here = `/plans/${access.planId}/review`
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'closing-note') {
		const submission = parseWithZod(formData, { schema: ClosingNoteSchema })
		const goalId = String(formData.get('goalId') ?? '')
		if (submission.status !== 'success') return refuse(intent, goalId, submission, ClosingNoteSchema)
		if (!(await setClosingNote(access.planId, submission.value.goalId, submission.value.note ?? ''))) throw notFound()
		return redirectWithToast(here, { title: 'Closing note saved' })
	}
	if (intent === 'carry') {
		try {
			const { planId, carried } = await carryUnfinishedGoals(access.planId)
			return redirectWithToast(`/plans/${planId}`, {
				title: carried ? `${carried} unfinished ${carried === 1 ? 'goal' : 'goals'} carried into ${access.year + 1}` : 'Nothing left to carry over',
			})
		} catch (error) {
			if (error instanceof PlanError) return data<PlanFormReply | { intent: 'carry'; error: string }>({ intent: 'carry', error: error.message }, { status: 400 })
			throw error
		}
	}
	throw new Response('Unknown action', { status: 400 })
}

function ClosingNoteForm({ goal, actionData }: { goal: PlanGoal; actionData: Route.ComponentProps['actionData'] }) {
	const navigation = useNavigation()
	const lastResult = actionData && 'result' in actionData ? replyFor(actionData, 'closing-note', goal.id) : undefined
	const [form, fields] = useForm({
		id: `closing-note-${goal.id}`,
		lastResult,
		constraint: getZodConstraint(ClosingNoteSchema),
		defaultValue: { goalId: goal.id, note: goal.closingNote ?? '' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ClosingNoteSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-2 print:hidden" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="closing-note" />
			<input type="hidden" name="goalId" value={goal.id} />
			<FormErrors errors={form.errors} />
			<TextareaField label="Closing note" errors={fields.note.errors} textareaProps={{ ...getTextareaProps(fields.note), className: 'min-h-14' }} />
			<Button size="sm" variant="secondary" disabled={navigation.state === 'submitting'}>
				Save note
			</Button>
		</Form>
	)
}

export default function Review({ loaderData, actionData }: Route.ComponentProps) {
	const { plan, goals, isOwner } = loaderData
	const carryError = actionData && 'error' in actionData ? actionData.error : null
	return (
		<main className="mx-auto max-w-5xl space-y-6 print:max-w-none">
			<p className="text-sm print:hidden">
				<Link to={`/plans/${plan.id}`}>← {loaderData.title}</Link>
			</p>
			<PageHeader
				title={`Plan against actual: ${loaderData.title}`}
				description={isOwner ? 'Where each goal ended up, with your closing notes.' : `${plan.owner.name}’s year, goal by goal.`}
				actions={
					<a href={`/plans/${plan.id}/export.csv`} className={`${buttonClasses('secondary')} print:hidden`} download>
						Download CSV
					</a>
				}
			/>
			{goals.length === 0 ? (
				<p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">This plan has no goals to review.</p>
			) : (
				<div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
					<table className="w-full text-left text-sm">
						<thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
							<tr>
								<th scope="col" className="px-4 py-2 font-medium">Goal</th>
								<th scope="col" className="px-4 py-2 font-medium">Target</th>
								<th scope="col" className="px-4 py-2 font-medium">Actual</th>
								<th scope="col" className="px-4 py-2 font-medium">Status</th>
								<th scope="col" className="w-2/5 px-4 py-2 font-medium">Closing note</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-slate-100 align-top">
							{goals.map((goal) => (
								<tr key={goal.id} className="break-inside-avoid">
									<td className="px-4 py-3 font-medium text-slate-900">{goal.title}</td>
									<td className="px-4 py-3">{targetText(goal)}</td>
									<td className="px-4 py-3">{currentText(goal, goal.lastCheckIn)}</td>
									<td className="px-4 py-3">
										{goal.droppedAt ? <DroppedBadge /> : <StatusBadge status={goal.lastCheckIn?.status ?? null} />}
										{goal.droppedAt && goal.dropReason ? <p className="mt-1 text-xs text-slate-600">{goal.dropReason}</p> : null}
									</td>
									<td className="px-4 py-3">
										{isOwner ? <ClosingNoteForm goal={goal} actionData={actionData} /> : null}
										<p className={isOwner ? 'hidden whitespace-pre-line print:block' : 'whitespace-pre-line text-slate-700'}>{goal.closingNote || (isOwner ? '' : '—')}</p>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<section aria-labelledby="year-end" className="rounded-xl border border-slate-200 bg-white p-5">
				<h2 id="year-end" className="font-semibold text-slate-900">Looking back on the year</h2>
				{Object.keys(plan.reviewAnswers).length === 0 ? (
					<p className="mt-2 text-sm text-slate-600">
						Not answered yet.{' '}
						{isOwner ? (
							<Link to={`/plans/${plan.id}/edit`} className="print:hidden">
								Answer the year-end prompts
							</Link>
						) : null}
					</p>
				) : (
					<dl className="mt-3 grid gap-3 md:grid-cols-2">
						{REVIEW_PROMPTS.filter((prompt) => plan.reviewAnswers[prompt.id]).map((prompt) => (
							<div key={prompt.id}>
								<dt className="text-sm font-medium text-slate-700">{prompt.question}</dt>
								<dd className="mt-0.5 text-sm whitespace-pre-line text-slate-900">{plan.reviewAnswers[prompt.id]}</dd>
							</div>
						))}
					</dl>
				)}
			</section>
			{isOwner ? (
				<section aria-labelledby="carry" className="rounded-xl border border-slate-200 bg-white p-5 print:hidden">
					<h2 id="carry" className="font-semibold text-slate-900">Carry unfinished goals into {plan.year + 1}</h2>
					<FormErrors errors={carryError ? [carryError] : null} />
					{loaderData.canCarry ? (
						<Form method="post" className="mt-2 flex flex-wrap items-center gap-3">
							<input type="hidden" name="intent" value="carry" />
							<p className="text-sm text-slate-600">
								{loaderData.unfinished === 0
									? 'Every goal is done or dropped: nothing to carry.'
									: `Copies the ${loaderData.unfinished === 1 ? 'goal' : `${loaderData.unfinished} goals`} not done or dropped into your ${plan.year + 1} plan, starting from where they stand. This plan stays as it is.`}
							</p>
							<Button variant="secondary" disabled={loaderData.unfinished === 0}>
								Carry them over
							</Button>
						</Form>
					) : (
						<p className="mt-2 text-sm text-slate-600">Plans for {plan.year + 1} open in December {plan.year}.</p>
					)}
				</section>
			) : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
