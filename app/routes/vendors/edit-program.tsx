import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/edit-program.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { ProgramFields } from '#app/components/vendors/program-fields.tsx'
import { programForEdit, vendorNames } from '#app/modules/vendors/curation.server.ts'
import { approveProgram, updateProgram } from '#app/modules/vendors/programs.server.ts'
import { ProgramSchema } from '#app/modules/vendors/schemas.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { requireProgram } from './curation-guards.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Edit ${data.program.title}` : 'Edit program', 'Vendor programs') },
]

/**
 * Curators edit any program (and approve a proposal from here); a proposal's author edits it too
 * until it is approved. Anyone else who sees the program gets 403; a proposal not theirs, 404.
 */
async function requireEditor(request: Request, programId: string) {
	const found = await requireProgram(request, programId, (id) => `/programs/${id}/edit`)
	const program = await programForEdit(found.access.programId)
	if (!program) throw notFound()
	const authorsProposal = program.state === 'proposed' && program.proposedById === found.user.id
	invariantResponse(
		found.access.canCurate || authorsProposal,
		'Only site admins and group moderators edit approved programs',
		{ status: 403 },
	)
	return { ...found, program }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { access, program } = await requireEditor(request, params.programId)
	return {
		program: { id: program.id, title: program.title, state: program.state, values: program.values },
		canCurate: access.canCurate,
		vendors: await vendorNames(),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, program } = await requireEditor(request, params.programId)
	const formData = await request.formData()
	const here = `/programs/${program.id}`
	if (formData.get('intent') === 'approve') {
		try {
			const approved = await approveProgram(user, program.id)
			if (approved === null) throw notFound()
			return redirectWithToast(here, { title: approved ? 'Program approved' : 'Already approved' })
		} catch (error) {
			if (error instanceof VendorError)
				return data({ intent: 'approve', result: undefined, error: error.message }, { status: 403 })
			throw error
		}
	}
	const submission = parseWithZod(formData, { schema: ProgramSchema })
	if (submission.status !== 'success')
		return data(
			{ intent: 'save', result: replyWithin(submission, ProgramSchema), error: null },
			{ status: 400 },
		)
	try {
		const saved = await updateProgram(user, program.id, submission.value)
		if (saved === null) throw notFound()
		return redirectWithToast(here, { title: 'Program saved' })
	} catch (error) {
		if (!(error instanceof VendorError)) throw error
		const options = error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		return data(
			{ intent: 'save', result: replyWithin(submission, ProgramSchema, options), error: null },
			{ status: 400 },
		)
	}
}

export default function EditProgram({ loaderData, actionData }: Route.ComponentProps) {
	const { program, canCurate } = loaderData
	const busy = useNavigation().state === 'submitting'
	const [form, fields] = useForm({
		id: `edit-program-${program.id}`,
		lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
		constraint: getZodConstraint(ProgramSchema),
		defaultValue: program.values,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgramSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const isProposal = program.state === 'proposed'
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={`/programs/${program.id}`}>← {program.title}</Link>
			</p>
			<PageHeader
				title={`Edit ${program.title}`}
				description={
					isProposal
						? 'A proposal: only its author and the curators see it until it is approved.'
						: 'In the catalogue: every member sees your changes.'
				}
				actions={
					canCurate && !isProposal ? (
						<Link to={`/programs/${program.id}/merge`} className={buttonClasses('secondary')}>
							Merge into another program
						</Link>
					) : null
				}
			/>
			{actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
			{canCurate && isProposal ? (
				<Card className="flex flex-wrap items-center justify-between gap-3">
					<p className="text-sm text-slate-700">
						Ready for the catalogue? Save your changes first, then approve.
					</p>
					<Form method="post">
						<input type="hidden" name="intent" value="approve" />
						<Button disabled={busy}>Approve proposal</Button>
					</Form>
				</Card>
			) : null}
			<Form method="post" className="space-y-6" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save" />
				<FormErrors errors={form.errors} />
				<ProgramFields fields={fields} vendors={loaderData.vendors} />
				<Card className="flex items-center gap-3">
					<Button disabled={busy}>Save program</Button>
					<Link to={`/programs/${program.id}`} className="text-sm">
						Cancel
					</Link>
				</Card>
			</Form>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
