import {
	getFormProps,
	getInputProps,
	getTextareaProps,
	useForm,
	type FieldMetadata,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from 'react-router'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { StarIcons } from '#app/components/vendors/program-bits.tsx'
import { ASPECT_LABELS, ASPECTS, VENDOR_LIMITS } from '#app/modules/vendors/constants.ts'
import { ratingSchema, type RatingInput } from '#app/modules/vendors/schemas.ts'
import { cn } from '#app/utils/misc.ts'

// The rating form: the overall stars and the four aspects as radio groups (arrow keys move
// between stars, as in any radio group), the outcomes, and who sees it and how it is signed.
// A plain form: it works without JavaScript; with it, mistakes show as the member types.

export type RatingDefaults = { [K in keyof RatingInput]?: string }

const choice =
	'flex cursor-pointer items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600'

/**
 * Conform's props for one radio of `field`, without the `pattern` the schema's constraint gives
 * an enum: HTML allows `pattern` on text fields only, and a radio's choices are its values.
 */
function radioProps(field: FieldMetadata<number | string | undefined, RatingInput>, value: string) {
	const { pattern: _pattern, ...props } = getInputProps(field, { type: 'radio', value })
	return props
}

function StarChoice({
	field,
	legend,
	optional,
}: {
	field: FieldMetadata<number | undefined, RatingInput>
	legend: string
	optional?: boolean
}) {
	const errorId = field.errors?.length ? `${field.id}-error` : undefined
	return (
		<fieldset aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
			<legend className="text-sm font-medium text-slate-800">
				{legend}
				{optional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
			</legend>
			<div className="mt-1.5 flex flex-wrap gap-2">
				{[1, 2, 3, 4, 5].map((stars) => (
					<label key={stars} className={choice}>
						<input
							{...radioProps(field, String(stars))}
							id={`${field.id}-${stars}`}
							className="sr-only"
						/>
						<StarIcons filled={stars} />
						<span className="sr-only">{stars === 1 ? '1 star' : `${stars} stars`}</span>
					</label>
				))}
				{optional ? (
					<label className={choice}>
						<input {...radioProps(field, '')} id={`${field.id}-none`} className="sr-only" />
						<span className="text-slate-600">No answer</span>
					</label>
				) : null}
			</div>
			<ErrorList id={errorId} errors={field.errors} />
		</fieldset>
	)
}

function Choice({
	field,
	legend,
	options,
}: {
	field: FieldMetadata<string | undefined, RatingInput>
	legend: string
	options: { value: string; label: string }[]
}) {
	const errorId = field.errors?.length ? `${field.id}-error` : undefined
	return (
		<fieldset aria-describedby={errorId}>
			<legend className="text-sm font-medium text-slate-800">{legend}</legend>
			<div className="mt-1.5 flex flex-wrap gap-2">
				{options.map((option) => (
					<label key={option.value} className={choice}>
						<input
							{...radioProps(field, option.value)}
							id={`${field.id}-${option.value}`}
							className="sr-only"
						/>
						{option.label}
					</label>
				))}
			</div>
			<ErrorList id={errorId} errors={field.errors} />
		</fieldset>
	)
}

export function RatingForm({
	action,
	lastResult,
	defaults,
	groups,
	editing,
}: {
	action: string
	lastResult: SubmissionResult<string[]> | undefined
	defaults: RatingDefaults
	groups: { id: string; name: string }[]
	editing: boolean
}) {
	const navigation = useNavigation()
	const schema = ratingSchema()
	const [form, fields] = useForm<RatingInput>({
		id: 'rating',
		lastResult,
		constraint: getZodConstraint(schema),
		defaultValue: defaults,
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const thisYear = new Date().getUTCFullYear()
	return (
		<Form method="post" action={action} className="space-y-6" {...getFormProps(form)}>
			<FormErrors errors={form.errors} />
			<section className="space-y-4" aria-labelledby="rating-scores">
				<h2 id="rating-scores" className="text-lg font-semibold text-slate-900">
					Your rating
				</h2>
				<StarChoice field={fields.overall} legend="Overall" />
				{ASPECTS.map((aspect) => (
					<StarChoice key={aspect} field={fields[aspect]} legend={ASPECT_LABELS[aspect]} optional />
				))}
				<Choice
					field={fields.wouldRecommend}
					legend="Would you recommend it to a peer?"
					options={[
						{ value: 'yes', label: 'Yes' },
						{ value: 'no', label: 'No' },
					]}
				/>
				<Field
					label="Year you took part (optional)"
					errors={fields.yearTookPart.errors}
					className="max-w-48"
					inputProps={{
						...getInputProps(fields.yearTookPart, { type: 'number' }),
						min: 2000,
						max: thisYear,
					}}
				/>
			</section>
			<section className="space-y-4" aria-labelledby="rating-words">
				<h2 id="rating-words" className="text-lg font-semibold text-slate-900">
					In your words <span className="text-sm font-normal text-slate-500">(optional)</span>
				</h2>
				<TextareaField
					label="Review"
					hint={`Up to ${VENDOR_LIMITS.reviewMax.toLocaleString('en-US')} characters.`}
					errors={fields.review.errors}
					textareaProps={getTextareaProps(fields.review)}
				/>
				<div className="grid gap-4 sm:grid-cols-2">
					<TextareaField
						label="Pros"
						errors={fields.pros.errors}
						textareaProps={getTextareaProps(fields.pros)}
					/>
					<TextareaField
						label="Cons"
						errors={fields.cons.errors}
						textareaProps={getTextareaProps(fields.cons)}
					/>
				</div>
			</section>
			<section className="space-y-4" aria-labelledby="rating-outcome">
				<h2 id="rating-outcome" className="text-lg font-semibold text-slate-900">
					Outcome{' '}
					<span className="text-sm font-normal text-slate-500">
						(optional, what peers ask most)
					</span>
				</h2>
				<div className="grid gap-4 sm:grid-cols-2">
					<Field
						label="Amount claimed"
						hint="In the program’s currency."
						errors={fields.amountClaimed.errors}
						inputProps={{
							...getInputProps(fields.amountClaimed, { type: 'number' }),
							step: 'any',
							min: 0,
						}}
					/>
					<Field
						label="Amount paid"
						errors={fields.amountPaid.errors}
						inputProps={{
							...getInputProps(fields.amountPaid, { type: 'number' }),
							step: 'any',
							min: 0,
						}}
					/>
					<Field
						label="Days from claim to payout"
						errors={fields.daysToPayout.errors}
						inputProps={{
							...getInputProps(fields.daysToPayout, { type: 'number' }),
							min: 0,
							step: 1,
						}}
					/>
					<Field
						label="Hours it took you"
						errors={fields.hoursSpent.errors}
						inputProps={{
							...getInputProps(fields.hoursSpent, { type: 'number' }),
							step: 'any',
							min: 0,
						}}
					/>
				</div>
				<label className="flex items-center gap-2 text-sm text-slate-800">
					<input {...getInputProps(fields.rejected, { type: 'checkbox' })} />
					My claim was rejected
				</label>
				<ErrorList errors={fields.rejected.errors} />
				<TextareaField
					label="Why it was rejected"
					errors={fields.rejectionReason.errors}
					textareaProps={{ ...getTextareaProps(fields.rejectionReason), className: 'min-h-16' }}
				/>
			</section>
			<section className="space-y-4" aria-labelledby="rating-sharing">
				<h2 id="rating-sharing" className="text-lg font-semibold text-slate-900">
					Sharing
				</h2>
				<Choice
					field={fields.visibility}
					legend="Who sees it"
					options={[
						{ value: 'community', label: 'The whole community' },
						{ value: 'group', label: 'My group only' },
					]}
				/>
				<Choice
					field={fields.shownAs}
					legend="Signed as"
					options={[
						{ value: 'name', label: 'My name and company' },
						{ value: 'group', label: 'A member of my group' },
					]}
				/>
				{groups.length > 1 ? (
					<Choice
						field={fields.groupId}
						legend="Which group"
						options={groups.map((group) => ({ value: group.id, label: group.name }))}
					/>
				) : groups[0] ? (
					<input type="hidden" name={fields.groupId.name} value={groups[0].id} />
				) : null}
			</section>
			<div className={cn('flex items-center gap-3')}>
				<Button disabled={navigation.state === 'submitting'}>
					{editing ? 'Save changes' : 'Save rating'}
				</Button>
			</div>
		</Form>
	)
}
