import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useEffect, type ComponentType } from 'react'
import { Form, useLocation, useNavigation } from 'react-router'
import { Button } from '#app/components/ui/button.tsx'
import { dayAfter, localDay } from '#app/modules/plans/check-in-days.ts'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import {
	GOAL_AREA_LABELS,
	GOAL_AREAS,
	MEASURE_LABELS,
	MEASURES,
	QUARTERS,
	STATUS_LABELS,
	STATUSES,
	type GoalStatus,
} from '#app/modules/plans/constants.ts'
import {
	CheckInSchema,
	DropGoalSchema,
	GoalSchema,
	type GoalInput,
} from '#app/modules/plans/schemas.ts'

/** What a plan page's action answers a refused form with: which form, for which goal, and why. */
export type PlanFormReply = {
	intent: string
	goalId: string | null
	result: SubmissionResult<string[]>
}

/** The reply meant for this form, if the last submission was this form's. */
export function replyFor(
	actionData: PlanFormReply | undefined,
	intent: string,
	goalId: string | null = null,
) {
	return actionData && actionData.intent === intent && actionData.goalId === goalId
		? actionData.result
		: undefined
}

const toOptions = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
	values.map((value) => ({ value, label: labels[value] }))

function useSubmitting(intent: string, goalId: string | null) {
	const navigation = useNavigation()
	return (
		navigation.state === 'submitting' &&
		navigation.formData?.get('intent') === intent &&
		(navigation.formData?.get('goalId') ?? null) === goalId
	)
}

