import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/merge.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, FormErrors, SelectField } from '#app/components/ui/field.tsx'
import { mergeTargets, programForEdit } from '#app/modules/vendors/curation.server.ts'
import { mergeProgram } from '#app/modules/vendors/programs.server.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { requireCurator } from './curation-guards.server.ts'

const MergeSchema = z.object({
	intoId: z
		.string({ error: 'Choose the program to merge into' })
		.trim()
		.min(1, 'Choose the program to merge into')
		.max(100),
	confirm: z
		.boolean({ error: 'Confirm that the ratings and followers move' })
		.refine((v) => v, 'Confirm that the ratings and followers move'),
})

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Merge ${data.program.title}` : 'Merge program', 'Vendor programs') },
]

async function load(request: Request, programId: string) {
	const found = await requireCurator(request, programId)
	const program = await programForEdit(found.access.programId)
	if (!program) throw notFound()
	return { ...found, program }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { access, program } = await load(request, params.programId)
	const q = new URL(request.url).searchParams.get('q') ?? ''
	return {
		program: { id: program.id, title: program.title },
		q,
		targets: await mergeTargets(access.viewer, program.id, q),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, program } = await load(request, params.programId)
	const submission = parseWithZod(await request.formData(), { schema: MergeSchema })
	if (submission.status !== 'success')
		return data({ result: replyWithin(submission, MergeSchema) }, { status: 400 })
	try {
		const merged = await mergeProgram(
			user,
			{ fromId: program.id, intoId: submission.value.intoId },
			context.realtime,
		)
		if (merged === null) {
			return data(
				{
					result: replyWithin(submission, MergeSchema, {
						fieldErrors: { intoId: ['Choose one of the approved programs listed'] },
					}),
				},
				{ status: 400 },
			)
		}
		return redirectWithToast(`/programs/${submission.value.intoId}`, {
			title: 'Programs merged',
			description: `${program.title} now leads here, with its ratings and followers.`,
		})
	} catch (error) {
		if (!(error instanceof VendorError)) throw error
		const options = error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		return data({ result: replyWithin(submission, MergeSchema, options) }, { status: 400 })
	}
}

export default function MergeProgram({ loaderData, actionData }: Route.ComponentProps) {
	const { program, targets, q } = loaderData
	const busy = useNavigation().state === 'submitting'
	const [form, fields] = useForm({
		id: `merge-${program.id}`,
		lastResult: actionData?.result,
		constraint: getZodConstraint(MergeSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: MergeSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={`/programs/${program.id}`}>← {program.title}</Link>
			</p>
			<PageHeader
				title={`Merge ${program.title}`}
				description="A duplicate goes into the program it repeats: its ratings and followers move there (a member who rated both keeps the rating they changed last), and its address leads there."
			/>
			<Card>
				<Form method="get" className="flex flex-wrap items-end gap-2">
					<label className="min-w-0 flex-1 space-y-1">
						<span className="block text-sm font-medium text-slate-800">Find the program</span>
						<input
							type="search"
							name="q"
							defaultValue={q}
							placeholder="Vendor or program name"
							className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
						/>
					</label>
					<Button variant="secondary">Search</Button>
				</Form>
			</Card>
			{targets.length === 0 ? (
				<EmptyState
					title={
						q ? `No approved program matches “${q}”` : 'No other approved program to merge into'
					}
				>
					{q ? (
						<Link to={`/programs/${program.id}/merge`}>Show every approved program</Link>
					) : (
						<Link to="/programs">Back to the catalogue</Link>
					)}
				</EmptyState>
			) : (
				<Form method="post" {...getFormProps(form)}>
					<Card className="space-y-4">
						<FormErrors errors={form.errors} />
						<SelectField
							label="Merge into"
							errors={fields.intoId.errors}
							selectProps={getSelectProps(fields.intoId)}
							options={[
								{ value: '', label: 'Choose a program…' },
								...targets.map((t) => ({
									value: t.id,
									label: `${t.label} (${t.ratings} ${t.ratings === 1 ? 'rating' : 'ratings'})`,
								})),
							]}
						/>
						<div>
							<label className="flex items-start gap-2 text-sm text-slate-800">
								<input
									{...getInputProps(fields.confirm, { type: 'checkbox' })}
									className="mt-0.5 size-4"
								/>
								<span>
									I confirm: {program.title} goes into the chosen program, with its ratings and
									followers. This cannot be undone.
								</span>
							</label>
							<ErrorList errors={fields.confirm.errors} />
						</div>
						<div className="flex items-center gap-3">
							<Button variant="danger" disabled={busy}>
								Merge programs
							</Button>
							<Link to={`/programs/${program.id}`} className="text-sm">
								Cancel
							</Link>
						</div>
					</Card>
				</Form>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
