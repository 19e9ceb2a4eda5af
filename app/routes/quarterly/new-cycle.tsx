import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/new-cycle.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { CycleSettingsFields } from '#app/components/quarterly/cycle-settings-fields.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { createCycle } from '#app/modules/quarterly/cycles.server.ts'
import { DAY_MS } from '#app/modules/quarterly/days.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { QuarterlyError } from '#app/modules/quarterly/quarterly-error.ts'
import { formatQuarter, nextQuarter, quarterOf } from '#app/modules/quarterly/quarters.ts'
import { CycleSettingsSchema } from '#app/modules/quarterly/schemas.ts'
import { hasTemplate } from '#app/modules/quarterly/templates.server.ts'
import { db } from '#app/utils/db.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireGroupModerator } from '#app/utils/permissions.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { refuse } from './form-reply.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle('New review cycle', data?.group.name ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group } = await requireGroupModerator(request, params.slug)
	const now = new Date()
	// This quarter, unless the group has its cycle already: then the next one.
	const current = formatQuarter(quarterOf(now))
	const exists = await db.reviewCycle.count({ where: { groupId: group.id, quarter: current } })
	return {
		group: { slug: group.slug, name: group.name },
		usesTemplate: await hasTemplate(group.id),
		defaults: {
			quarter: exists ? formatQuarter(nextQuarter(quarterOf(now))) : current,
			opensOn: isoDay(now),
			dueOn: isoDay(new Date(now.getTime() + 14 * DAY_MS)),
			visibility: 'group',
		},
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, group } = await requireGroupModerator(request, params.slug)
	const submission = parseWithZod(await request.formData(), { schema: CycleSettingsSchema })
	if (submission.status !== 'success') return refuse('create', submission, CycleSettingsSchema)
	try {
		const cycle = await createCycle(group.id, user.id, submission.value)
		return redirectWithToast(`/g/${group.slug}/reviews/${cycle.id}/edit`, {
			title: `${submission.value.quarter} cycle created`,
			description: 'It is a draft: review its questions, then open it or let it open on its date.',
		})
	} catch (error) {
		if (error instanceof QuarterlyError) return refuse('create', submission, CycleSettingsSchema, error)
		throw error
	}
}

export default function NewCycle({ loaderData, actionData }: Route.ComponentProps) {
	const { group } = loaderData
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'new-cycle',
		lastResult: actionData?.result,
		constraint: getZodConstraint(CycleSettingsSchema),
		defaultValue: loaderData.defaults,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleSettingsSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<p className="text-sm">
				<Link to={`/g/${group.slug}/reviews`}>← Quarterly reviews</Link>
			</p>
			<PageHeader
				title="New review cycle"
				description={
					loaderData.usesTemplate
						? 'It asks your group’s saved questions; you can change them before it opens.'
						: 'It asks the default questions (key numbers, wins, lessons, blocker, ask); you can change them before it opens.'
				}
			/>
			<Form method="post" className="space-y-6" {...getFormProps(form)}>
				<FormErrors errors={form.errors} />
				<Card>
					<CycleSettingsFields fields={fields} />
				</Card>
				<div className="flex items-center gap-3">
					<Button disabled={navigation.state === 'submitting'}>Create draft cycle</Button>
					<Link to={`/g/${group.slug}/reviews`} className="text-sm">
						Cancel
					</Link>
				</div>
			</Form>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
