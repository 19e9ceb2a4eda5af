import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/edit.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { PLAN_KIND_LABELS, REMINDER_CADENCE_LABELS, REMINDER_CADENCES } from '#app/modules/plans/constants.ts'
import { getPlan, updatePlanSettings } from '#app/modules/plans/plans.server.ts'
import { REVIEW_PROMPTS, showsReview, START_PROMPTS } from '#app/modules/plans/prompts.ts'
import { PlanSettingsSchema } from '#app/modules/plans/schemas.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireOwnPlan } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Edit plan') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { access } = await requireOwnPlan(request, params.planId)
	const plan = await getPlan(access.planId)
	if (!plan) throw notFound()
	return { plan, title: `${PLAN_KIND_LABELS[plan.kind]} ${plan.year}`, showsReview: showsReview(plan.year, new Date()) }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { access } = await requireOwnPlan(request, params.planId)
	const submission = parseWithZod(await request.formData(), { schema: PlanSettingsSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, PlanSettingsSchema) }, { status: 400 })
	await updatePlanSettings(access.planId, submission.value)
	return redirectWithToast(`/plans/${access.planId}`, { title: 'Plan saved' })
}

export default function EditPlan({ loaderData, actionData }: Route.ComponentProps) {
	const { plan } = loaderData
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: `edit-plan-${plan.id}`,
		lastResult: actionData?.result,
		constraint: getZodConstraint(PlanSettingsSchema),
		defaultValue: {
			themeWord: plan.themeWord,
			vision: plan.vision,
			startAnswers: plan.startAnswers,
			reviewAnswers: plan.reviewAnswers,
			sharedWithModerators: plan.sharedWithModerators ? 'on' : undefined,
			reminderCadence: plan.reminderCadence,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSettingsSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const start = fields.startAnswers.getFieldset()
	const review = fields.reviewAnswers.getFieldset()
	// Answers given earlier stay editable even when the review is not offered yet.
	const showReview = loaderData.showsReview || Object.keys(plan.reviewAnswers).length > 0
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={`/plans/${plan.id}`}>← {loaderData.title}</Link>
			</p>
			<PageHeader title={`Edit ${loaderData.title.toLowerCase()}`} description="Everything here is optional: write as much or as little as helps you." />
			<Form method="post" className="space-y-6" {...getFormProps(form)}>
				<FormErrors errors={form.errors} />
				<Card className="space-y-4">
					<Field label="Theme word" hint="One word for the year." errors={fields.themeWord.errors} inputProps={getInputProps(fields.themeWord, { type: 'text' })} />
					<TextareaField label="Vision" hint="Where you want to be by December." errors={fields.vision.errors} textareaProps={getTextareaProps(fields.vision)} />
				</Card>
				<Card className="space-y-4">
					<h2 className="font-semibold text-slate-900">The year ahead</h2>
					{START_PROMPTS.map((prompt) => (
						<TextareaField
							key={prompt.id}
							label={prompt.question}
							hint={prompt.hint}
							errors={start[prompt.id].errors}
							textareaProps={{ ...getTextareaProps(start[prompt.id]), className: 'min-h-16' }}
						/>
					))}
				</Card>
				{showReview ? (
					<Card className="space-y-4">
						<h2 className="font-semibold text-slate-900">Looking back on the year</h2>
						{REVIEW_PROMPTS.map((prompt) => (
							<TextareaField
								key={prompt.id}
								label={prompt.question}
								hint={prompt.hint || undefined}
								errors={review[prompt.id].errors}
								textareaProps={{ ...getTextareaProps(review[prompt.id]), className: 'min-h-16' }}
							/>
						))}
					</Card>
				) : null}
				<Card className="space-y-4">
					<h2 className="font-semibold text-slate-900">Sharing and reminders</h2>
					<div>
						<label className="flex items-start gap-2 text-sm text-slate-800">
							<input {...getInputProps(fields.sharedWithModerators, { type: 'checkbox' })} className="mt-0.5 size-4" />
							<span>
								<span className="font-medium">Share this plan with my groups’ moderators</span>
								<span className="block text-slate-600">
									Off by default. When on, the moderators of the groups you belong to can read this plan, its goals and check-ins (for example to prepare a
									quarterly review). They cannot change anything. Your accepted buddies can always read it.
								</span>
							</span>
						</label>
					</div>
					<SelectField
						label="Remind me to check in"
						errors={fields.reminderCadence.errors}
						selectProps={getSelectProps(fields.reminderCadence)}
						options={REMINDER_CADENCES.map((value) => ({ value, label: REMINDER_CADENCE_LABELS[value] }))}
						className="max-w-xs"
					/>
				</Card>
				<div className="flex items-center gap-3">
					<Button disabled={navigation.state === 'submitting'}>Save plan</Button>
					<Link to={`/plans/${plan.id}`} className="text-sm">
						Cancel
					</Link>
				</div>
			</Form>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
