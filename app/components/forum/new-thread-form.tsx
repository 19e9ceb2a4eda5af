import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useState } from 'react'
import { Form, Link, useNavigation } from 'react-router'
import { LessonFields, type LessonProgramChoice } from './lesson-fields.tsx'
import { useDraftAutosave } from './use-draft-autosave.ts'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { LIMITS, THREAD_KIND_LABELS, THREAD_KINDS, type ThreadKind } from '#app/modules/forums/constants.ts'
import { NewThreadSchema } from '#app/modules/forums/schemas.ts'
import { cn } from '#app/utils/misc.ts'

type Props = {
	forumId: string
	kind: ThreadKind
	categoryId: string
	categories: Array<{ id: string; name: string }>
	draft: { title: string; body: string; data: Record<string, string>; updatedAt: string } | null
	/** Sent with the form: a resend with the same key leads to the thread already created. */
	idempotencyKey: string
	lastResult?: SubmissionResult<string[]> | null
	cancelHref: string
	/** The vendor programs a lesson may name. */
	programs?: LessonProgramChoice[]
}

const KIND_HINTS: Record<ThreadKind, string> = {
	discussion: 'Start a conversation with the group.',
	question: 'Ask for help; you can mark the reply that answers it.',
	lesson: 'Share what happened, what you learned, and what you would do differently.',
}

const selectClasses = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm'

export function NewThreadForm({ forumId, kind, categoryId, categories, draft, idempotencyKey, lastResult, cancelHref, programs }: Props) {
	const navigation = useNavigation()
	const initial = {
		kind: draft?.data.kind ?? kind,
		title: draft?.title ?? '',
		categoryId: draft?.data.categoryId ?? categoryId,
		tags: draft?.data.tags ?? '',
		body: draft?.body ?? '',
		blocker: draft?.data.blocker ?? '',
		lessonHappened: draft?.data.lessonHappened ?? '',
		lessonLearned: draft?.data.lessonLearned ?? '',
		lessonDifferently: draft?.data.lessonDifferently ?? '',
	}
	const [form, fields] = useForm({
		id: `new-thread-${forumId}`,
		lastResult,
		constraint: getZodConstraint(NewThreadSchema),
		defaultValue: initial,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: NewThreadSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const [currentKind, setCurrentKind] = useState<ThreadKind>(((fields.kind.value as ThreadKind) || initial.kind) as ThreadKind)
	const autosave = useDraftAutosave(`thread:${forumId}`)
	const categoryErrorId = fields.categoryId.errors?.length ? `${fields.categoryId.id}-error` : undefined

	function saveDraft(formElement: HTMLFormElement) {
		const values = Object.fromEntries(new FormData(formElement)) as Record<string, string>
		// The submission key belongs to this page, not to the draft.
		const { title = '', body = '', idempotencyKey: _submissionKey, ...rest } = values
		autosave.onChange({ title, body, data: rest })
	}

	return (
		<Form
			method="post"
			className="space-y-5"
			{...getFormProps(form)}
			onChange={(event) => saveDraft(event.currentTarget)}
			onSubmit={(event) => {
				autosave.cancel()
				form.onSubmit(event)
			}}
		>
			{draft ? (
				<p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" role="status">
					Restored your draft. It is saved as you type.
				</p>
			) : null}
			<input type="hidden" name="idempotencyKey" value={idempotencyKey} />
			<FormErrors errors={form.errors} />
			<fieldset>
				<legend className="text-sm font-medium text-slate-800">What kind of thread?</legend>
				<div className="mt-2 grid gap-2 sm:grid-cols-3">
					{THREAD_KINDS.map((value) => (
						<label
							key={value}
							className={cn(
								'cursor-pointer rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600',
								currentKind === value ? 'border-brand-600 bg-brand-50' : 'border-slate-200 bg-white',
							)}
						>
							<input
								type="radio"
								name={fields.kind.name}
								value={value}
								defaultChecked={initial.kind === value}
								onChange={() => setCurrentKind(value)}
								className="sr-only"
							/>
							<span className="font-medium">{THREAD_KIND_LABELS[value]}</span>
							<span className="mt-0.5 block text-xs text-slate-600">{KIND_HINTS[value]}</span>
						</label>
					))}
				</div>
				<ErrorList errors={fields.kind.errors} />
			</fieldset>
			<Field label="Title" errors={fields.title.errors} inputProps={{ ...getInputProps(fields.title, { type: 'text' }), maxLength: LIMITS.titleMax }} />
			<div className="grid gap-4 sm:grid-cols-2">
				<div>
					<label htmlFor={fields.categoryId.id} className="block text-sm font-medium text-slate-800">
						Category
					</label>
					<select
						id={fields.categoryId.id}
						name={fields.categoryId.name}
						defaultValue={initial.categoryId}
						aria-invalid={categoryErrorId ? true : undefined}
						aria-describedby={categoryErrorId}
						className={selectClasses}
					>
						{categories.map((category) => (
							<option key={category.id} value={category.id}>
								{category.name}
							</option>
						))}
					</select>
					<ErrorList id={categoryErrorId} errors={fields.categoryId.errors} />
				</div>
				<Field
					label="Tags"
					hint={`Optional, up to ${LIMITS.tagsMax}, separated by commas (e.g. microsoft, mdf).`}
					errors={fields.tags.errors}
					inputProps={getInputProps(fields.tags, { type: 'text' })}
				/>
			</div>
			{currentKind === 'lesson' ? (
				<div className="space-y-4 rounded-lg border border-amber-200 bg-amber-50/50 p-4">
					<LessonFields fields={fields} defaultBlocker={initial.blocker} programs={programs} />
				</div>
			) : (
				<TextareaField
					label="Post"
					hint="Markdown works: **bold**, lists, tables, links. Mention members with @handle."
					errors={fields.body.errors}
					textareaProps={{ ...getTextareaProps(fields.body), rows: 10 }}
				/>
			)}
			<div className="flex items-center gap-3">
				<Button disabled={navigation.state === 'submitting'}>{navigation.state === 'submitting' ? 'Posting…' : 'Post thread'}</Button>
				<Link to={cancelHref} className="text-sm">
					Cancel
				</Link>
				{autosave.savedAt ? <span className="text-xs text-slate-500">Draft saved</span> : null}
				{autosave.failed ? <span className="text-xs text-red-700">Draft not saved: check your connection</span> : null}
			</div>
		</Form>
	)
}
