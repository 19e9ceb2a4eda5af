import { getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { ErrorList, TextareaField } from '#app/components/ui/field.tsx'
import { BLOCKER_LABELS, BLOCKERS } from '#app/modules/forums/constants.ts'

type LessonFieldSet = {
	blocker: FieldMetadata<string | undefined>
	lessonHappened: FieldMetadata<string | undefined>
	lessonLearned: FieldMetadata<string | undefined>
	lessonDifferently: FieldMetadata<string | undefined>
	programIds?: FieldMetadata<string | string[] | undefined>
}

/** The vendor programs a lesson may name (approved ones), and those it names now. */
export type LessonProgramChoice = { id: string; label: string }

function asList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String)
	return typeof value === 'string' && value ? [value] : []
}

/** The growth blocker and the three parts of a lesson learned, for writing and for editing one. */
export function LessonFields({
	fields,
	defaultBlocker,
	programs = [],
	defaultProgramIds = [],
}: {
	fields: LessonFieldSet
	defaultBlocker: string
	programs?: LessonProgramChoice[]
	defaultProgramIds?: string[]
}) {
	const programField = fields.programIds
	// The select's error is tied to it, like the other fields' (read out with it, marked invalid).
	const blockerErrorId = fields.blocker.errors?.length ? `${fields.blocker.id}-error` : undefined
	// After a refused submission the choice comes back as sent; otherwise as saved.
	const chosen = programField?.initialValue !== undefined ? asList(programField.initialValue) : defaultProgramIds
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
					aria-invalid={blockerErrorId ? true : undefined}
					aria-describedby={blockerErrorId}
					className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid]:border-red-500"
				>
					<option value="">Choose one…</option>
					{BLOCKERS.map((blocker) => (
						<option key={blocker} value={blocker}>
							{BLOCKER_LABELS[blocker]}
						</option>
					))}
				</select>
				<ErrorList id={blockerErrorId} errors={fields.blocker.errors} />
			</div>
			<TextareaField label="What happened" errors={fields.lessonHappened.errors} textareaProps={{ ...getTextareaProps(fields.lessonHappened), rows: 4 }} />
			<TextareaField label="What we learned" errors={fields.lessonLearned.errors} textareaProps={{ ...getTextareaProps(fields.lessonLearned), rows: 4 }} />
			<TextareaField
				label="What we would do differently"
				errors={fields.lessonDifferently.errors}
				textareaProps={{ ...getTextareaProps(fields.lessonDifferently), rows: 4 }}
			/>
			{programs.length > 0 ? (
				<div>
					<label htmlFor="lesson-program-ids" className="block text-sm font-medium text-slate-800">
						Vendor programs this lesson is about
					</label>
					<select
						id="lesson-program-ids"
						name="programIds"
						multiple
						defaultValue={chosen}
						size={Math.min(8, programs.length)}
						aria-describedby="lesson-program-ids-hint"
						className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
					>
						{programs.map((program) => (
							<option key={program.id} value={program.id}>
								{program.label}
							</option>
						))}
					</select>
					<p id="lesson-program-ids-hint" className="mt-1 text-xs text-slate-500">
						Optional, up to 5 from the catalogue: the lesson links to them and their pages list it. Hold Ctrl (⌘ on a Mac) to choose several.
					</p>
					<ErrorList errors={programField?.errors} />
				</div>
			) : null}
		</>
	)
}
