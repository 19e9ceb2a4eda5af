import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/propose.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { ProgramFields } from '#app/components/vendors/program-fields.tsx'
import { vendorNames } from '#app/modules/vendors/curation.server.ts'
import { proposeProgram } from '#app/modules/vendors/programs.server.ts'
import { ProgramSchema } from '#app/modules/vendors/schemas.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { requireCatalogueViewer } from './curation-guards.server.ts'

export const meta: Route.MetaFunction = () => [
	{ title: pageTitle('Propose a program', 'Vendor programs') },
]

export async function loader({ request }: Route.LoaderArgs) {
	const { cv } = await requireCatalogueViewer(request)
	return { vendors: await vendorNames(), canCurate: cv.canCurate }
}

/** Saves the proposal, or gives the form back with every mistake and everything typed. */
export async function action({ request }: Route.ActionArgs) {
	const { user } = await requireCatalogueViewer(request)
	const submission = parseWithZod(await request.formData(), { schema: ProgramSchema })
	if (submission.status !== 'success')
		return data({ result: replyWithin(submission, ProgramSchema) }, { status: 400 })
	try {
		const proposed = await proposeProgram(user, submission.value)
		if (!proposed) throw notFound()
		return redirectWithToast(`/programs/${proposed.id}`, {
			title: 'Program proposed',
			description: 'Only you and the catalogue’s curators see it until a curator approves it.',
		})
	} catch (error) {
		if (!(error instanceof VendorError)) throw error
		const options = error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		return data({ result: replyWithin(submission, ProgramSchema, options) }, { status: 400 })
	}
}

export default function ProposeProgram({ loaderData, actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'propose-program',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ProgramSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgramSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to="/programs">← Vendor programs</Link>
			</p>
			<PageHeader
				title="Propose a program"
				description={
					loaderData.canCurate
						? 'Add a vendor program to the catalogue. As a curator you can approve it from the proposals once it is saved.'
						: 'Add a vendor program peers should know about. Only you and the catalogue’s curators see it until a curator approves it.'
				}
			/>
			<Form method="post" className="space-y-6" {...getFormProps(form)}>
				<FormErrors errors={form.errors} />
				<ProgramFields fields={fields} vendors={loaderData.vendors} />
				<Card className="flex items-center gap-3">
					<Button disabled={navigation.state === 'submitting'}>Propose program</Button>
					<Link to="/programs/proposals" className="text-sm">
						Your proposals
					</Link>
				</Card>
			</Form>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
