import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, useNavigation } from 'react-router'
import type { Route } from './+types/invitations.ts'
import { GroupNav, groupAreas } from '#app/components/group-nav.tsx'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { CopyButton } from '#app/components/ui/copy-button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'
import { DateTime, RelativeTime } from '#app/components/time.tsx'
import { createInvitation, listInvitations, revokeInvitation } from '#app/modules/groups/invitations.server.ts'
import { requireGroupModerator } from '#app/utils/permissions.server.ts'
import { CreateInvitationSchema, INVITATION_EXPIRY_DAYS, INVITATION_NOTE_LIMIT } from '#app/modules/groups/schemas.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle('Invitations', data?.group.name ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group } = await requireGroupModerator(request, params.slug)
	const invitations = await listInvitations(group.id)
	return { group: { id: group.id, slug: group.slug, name: group.name }, invitations }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, group } = await requireGroupModerator(request, params.slug)
	const formData = await request.formData()
	if (formData.get('intent') === 'revoke') {
		const id = String(formData.get('invitationId') ?? '')
		const revoked = await revokeInvitation(group.id, id, user)
		return redirectWithToast(`/g/${group.slug}/invitations`, revoked ? { title: 'Link revoked: it no longer works' } : { type: 'info', title: 'That link was already revoked' })
	}
	const submission = parseWithZod(formData, { schema: CreateInvitationSchema })
	if (submission.status !== 'success') return data({ result: replyWithin(submission, CreateInvitationSchema), link: null }, { status: 400 })
	const { token } = await createInvitation({ groupId: group.id, createdById: user.id, ...submission.value })
	const link = `${new URL(request.url).origin}/invite/${token}`
	return { result: replyWithin(submission, CreateInvitationSchema, { resetForm: true }), link }
}

const statusLabel = {
	active: 'Active',
	expired: 'Expired',
	used: 'Used',
	revoked: 'Revoked',
} as const

export default function Invitations({ loaderData, actionData }: Route.ComponentProps) {
	const navigation = useNavigation()
	const { group, invitations } = loaderData
	const [form, fields] = useForm({
		id: 'create-invitation',
		lastResult: actionData?.result,
		constraint: getZodConstraint(CreateInvitationSchema),
		defaultValue: { expiresInDays: '7' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateInvitationSchema }),
	})
	return (
		<main>
			<PageHeader title={group.name} />
			<GroupNav areas={groupAreas(group.slug, { isModerator: true })} />
			<div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
				<Card>
					<h2 className="font-semibold">New invitation link</h2>
					<p className="mt-1 text-sm text-slate-600">
						Anyone signed in who opens the link joins {group.name}. Send it only to the person you mean.
					</p>
					<Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
						<div>
							<label htmlFor="invitation-note" className="block text-sm font-medium">
								For <span className="font-normal text-slate-500">(optional)</span>
							</label>
							<input
								id="invitation-note"
								type="text"
								name={fields.note.name}
								maxLength={INVITATION_NOTE_LIMIT}
								placeholder="e.g. Dana Reyes, Northwind IT"
								aria-invalid={fields.note.errors ? true : undefined}
								aria-describedby={fields.note.errors ? 'invitation-note-errors' : undefined}
								className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
							/>
							<ErrorList id="invitation-note-errors" errors={fields.note.errors} />
						</div>
						<div>
							<label htmlFor="expiresInDays" className="block text-sm font-medium">
								Expires after
							</label>
							<select
								id="expiresInDays"
								name={fields.expiresInDays.name}
								defaultValue={String(fields.expiresInDays.initialValue ?? '7')}
								className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
							>
								{INVITATION_EXPIRY_DAYS.map((days) => (
									<option key={days} value={days}>
										{days === 1 ? '1 day' : `${days} days`}
									</option>
								))}
							</select>
							<ErrorList errors={fields.expiresInDays.errors} />
						</div>
						<label className="flex items-center gap-2 text-sm">
							<input type="checkbox" name={fields.singleUse.name} defaultChecked className="h-4 w-4 rounded border-slate-300" />
							Single use: the link stops working once someone joins with it
						</label>
						<Button name="intent" value="create" disabled={navigation.state === 'submitting'}>
							Create link
						</Button>
					</Form>
					{actionData?.link ? (
						<div role="status" className="mt-5 rounded-md border border-emerald-200 bg-emerald-50 p-3">
							<p className="text-sm font-medium text-emerald-900">Your link (shown only once: copy it now)</p>
							<label htmlFor="invitation-link" className="sr-only">
								Invitation link
							</label>
							<div className="mt-2 flex items-center gap-2">
								<input
									id="invitation-link"
									type="text"
									readOnly
									value={actionData.link}
									onFocus={(event) => event.currentTarget.select()}
									className="block w-full min-w-0 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
								/>
								<CopyButton text={actionData.link} label="Copy link" />
							</div>
						</div>
					) : null}
				</Card>
				<Card className="p-0">
					<h2 className="border-b border-slate-100 px-5 py-3 font-semibold">Links</h2>
					{invitations.length === 0 ? (
						<div className="p-5">
							<EmptyState title="No invitation links yet">Create one to invite your first members.</EmptyState>
						</div>
					) : (
						<ul className="divide-y divide-slate-100">
							{invitations.map((invitation) => (
								<li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
									<div>
										{invitation.note ? <p className="font-medium">For {invitation.note}</p> : null}
										<p className={invitation.note ? 'text-slate-700' : 'font-medium'}>
											{statusLabel[invitation.status]} · {invitation.singleUse ? 'single use' : 'multiple uses'} ·{' '}
											{invitation.useCount} joined
										</p>
										<p className="text-slate-600">
											Created by {invitation.createdBy.name} <RelativeTime date={invitation.createdAt} /> · expires{' '}
											<DateTime date={invitation.expiresAt} />
										</p>
									</div>
									{invitation.status === 'active' ? (
										<Form method="post">
											<input type="hidden" name="intent" value="revoke" />
											<input type="hidden" name="invitationId" value={invitation.id} />
											<Button variant="danger" size="sm">
												Revoke
											</Button>
										</Form>
									) : null}
								</li>
							))}
						</ul>
					)}
				</Card>
			</div>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
