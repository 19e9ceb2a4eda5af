import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/edit-cycle.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { CycleSettingsFields } from '#app/components/quarterly/cycle-settings-fields.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { changeQuestions, getCycle, newQuestionId, openCycleNow, updateCycleSettings } from '#app/modules/quarterly/cycles.server.ts'
import { formatDay } from '#app/modules/quarterly/days.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { addQuestion, moveQuestion, removeQuestion } from '#app/modules/quarterly/question-list.ts'
import { QuarterlyError } from '#app/modules/quarterly/quarterly-error.ts'
import { METRIC_LABELS, METRICS, QUESTION_LIMITS, type Question } from '#app/modules/quarterly/questions.ts'
import { AddQuestionSchema, CycleEditSchema, MoveQuestionSchema, QuestionIdSchema } from '#app/modules/quarterly/schemas.ts'
import { saveTemplate } from '#app/modules/quarterly/templates.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCycleModerator } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { refuse, refuseWith } from './form-reply.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data ? `Edit the ${data.cycle.quarter} review` : 'Edit review cycle') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const cycle = await getCycle(access.cycleId)
	if (!cycle) throw notFound()
	const page = `/g/${group.slug}/reviews/${cycle.id}`
	if (cycle.status !== 'draft') throw await redirectWithToast(page, { title: 'This cycle has opened: its dates and questions no longer change' })
	return {
		group: { slug: group.slug, name: group.name },
		cycle: { id: cycle.id, quarter: cycle.quarter, visibility: cycle.visibility, opensOn: isoDay(cycle.opensOn), dueOn: isoDay(cycle.dueOn), opensOnText: formatDay(cycle.opensOn), questions: cycle.questions },
	}
}

const KIND_LABELS: Record<Question['kind'], string> = { metric: 'Number', text: 'Text', blocker: 'Main blocker' }

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const here = `/g/${group.slug}/reviews/${access.cycleId}/edit`
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	try {
		if (intent === 'settings') {
			const submission = parseWithZod(formData, { schema: CycleEditSchema })
			if (submission.status !== 'success') return refuse(intent, submission, CycleEditSchema)
			try {
				await updateCycleSettings(access.cycleId, submission.value.settings, submission.value.labels ?? {})
			} catch (error) {
				if (error instanceof QuarterlyError)
					return refuse(intent, submission, CycleEditSchema, new QuarterlyError(error.message, error.field ? `settings.${error.field}` : undefined))
				throw error
			}
			return redirectWithToast(here, { title: 'Cycle saved' })
		}
		if (intent === 'add-question') {
			const submission = parseWithZod(formData, { schema: AddQuestionSchema })
			if (submission.status !== 'success') return refuse(intent, submission, AddQuestionSchema)
			try {
				await changeQuestions(access.cycleId, (questions) => addQuestion(questions, submission.value, newQuestionId))
			} catch (error) {
				if (error instanceof QuarterlyError) return refuse(intent, submission, AddQuestionSchema, error)
				throw error
			}
			return redirectWithToast(here, { title: 'Question added' })
		}
		if (intent === 'remove-question') {
			const parsed = QuestionIdSchema.safeParse(Object.fromEntries(formData))
			if (!parsed.success) return refuseWith(intent, 'Choose a question')
			await changeQuestions(access.cycleId, (questions) => removeQuestion(questions, parsed.data.questionId))
			return redirectWithToast(here, { title: 'Question removed' })
		}
		if (intent === 'move-question') {
			const parsed = MoveQuestionSchema.safeParse(Object.fromEntries(formData))
			if (!parsed.success) return refuseWith(intent, 'Choose a question and a direction')
			await changeQuestions(access.cycleId, (questions) => moveQuestion(questions, parsed.data.questionId, parsed.data.direction))
			return redirectWithToast(here, { title: 'Questions reordered' })
		}
		if (intent === 'save-template') {
			const cycle = await getCycle(access.cycleId)
			if (!cycle) throw notFound()
			await saveTemplate(group.id, cycle.questions)
			return redirectWithToast(here, { title: 'Kept as your group’s template', description: 'Your next cycles start with these questions.' })
		}
		if (intent === 'open') {
			await openCycleNow(access.cycleId, { now: new Date(), actorId: user.id, realtime: context.realtime })
			return redirectWithToast(`/g/${group.slug}/reviews/${access.cycleId}`, { title: 'The cycle is open', description: 'Members have been notified.' })
		}
	} catch (error) {
		if (error instanceof QuarterlyError) return refuseWith(intent, error.message)
		throw error
	}
	return refuseWith(intent, 'That request was not understood')
}

