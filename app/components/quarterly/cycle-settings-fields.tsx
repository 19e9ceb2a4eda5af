import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { CYCLE_VISIBILITIES, VISIBILITY_LABELS } from '#app/modules/quarterly/schemas.ts'

type Fields = {
	quarter: FieldMetadata<string>
	opensOn: FieldMetadata<string>
	dueOn: FieldMetadata<string>
	visibility: FieldMetadata<string>
}

/** The quarter, dates and visibility of a cycle: the new-cycle form and the edit form. */
export function CycleSettingsFields({ fields }: { fields: Fields }) {
	return (
		<div className="grid gap-4 sm:grid-cols-3">
			<Field label="Quarter" hint="For example 2026-Q4." errors={fields.quarter.errors} inputProps={getInputProps(fields.quarter, { type: 'text' })} />
			<Field label="Opens on" hint="Members can write from this day (UTC)." errors={fields.opensOn.errors} inputProps={getInputProps(fields.opensOn, { type: 'date' })} />
			<Field label="Due on" hint="The last day to submit." errors={fields.dueOn.errors} inputProps={getInputProps(fields.dueOn, { type: 'date' })} />
			<SelectField
				label="Who reads the updates"
				className="sm:col-span-3"
				errors={fields.visibility.errors}
				selectProps={getSelectProps(fields.visibility)}
				options={CYCLE_VISIBILITIES.map((value) => ({ value, label: VISIBILITY_LABELS[value] }))}
			/>
		</div>
	)
}
