import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/agreement.ts'
import { GroupNav, groupAreas } from '#app/components/group-nav.tsx'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import { DateTime, RelativeTime } from '#app/components/time.tsx'
import {
	acceptAgreement,
	agreementOverview,
	currentAgreement,
	findAgreementMembership,
	publishAgreementVersion,
} from '#app/modules/groups/agreement.server.ts'
import {
	AcceptAgreementSchema,
	AGREEMENT_MAX_LENGTH,
	PublishAgreementSchema,
} from '#app/modules/groups/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle('Confidentiality agreement', data?.group.name ?? 'Group') },
]

/**
 * The group's confidentiality agreement: the one group page open to a member who has not accepted
 * its current version (every other one sends them here). Moderators who have accepted also publish
 * new versions and see who has not accepted yet.
 */
async function requireAgreementMember(request: Request, slug: string | undefined) {
	const user = await requireUser(request)
	const found = slug ? await findAgreementMembership(user.id, slug) : null
	if (!found) throw notFound()
	const manages = found.membership.role === 'moderator' && !found.membership.agreementPending
	return { user, ...found, manages }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group, membership, manages } = await requireAgreementMember(request, params.slug)
	const [current, overview] = await Promise.all([
		currentAgreement(group.id),
		manages ? agreementOverview(group.id) : null,
	])
	return {
		group: { slug: group.slug, name: group.name },
		pending: membership.agreementPending,
		manages,
		current: current
			? {
					id: current.id,
					version: current.version,
					format: current.format,
					text: current.text,
					html: current.html,
					createdAt: current.createdAt,
					createdBy: current.createdBy.name,
				}
			: null,
		overview,
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, group, membership, manages } = await requireAgreementMember(request, params.slug)
	const formData = await request.formData()
	const here = `/g/${group.slug}/agreement`
	if (formData.get('intent') === 'accept') {
		const parsed = AcceptAgreementSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success)
			return data({ result: null, error: 'That request was not understood.' }, { status: 400 })
		const outcome = await acceptAgreement(user.id, group.id, parsed.data.versionId)
		if (outcome === 'stale') {
			return redirectWithToast(here, {
				type: 'info',
				title: 'The agreement has changed since you opened it: please read the current version',
			})
		}
		return redirectWithToast(`/g/${group.slug}`, {
			title:
				outcome === 'accepted'
					? `Agreement accepted: welcome to ${group.name}`
					: 'You had already accepted this version',
		})
	}
	invariantResponse(membership.role === 'moderator', 'Only the group’s moderators can do this', {
		status: 403,
	})
	invariantResponse(manages, 'Accept the current agreement before changing it', { status: 403 })
	const submission = parseWithZod(formData, { schema: PublishAgreementSchema })
	if (submission.status !== 'success') {
		return data(
			{ result: replyWithin(submission, PublishAgreementSchema), error: null },
			{ status: 400 },
		)
	}
	const outcome = await publishAgreementVersion({
		groupId: group.id,
		actor: { id: user.id, name: user.name },
		text: submission.value.text,
		format: submission.value.format,
	})
	if (!outcome.ok) {
		return data(
			{
				result: replyWithin(submission, PublishAgreementSchema, { formErrors: [outcome.error] }),
				error: null,
			},
			{ status: 400 },
		)
	}
	// Everyone else now has to accept again: their open pages leave the group's rooms at once.
	await Promise.all(
		outcome.pendingUserIds.map((userId) => context.realtime.accessChanged({ userId })),
	)
	return redirectWithToast(here, {
		title: `Version ${outcome.version} published: every other member accepts it before seeing the group again`,
	})
}

