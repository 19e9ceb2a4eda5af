import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { useEffect, useRef } from 'react'
import { Form, useFetcher, useNavigation } from 'react-router'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { METRIC_UNITS, QUESTION_LIMITS, REVIEW_BLOCKER_LABELS, REVIEW_BLOCKERS, type Question } from '#app/modules/quarterly/questions.ts'

export type DraftReply = { ok: boolean; savedAt?: string | null; error?: string }

const AUTOSAVE_DELAY_MS = 1000

/**
 * A member's update: one field per question. Without JavaScript it is a plain form with "Save
 * draft" and "Submit"; with it, a draft is also saved on the server a moment after the member
 * stops typing (a fetcher posting to the cycle's draft route), until the update is submitted.
 */
export function UpdateForm({
	cycleId,
	draftAction,
	questions,
	answers,
	lessonThreadId,
	lessons,
	submitted,
	lastResult,
}: {
	cycleId: string
	draftAction: string
	questions: Question[]
	answers: Record<string, number | string>
	lessonThreadId: string | null
	lessons: Array<{ id: string; title: string }>
	submitted: boolean
	lastResult?: SubmissionResult<string[]>
}) {
	const navigation = useNavigation()
	const fetcher = useFetcher<DraftReply>({ key: `update-draft-${cycleId}` })
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const formRef = useRef<HTMLFormElement>(null)
	useEffect(() => () => clearTimeout(timer.current), [])
	const [form, fields] = useForm({
		id: `update-${cycleId}`,
		lastResult,
		defaultValue: {
			answers: Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, String(value)])),
			lessonThreadId: lessonThreadId ?? '',
		},
		shouldValidate: 'onSubmit',
	})
	const answerFields = fields.answers.getFieldset()

	const scheduleSave = () => {
		if (submitted || navigation.state !== 'idle') return
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			if (!formRef.current) return
			const formData = new FormData(formRef.current)
			formData.delete('intent')
			void fetcher.submit(formData, { method: 'post', action: draftAction })
		}, AUTOSAVE_DELAY_MS)
	}
	const formProps = getFormProps(form)

	const busy = navigation.state === 'submitting'
	const saving = fetcher.state !== 'idle'
	return (
		<Form
			method="post"
			ref={formRef}
			className="space-y-5"
			{...formProps}
			onChange={scheduleSave}
			onSubmit={(event) => {
				// A real submit supersedes a pending autosave.
				clearTimeout(timer.current)
				formProps.onSubmit(event)
			}}
		>
			<FormErrors errors={form.errors} />
			<FormErrors errors={fields.answers.errors} />
			{questions.map((question) => {
				const field = answerFields[question.id]!
				if (question.kind === 'metric')
					return (
						<Field
							key={question.id}
							label={`${question.label} (${METRIC_UNITS[question.metric]})`}
							errors={field.errors}
							inputProps={{ ...getInputProps(field, { type: 'text' }), inputMode: 'decimal', className: 'max-w-xs' }}
						/>
					)
				if (question.kind === 'blocker')
					return (
						<SelectField
							key={question.id}
							label={question.label}
							errors={field.errors}
							selectProps={getSelectProps(field)}
							className="max-w-xs"
							options={[{ value: '', label: 'Choose…' }, ...REVIEW_BLOCKERS.map((value) => ({ value, label: REVIEW_BLOCKER_LABELS[value] }))]}
						/>
					)
				return (
					<TextareaField
						key={question.id}
						label={question.label}
						hint={question.help}
						errors={field.errors}
						textareaProps={{ ...getTextareaProps(field), maxLength: QUESTION_LIMITS.answerMax }}
					/>
				)
			})}
			{lessons.length > 0 ? (
				<SelectField
					label="Link a lesson learned you wrote this quarter"
					errors={fields.lessonThreadId.errors}
					selectProps={getSelectProps(fields.lessonThreadId)}
					className="max-w-md"
					options={[{ value: '', label: 'No lesson linked' }, ...lessons.map((lesson) => ({ value: lesson.id, label: lesson.title }))]}
				/>
			) : null}
			<div className="flex flex-wrap items-center gap-3">
				{submitted ? (
					<Button name="intent" value="submit" disabled={busy}>
						Save changes
					</Button>
				) : (
					<>
						<Button name="intent" value="submit" disabled={busy}>
							Submit update
						</Button>
						<Button name="intent" value="save-draft" variant="secondary" disabled={busy}>
							Save draft
						</Button>
					</>
				)}
				<p className="text-sm text-slate-600" aria-live="polite" data-testid="autosave-status">
					{saving
						? 'Saving draft…'
						: fetcher.data?.ok
							? 'Draft saved'
							: fetcher.data?.error
								? `Draft not saved: ${fetcher.data.error}`
								: null}
				</p>
			</div>
		</Form>
	)
}
