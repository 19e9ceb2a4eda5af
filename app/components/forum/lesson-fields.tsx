import { getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { ErrorList, TextareaField } from '#app/components/ui/field.tsx'
import { BLOCKER_LABELS, BLOCKERS } from '#app/modules/forums/constants.ts'

type LessonFieldSet = {
	blocker: FieldMetadata<string | undefined>
	lessonHappened: FieldMetadata<string | undefined>
	lessonLearned: FieldMetadata<string | undefined>
	lessonDifferently: FieldMetadata<string | undefined>
}

/** The growth blocker and the three parts of a lesson learned, for writing and for editing one. */
export function LessonFields({ fields, defaultBlocker }: { fields: LessonFieldSet; defaultBlocker: string }) {
	return (
		<>
			<div>
				<label htmlFor={fields.blocker.id} className="block text-sm font-medium text-slate-800">
					Growth blocker
				</label>
				<select
					id={fields.blocker.id}
					name={fields.blocker.name}
					defaultValue={defaultBlocker}
					className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
				>
					<option value="">Choose one…</option>
					{BLOCKERS.map((blocker) => (
						<option key={blocker} value={blocker}>
							{BLOCKER_LABELS[blocker]}
						</option>
					))}
				</select>
				<ErrorList errors={fields.blocker.errors} />
			</div>
			<TextareaField label="What happened" errors={fields.lessonHappened.errors} textareaProps={{ ...getTextareaProps(fields.lessonHappened), rows: 4 }} />
			<TextareaField label="What we learned" errors={fields.lessonLearned.errors} textareaProps={{ ...getTextareaProps(fields.lessonLearned), rows: 4 }} />
			<TextareaField
				label="What we would do differently"
				errors={fields.lessonDifferently.errors}
				textareaProps={{ ...getTextareaProps(fields.lessonDifferently), rows: 4 }}
			/>
		</>
	)
}