export default function EditCycle({ loaderData, actionData }: Route.ComponentProps) {
	const { group, cycle } = loaderData
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [form, fields] = useForm({
		id: 'cycle-settings',
		lastResult: actionData?.intent === 'settings' ? actionData.result : undefined,
		constraint: getZodConstraint(CycleEditSchema),
		defaultValue: {
			settings: { quarter: cycle.quarter, opensOn: cycle.opensOn, dueOn: cycle.dueOn, visibility: cycle.visibility },
			labels: Object.fromEntries(cycle.questions.map((q) => [q.id, q.label])),
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleEditSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const [addForm, addFields] = useForm({
		id: 'add-question',
		lastResult: actionData?.intent === 'add-question' ? actionData.result : undefined,
		constraint: getZodConstraint(AddQuestionSchema),
		defaultValue: { kind: 'text' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AddQuestionSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const labels = fields.labels.getFieldset()
	const base = `/g/${group.slug}/reviews/${cycle.id}`
	const buttonError = actionData && !actionData.result ? actionData.error : null
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={base}>← The {cycle.quarter} review</Link>
			</p>
			<PageHeader title={`Edit the ${cycle.quarter} review`} description={`A draft: only moderators see it. It opens by itself on ${cycle.opensOnText}.`} />
			{buttonError ? <FormErrors errors={[buttonError]} /> : null}
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="settings" />
				<FormErrors errors={form.errors} />
				<Card className="space-y-4">
					<h2 className="font-semibold text-slate-900">Dates and readers</h2>
					<CycleSettingsFields fields={fields.settings.getFieldset()} />
					<Button disabled={busy}>Save cycle</Button>
				</Card>
			</Form>
			<Card className="space-y-4">
				<h2 className="font-semibold text-slate-900">
					Questions <span className="font-normal text-slate-500">({cycle.questions.length} of at most {QUESTION_LIMITS.maxQuestions})</span>
				</h2>
				<ol className="space-y-3" aria-label="Questions">
					{cycle.questions.map((question, index) => (
						<li key={question.id} className="flex flex-wrap items-end gap-2 border-b border-slate-100 pb-3">
							<Field
								className="min-w-0 flex-1 basis-64"
								label={`Question ${index + 1} (${question.kind === 'metric' ? METRIC_LABELS[question.metric] : KIND_LABELS[question.kind]})`}
								errors={labels[question.id]?.errors}
								inputProps={getInputProps(labels[question.id]!, { type: 'text' })}
							/>
							<Form method="post" className="flex gap-1">
								<input type="hidden" name="intent" value="move-question" />
								<input type="hidden" name="questionId" value={question.id} />
								<Button variant="secondary" size="sm" name="direction" value="up" disabled={index === 0 || busy} aria-label={`Move “${question.label}” up`}>
									Up
								</Button>
								<Button variant="secondary" size="sm" name="direction" value="down" disabled={index === cycle.questions.length - 1 || busy} aria-label={`Move “${question.label}” down`}>
									Down
								</Button>
							</Form>
							<Form method="post">
								<input type="hidden" name="intent" value="remove-question" />
								<input type="hidden" name="questionId" value={question.id} />
								<Button variant="danger" size="sm" disabled={busy || cycle.questions.length === 1} aria-label={`Remove “${question.label}”`}>
									Remove
								</Button>
							</Form>
						</li>
					))}
				</ol>
				<Button form={form.id} disabled={busy}>
					Save labels
				</Button>
			</Card>
			<Card>
				<h2 className="font-semibold text-slate-900">Add a question</h2>
				<Form method="post" className="mt-3 space-y-4" {...getFormProps(addForm)}>
					<input type="hidden" name="intent" value="add-question" />
					<FormErrors errors={addForm.errors} />
					<div className="grid gap-4 sm:grid-cols-2">
						<SelectField
							label="Answer"
							errors={addFields.kind.errors}
							selectProps={getSelectProps(addFields.kind)}
							options={[
								{ value: 'text', label: 'Text' },
								{ value: 'metric', label: 'A key number' },
								{ value: 'blocker', label: 'The main blocker' },
							]}
						/>
						<SelectField
							label="Which number (for a key number)"
							errors={addFields.metric.errors}
							selectProps={getSelectProps(addFields.metric)}
							options={[{ value: '', label: '—' }, ...METRICS.map((metric) => ({ value: metric, label: METRIC_LABELS[metric] }))]}
						/>
					</div>
					<Field label="Question" errors={addFields.label.errors} inputProps={getInputProps(addFields.label, { type: 'text' })} />
					<Field label="Hint (optional)" errors={addFields.help.errors} inputProps={getInputProps(addFields.help, { type: 'text' })} />
					<Button variant="secondary" disabled={busy}>
						Add question
					</Button>
				</Form>
			</Card>
			<Card className="flex flex-wrap items-center justify-between gap-3">
				<Form method="post">
					<input type="hidden" name="intent" value="save-template" />
					<Button variant="secondary" disabled={busy}>
						Keep these questions as our template
					</Button>
				</Form>
				<Form method="post">
					<input type="hidden" name="intent" value="open" />
					<Button disabled={busy}>Open the cycle now</Button>
				</Form>
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