/** Add a goal, or edit one (with its values). */
function GoalFormFields({
	intent,
	goalId = null,
	defaultValue,
	lastResult,
	submitLabel,
}: {
	intent: 'add-goal' | 'edit-goal'
	goalId?: string | null
	defaultValue?: Partial<Record<keyof GoalInput, string>>
	lastResult?: SubmissionResult<string[]>
	submitLabel: string
}) {
	const submitting = useSubmitting(intent, goalId)
	const [form, fields] = useForm({
		id: `${intent}-${goalId ?? 'new'}`,
		lastResult,
		constraint: getZodConstraint(GoalSchema),
		defaultValue: { area: 'financial', measure: 'number', dueQuarter: '4', ...defaultValue },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: GoalSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const isMilestone = fields.measure.value === 'milestone'
	return (
		<Form method="post" className="space-y-4" {...getFormProps(form)}>
			<input type="hidden" name="intent" value={intent} />
			{goalId ? <input type="hidden" name="goalId" value={goalId} /> : null}
			<FormErrors errors={form.errors} />
			<Field
				label="Goal"
				errors={fields.title.errors}
				inputProps={{
					...getInputProps(fields.title, { type: 'text' }),
					placeholder: 'Grow recurring revenue',
				}}
			/>
			<div className="grid gap-4 sm:grid-cols-3">
				<SelectField
					label="Area"
					errors={fields.area.errors}
					selectProps={getSelectProps(fields.area)}
					options={toOptions(GOAL_AREAS, GOAL_AREA_LABELS)}
				/>
				<SelectField
					label="Measured as"
					errors={fields.measure.errors}
					selectProps={getSelectProps(fields.measure)}
					options={toOptions(MEASURES, MEASURE_LABELS)}
				/>
				<SelectField
					label="Due by"
					errors={fields.dueQuarter.errors}
					selectProps={getSelectProps(fields.dueQuarter)}
					options={QUARTERS.map((quarter) => ({
						value: String(quarter),
						label: `End of Q${quarter}`,
					}))}
				/>
			</div>
			{isMilestone ? null : (
				<div className="grid gap-4 sm:grid-cols-3">
					<Field
						label="Starting value"
						hint="Where you stand now"
						errors={fields.startValue.errors}
						inputProps={{ ...getInputProps(fields.startValue, { type: 'number' }), step: 'any' }}
					/>
					<Field
						label="Target"
						hint="For number goals"
						errors={fields.targetValue.errors}
						inputProps={{ ...getInputProps(fields.targetValue, { type: 'number' }), step: 'any' }}
					/>
					<Field
						label="Unit"
						hint="€, clients, hires…"
						errors={fields.unit.errors}
						inputProps={getInputProps(fields.unit, { type: 'text' })}
					/>
				</div>
			)}
			<TextareaField
				label="Why it matters (optional)"
				errors={fields.why.errors}
				textareaProps={{ ...getTextareaProps(fields.why), className: 'min-h-16' }}
			/>
			<Button disabled={submitting}>{submitLabel}</Button>
		</Form>
	)
}

/** Record where a goal stands: a value for number goals, done or not for milestones. */
function CheckInFormFields({
	goalId,
	measure,
	unit,
	lastStatus,
	today,
	lastResult,
	compact = false,
}: {
	goalId: string
	measure: 'number' | 'milestone'
	unit: string | null
	lastStatus: GoalStatus | null
	today: string
	lastResult?: SubmissionResult<string[]>
	compact?: boolean
}) {
	const submitting = useSubmitting('check-in', goalId)
	const [form, fields] = useForm({
		id: `check-in-${goalId}`,
		lastResult,
		constraint: getZodConstraint(CheckInSchema),
		defaultValue: {
			status: lastStatus && lastStatus !== 'done' ? lastStatus : 'on_track',
			date: today,
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckInSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	// The server's "today" is a UTC day; in the browser the date starts as the member's own day
	// (a member east of UTC early in the morning is already a day ahead). Once, on hydration.
	const dateName = fields.date.name
	const updateForm = form.update
	useEffect(() => {
		const mine = localDay()
		if (!lastResult && mine !== today && mine <= dayAfter(today))
			updateForm({ name: dateName, value: mine })
		// eslint-disable-next-line react-hooks/exhaustive-deps -- only the first render's values count
	}, [])
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="check-in" />
			<input type="hidden" name="goalId" value={goalId} />
			<FormErrors errors={form.errors} />
			<div className="grid gap-3 sm:grid-cols-3">
				{measure === 'number' ? (
					<Field
						label={unit ? `Value now (${unit})` : 'Value now'}
						errors={fields.value.errors}
						inputProps={{
							...getInputProps(fields.value, { type: 'number' }),
							step: 'any',
							required: true,
						}}
					/>
				) : (
					<div className="flex items-end pb-2">
						<label className="flex items-center gap-2 text-sm font-medium text-slate-800">
							<input {...getInputProps(fields.done, { type: 'checkbox' })} className="size-4" />{' '}
							Completed
						</label>
					</div>
				)}
				<SelectField
					label="Status"
					errors={fields.status.errors}
					selectProps={getSelectProps(fields.status)}
					options={toOptions(STATUSES, STATUS_LABELS)}
				/>
				<Field
					label="Date"
					errors={fields.date.errors}
					inputProps={{ ...getInputProps(fields.date, { type: 'date' }), max: dayAfter(today) }}
				/>
			</div>
			<TextareaField
				label="Note (optional)"
				errors={fields.note.errors}
				textareaProps={{
					...getTextareaProps(fields.note),
					className: compact ? 'min-h-12' : 'min-h-20',
					placeholder: 'What moved, what is in the way',
				}}
			/>
			<Button size={compact ? 'sm' : 'md'} disabled={submitting}>
				Record check-in
			</Button>
		</Form>
	)
}

/** Drop a goal with a reason; its history stays. */
function DropGoalFormFields({
	goalId,
	lastResult,
}: {
	goalId: string
	lastResult?: SubmissionResult<string[]>
}) {
	const submitting = useSubmitting('drop-goal', goalId)
	const [form, fields] = useForm({
		id: `drop-goal-${goalId}`,
		lastResult,
		constraint: getZodConstraint(DropGoalSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DropGoalSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="space-y-3" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="drop-goal" />
			<input type="hidden" name="goalId" value={goalId} />
			<FormErrors errors={form.errors} />
			<TextareaField
				label="Why are you dropping it?"
				hint="The goal and its check-ins stay on the plan, with this reason beside them."
				errors={fields.reason.errors}
				textareaProps={{ ...getTextareaProps(fields.reason), className: 'min-h-16' }}
			/>
			<Button variant="danger" disabled={submitting}>
				Drop this goal
			</Button>
		</Form>
	)
}

/**
 * A form starts afresh after each navigation (a done submission redirects, even to the same page),
 * and keeps what was typed when it was refused (no navigation).
 */
function freshOnNavigation<P extends object>(Inner: ComponentType<P>) {
	return function Fresh(props: P) {
		const location = useLocation()
		return <Inner key={location.key} {...props} />
	}
}

export const GoalForm = freshOnNavigation(GoalFormFields)
export const CheckInForm = freshOnNavigation(CheckInFormFields)
export const DropGoalForm = freshOnNavigation(DropGoalFormFields)
