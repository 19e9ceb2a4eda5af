import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/groups.ts'
import { Card, EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, TextareaField } from '#app/components/ui/field.tsx'
import { requireSiteAdmin } from '#app/utils/auth.server.ts'
import { createGroup, groupNameTaken, listAllGroups } from '#app/modules/groups/groups.server.ts'
import { CreateGroupSchema } from '#app/modules/groups/schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Peer groups', 'Admin') }]

export async function loader({ request }: Route.LoaderArgs) {
	await requireSiteAdmin(request)
	const groups = await listAllGroups()
	return {
		groups: groups.map((group) => ({
			id: group.id,
			slug: group.slug,
			name: group.name,
			description: group.description,
			memberCount: group._count.memberships,
		})),
	}
}

export async function action({ request }: Route.ActionArgs) {
	const admin = await requireSiteAdmin(request)
	const submission = await parseWithZod(await request.formData(), {
		schema: CreateGroupSchema.superRefine(async (value, ctx) => {
			if (await groupNameTaken(value.name)) {
				ctx.addIssue({ code: 'custom', path: ['name'], message: 'A group with this name already exists' })
			}
		}),
		async: true,
	})
	if (submission.status !== 'success') return data({ result: replyWithin(submission, CreateGroupSchema) }, { status: 400 })
	const group = await createGroup({ ...submission.value, creatorId: admin.id })
	return redirectWithToast(`/g/${group.slug}`, {
		title: `${group.name} is ready`,
		description: 'You are its moderator. Create an invitation link to bring members in.',
	})
}

export default function AdminGroups({ loaderData, actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'create-group',
		lastResult: actionData?.result,
		constraint: getZodConstraint(CreateGroupSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateGroupSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<main>
			<PageHeader
				title="Peer groups"
				description="As site admin you create groups; their moderators run them."
				actions={
					<span className="flex gap-4">
						<Link to="/admin/users">Members</Link>
						<Link to="/admin/audit">Site audit log</Link>
					</span>
				}
			/>
			<div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
				<section aria-labelledby="all-groups">
					<h2 id="all-groups" className="sr-only">
						All groups
					</h2>
					{loaderData.groups.length === 0 ? (
						<EmptyState title="No peer groups yet">Create the first one with the form.</EmptyState>
					) : (
						<ul className="space-y-3">
							{loaderData.groups.map((group) => (
								<li key={group.id}>
									<Card>
										<div className="flex items-baseline justify-between gap-3">
											<h3 className="font-semibold">
												<Link to={`/g/${group.slug}/forum`} className={`text-slate-900 ${titleLinkClasses}`}>
													{group.name}
												</Link>
											</h3>
											<span className="text-sm text-slate-500">
												{group.memberCount} member{group.memberCount === 1 ? '' : 's'}
											</span>
										</div>
										{group.description ? <p className="mt-1 text-sm text-slate-600">{group.description}</p> : null}
									</Card>
								</li>
							))}
						</ul>
					)}
				</section>
				<Card>
					<h2 className="mb-4 font-semibold">Create a group</h2>
					<Form method="post" className="space-y-4" {...getFormProps(form)}>
						<Field label="Name" errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
						<TextareaField
							label="Description"
							hint="Optional. Who the group is for, when it meets."
							errors={fields.description.errors}
							textareaProps={getTextareaProps(fields.description)}
						/>
						<Button disabled={navigation.state === 'submitting'}>Create group</Button>
					</Form>
				</Card>
			</div>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