export default function Agreement({ loaderData, actionData }: Route.ComponentProps) {
	const { group, pending, manages, current, overview } = loaderData
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'publish-agreement',
		lastResult: actionData?.result,
		constraint: getZodConstraint(PublishAgreementSchema),
		defaultValue: { text: current?.text ?? '', format: current?.format ?? 'markdown' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishAgreementSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<main>
			<PageHeader
				title={group.name}
				description={
					pending
						? 'Before you see anything of the group, read and accept its confidentiality agreement.'
						: undefined
				}
			/>
			{pending ? null : <GroupNav areas={groupAreas(group.slug, { isModerator: manages })} />}
			{actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
			<div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
				<div className="space-y-6">
					<Card>
						<h2 className="font-semibold">Confidentiality agreement</h2>
						{current ? (
							<>
								<p className="mt-1 text-sm text-slate-600">
									Version {current.version}, published by {current.createdBy}{' '}
									<RelativeTime date={current.createdAt} />
								</p>
								<div
									className="prose-post mt-4"
									dangerouslySetInnerHTML={{ __html: current.html }}
								/>
								{pending ? (
									<Form
										method="post"
										className="mt-6 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4"
									>
										<input type="hidden" name="intent" value="accept" />
										<input type="hidden" name="versionId" value={current.id} />
										<Button disabled={navigation.state === 'submitting'}>
											I accept this agreement
										</Button>
										<p className="text-sm text-slate-600">
											Not ready? <Link to="/">Go back home</Link>; the group waits until you accept.
										</p>
									</Form>
								) : (
									<p className="mt-6 border-t border-slate-100 pt-4 text-sm text-emerald-800">
										You have accepted this version.
									</p>
								)}
							</>
						) : (
							<div className="mt-4">
								<EmptyState title="No agreement yet">
									{manages
										? 'Write the group’s confidentiality agreement: every member will accept it before seeing the group.'
										: 'The group’s moderators have not written a confidentiality agreement.'}
								</EmptyState>
							</div>
						)}
					</Card>
					{manages ? (
						<Card>
							<h2 className="font-semibold">
								{current ? 'Publish a new version' : 'Publish the agreement'}
							</h2>
							<p className="mt-1 text-sm text-slate-600">
								Publishing asks every other member to accept it again; until they do, they see only
								the agreement. You accept it by publishing.
							</p>
							<Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
								<input type="hidden" name="intent" value="publish" />
								<FormErrors errors={form.errors} />
								<TextareaField
									label="Text"
									hint={`Up to ${AGREEMENT_MAX_LENGTH.toLocaleString('en')} characters.`}
									errors={fields.text.errors}
									textareaProps={{ ...getTextareaProps(fields.text), rows: 12 }}
								/>
								<fieldset>
									<legend className="text-sm font-medium text-slate-800">Format</legend>
									<div className="mt-1 flex gap-4 text-sm">
										{(
											[
												['markdown', 'Markdown (as in forum posts)'],
												['plain', 'Plain text'],
											] as const
										).map(([value, label]) => (
											<label key={value} className="flex items-center gap-2">
												<input
													type="radio"
													name={fields.format.name}
													value={value}
													defaultChecked={(fields.format.initialValue ?? 'markdown') === value}
												/>
												{label}
											</label>
										))}
									</div>
									<ErrorList errors={fields.format.errors} />
								</fieldset>
								<Button disabled={navigation.state === 'submitting'}>
									Publish version {(current?.version ?? 0) + 1}
								</Button>
							</Form>
						</Card>
					) : null}
				</div>
				{overview ? (
					<div className="space-y-6">
						<Card className="p-0">
							<h2 className="border-b border-slate-100 px-5 py-3 font-semibold">
								Not accepted yet{' '}
								<span className="font-normal text-slate-500">({overview.pending.length})</span>
							</h2>
							{overview.pending.length === 0 ? (
								<p className="px-5 py-3 text-sm text-slate-600">
									{current
										? 'Every member has accepted the current version.'
										: 'Nothing to accept until you publish.'}
								</p>
							) : (
								<ul className="divide-y divide-slate-100" data-testid="agreement-pending">
									{overview.pending.map((member) => (
										<li key={member.userId} className="px-5 py-3 text-sm">
											<p className="font-medium">
												{member.name}
												{member.role === 'moderator' ? (
													<span className="ml-1 text-slate-500">(moderator)</span>
												) : null}
											</p>
											<p className="text-slate-600">
												{member.lastAccepted ? (
													<>
														Accepted version {member.lastAccepted.version}{' '}
														<RelativeTime date={member.lastAccepted.at} />
													</>
												) : (
													<>
														Never accepted; joined{' '}
														<DateTime date={member.joinedAt} pattern="d MMM yyyy" />
													</>
												)}
											</p>
										</li>
									))}
								</ul>
							)}
						</Card>
						<Card className="p-0">
							<h2 className="border-b border-slate-100 px-5 py-3 font-semibold">Versions</h2>
							{overview.versions.length === 0 ? (
								<p className="px-5 py-3 text-sm text-slate-600">None published yet.</p>
							) : (
								<ol className="divide-y divide-slate-100">
									{overview.versions.map((version) => (
										<li key={version.id} className="px-5 py-3 text-sm">
											<p className="font-medium">
												Version {version.version}
												{version.id === current?.id ? (
													<span className="ml-1 text-emerald-700">(current)</span>
												) : null}
											</p>
											<p className="text-slate-600">
												{version.createdBy}, <DateTime date={version.createdAt} /> ·{' '}
												{version.format === 'plain' ? 'plain text' : 'markdown'} ·{' '}
												{version.acceptances}{' '}
												{version.acceptances === 1 ? 'acceptance' : 'acceptances'}
											</p>
										</li>
									))}
								</ol>
							)}
						</Card>
					</div>
				) : null}
			</div>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
