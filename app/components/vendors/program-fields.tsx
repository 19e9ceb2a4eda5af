import {
	getInputProps,
	getSelectProps,
	getTextareaProps,
	type FieldMetadata,
} from '@conform-to/react'
import { Card } from '#app/components/page.tsx'
import { Field, SelectField, TextareaField } from '#app/components/ui/field.tsx'
import { PROGRAM_KIND_LABELS, PROGRAM_KINDS } from '#app/modules/vendors/constants.ts'

// The fields of a program, for proposing one and for a curator's edit: the same schema
// (vendors/schemas.ts), every field a plain input, so the form works without JavaScript.

type ProgramFieldName =
	| 'vendorName'
	| 'name'
	| 'kind'
	| 'description'
	| 'link'
	| 'benefitAmount'
	| 'benefitCurrency'
	| 'benefitText'
	| 'feeAmount'
	| 'feeCurrency'
	| 'hours'
	| 'requirements'
	| 'eligibility'
	| 'capacityLimited'
	| 'enrollOpensOn'
	| 'enrollClosesOn'
	| 'claimOpensOn'
	| 'claimClosesOn'
	| 'proofDueOn'

export type ProgramFieldset = Record<ProgramFieldName, FieldMetadata<unknown>>

export function ProgramFields({ fields, vendors }: { fields: ProgramFieldset; vendors: string[] }) {
	const text = (name: ProgramFieldName) => getInputProps(fields[name], { type: 'text' })
	const day = (name: ProgramFieldName) => getInputProps(fields[name], { type: 'date' })
	const number = (name: ProgramFieldName) => ({
		...getInputProps(fields[name], { type: 'number' }),
		step: 'any',
		min: 0,
	})
	return (
		<>
			<Card className="space-y-4">
				<h2 className="font-semibold text-slate-900">The program</h2>
				<Field
					label="Vendor"
					hint="Pick one of the vendors listed as you type, or type a new vendor’s name."
					errors={fields.vendorName.errors}
					inputProps={{ ...text('vendorName'), list: 'vendor-names', autoComplete: 'off' }}
				/>
				<datalist id="vendor-names">
					{vendors.map((name) => (
						<option key={name} value={name} />
					))}
				</datalist>
				<Field label="Program name" errors={fields.name.errors} inputProps={text('name')} />
				<SelectField
					label="Kind"
					errors={fields.kind.errors}
					selectProps={getSelectProps(fields.kind)}
					options={[
						{ value: '', label: 'Choose…' },
						...PROGRAM_KINDS.map((kind) => ({ value: kind, label: PROGRAM_KIND_LABELS[kind] })),
					]}
					className="max-w-xs"
				/>
				<TextareaField
					label="Description"
					errors={fields.description.errors}
					textareaProps={getTextareaProps(fields.description)}
				/>
				<Field
					label="Link"
					hint="The vendor’s page for the program, starting with https://"
					errors={fields.link.errors}
					inputProps={getInputProps(fields.link, { type: 'url' })}
				/>
			</Card>
			<Card className="space-y-4">
				<h2 className="font-semibold text-slate-900">What it gives and what it takes</h2>
				<div className="grid gap-4 sm:grid-cols-2">
					<Field
						label="Benefit amount"
						errors={fields.benefitAmount.errors}
						inputProps={number('benefitAmount')}
					/>
					<Field
						label="Benefit currency"
						hint="e.g. USD"
						errors={fields.benefitCurrency.errors}
						inputProps={{ ...text('benefitCurrency'), maxLength: 3 }}
					/>
				</div>
				<Field
					label="Benefit in words"
					hint="When it is not an amount, or to say more: “$150 per installation, minimum 5 seats”."
					errors={fields.benefitText.errors}
					inputProps={text('benefitText')}
				/>
				<div className="grid gap-4 sm:grid-cols-3">
					<Field label="Fee" errors={fields.feeAmount.errors} inputProps={number('feeAmount')} />
					<Field
						label="Fee currency"
						errors={fields.feeCurrency.errors}
						inputProps={{ ...text('feeCurrency'), maxLength: 3 }}
					/>
					<Field label="Hours it takes" errors={fields.hours.errors} inputProps={number('hours')} />
				</div>
				<TextareaField
					label="Requirements"
					errors={fields.requirements.errors}
					textareaProps={getTextareaProps(fields.requirements)}
				/>
				<TextareaField
					label="Eligibility"
					errors={fields.eligibility.errors}
					textareaProps={getTextareaProps(fields.eligibility)}
				/>
				<label className="flex items-center gap-2 text-sm text-slate-800">
					<input
						{...getInputProps(fields.capacityLimited, { type: 'checkbox' })}
						className="size-4"
					/>
					<span>Places are limited</span>
				</label>
			</Card>
			<Card className="space-y-4">
				<h2 className="font-semibold text-slate-900">Dates</h2>
				<div className="grid gap-4 sm:grid-cols-2">
					<Field
						label="Enrollment opens"
						errors={fields.enrollOpensOn.errors}
						inputProps={day('enrollOpensOn')}
					/>
					<Field
						label="Enrollment closes"
						errors={fields.enrollClosesOn.errors}
						inputProps={day('enrollClosesOn')}
					/>
					<Field
						label="Claim window opens"
						errors={fields.claimOpensOn.errors}
						inputProps={day('claimOpensOn')}
					/>
					<Field
						label="Claim window closes"
						errors={fields.claimClosesOn.errors}
						inputProps={day('claimClosesOn')}
					/>
					<Field
						label="Proof of performance due"
						errors={fields.proofDueOn.errors}
						inputProps={day('proofDueOn')}
					/>
				</div>
			</Card>
		</>
	)
}
