import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { cn } from '#app/utils/misc.ts'

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const shown = errors?.filter(Boolean)
	if (!shown?.length) return null
	return (
		<ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
			{shown.map((error) => (
				<li key={error}>{error}</li>
			))}
		</ul>
	)
}

const inputClasses =
	'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid]:border-red-500'

type FieldProps = {
	label: string
	hint?: ReactNode
	errors?: string[] | null
	className?: string
}

export function Field({
	label,
	hint,
	errors,
	className,
	inputProps,
}: FieldProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
	const fallbackId = useId()
	// Conform hands a `key` along with the props; React wants it set directly, not spread.
	const { key, ...props } = inputProps as InputHTMLAttributes<HTMLInputElement> & { key?: string }
	const id = props.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	const hintId = hint ? `${id}-hint` : undefined
	return (
		<div className={cn('space-y-1', className)}>
			<label htmlFor={id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<input
				key={key}
				{...props}
				id={id}
				aria-invalid={errorId ? true : undefined}
				aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
				className={cn(inputClasses, props.className)}
			/>
			{hint ? (
				<p id={hintId} className="text-xs text-slate-500">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function TextareaField({
	label,
	hint,
	errors,
	className,
	textareaProps,
}: FieldProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
	const fallbackId = useId()
	const { key, ...props } = textareaProps as TextareaHTMLAttributes<HTMLTextAreaElement> & { key?: string }
	const id = props.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	const hintId = hint ? `${id}-hint` : undefined
	return (
		<div className={cn('space-y-1', className)}>
			<label htmlFor={id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<textarea
				key={key}
				{...props}
				id={id}
				aria-invalid={errorId ? true : undefined}
				aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
				className={cn(inputClasses, 'min-h-24', props.className)}
			/>
			{hint ? (
				<p id={hintId} className="text-xs text-slate-500">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
	if (!errors?.filter(Boolean).length) return null
	return (
		<div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
			<ErrorList errors={errors} />
		</div>
	)
}

export function SelectField({
	label,
	hint,
	errors,
	className,
	selectProps,
	options,
}: FieldProps & {
	selectProps: SelectHTMLAttributes<HTMLSelectElement>
	options: ReadonlyArray<{ value: string; label: string }>
}) {
	const fallbackId = useId()
	const { key, ...props } = selectProps as SelectHTMLAttributes<HTMLSelectElement> & { key?: string }
	const id = props.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	const hintId = hint ? `${id}-hint` : undefined
	return (
		<div className={cn('space-y-1', className)}>
			<label htmlFor={id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<select
				key={key}
				{...props}
				id={id}
				aria-invalid={errorId ? true : undefined}
				aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
				className={cn(inputClasses, props.className)}
			>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
			{hint ? (
				<p id={hintId} className="text-xs text-slate-500">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}
