import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/user.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { DateTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, FormErrors, TextareaField } from '#app/components/ui/field.tsx'
import {
	LiftSchema,
	startOfDayUtc,
	SUSPENSION_REASON_LIMIT,
	suspendSchema,
	SuspendSchema,
} from '#app/modules/moderation/suspension-schemas.ts'
import {
	liftSuspension,
	SuspensionError,
	suspendUser,
	userForAdmin,
} from '#app/modules/moderation/suspensions.server.ts'
import { requireSiteAdmin } from '#app/utils/auth.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data?.user.name ?? 'Member', 'Admin') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const admin = await requireSiteAdmin(request)
	const user = await userForAdmin(params.userId)
	if (!user) throw notFound()
	return { user, isSelf: user.id === admin.id }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const admin = await requireSiteAdmin(request)
	const formData = await request.formData()
	const here = `/admin/users/${params.userId}`
	const intent = String(formData.get('intent') ?? '')
	try {
		if (intent === 'lift') {
			if (!LiftSchema.safeParse({ intent }).success)
				return data({ intent, error: 'That request was not understood.' }, { status: 400 })
			const lifted = await liftSuspension(admin, params.userId)
			return redirectWithToast(
				here,
				lifted
					? { title: 'Suspension lifted', description: 'They can log in again.' }
					: { type: 'info', title: 'This account was not suspended' },
			)
		}
		const now = new Date()
		const schema = suspendSchema(now)
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success')
			return data({ intent, result: replyWithin(submission, SuspendSchema) }, { status: 400 })
		const endsAt = submission.value.until ? startOfDayUtc(submission.value.until) : null
		try {
			const { user, sessionsEnded } = await suspendUser(
				admin,
				params.userId,
				{ reason: submission.value.reason, endsAt },
				context.realtime,
				now,
			)
			return redirectWithToast(here, {
				title: `${user.name} is suspended`,
				description: sessionsEnded
					? `${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended.`
					: 'They had no open session.',
			})
		} catch (error) {
			if (error instanceof SuspensionError) {
				return data(
					{
						intent,
						result: replyWithin(submission, SuspendSchema, { formErrors: [error.message] }),
					},
					{ status: error.status },
				)
			}
			throw error
		}
	} catch (error) {
		if (error instanceof SuspensionError)
			return data({ intent, error: error.message }, { status: error.status })
		throw error
	}
}

export default function AdminUser({ loaderData, actionData }: Route.ComponentProps) {
	const { user, isSelf } = loaderData
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'suspend',
		lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
		constraint: getZodConstraint(SuspendSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: suspendSchema() }),
		shouldRevalidate: 'onBlur',
	})
	const cannotSuspend = isSelf
		? 'This is your own account: you cannot suspend yourself.'
		: user.isSiteAdmin
			? 'Site admins cannot be suspended.'
			: null
	return (
		<main>
			<PageHeader
				title={user.name}
				description={`${user.email} · ${user.company}`}
				actions={<Link to="/admin/users">All members</Link>}
			/>
			{actionData && 'error' in actionData ? (
				<p
					role="alert"
					className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
				>
					{actionData.error}
				</p>
			) : null}
			<div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
				<div className="space-y-6">
					<Card>
						<h2 className="mb-2 font-semibold">Account</h2>
						<ul className="space-y-1 text-sm text-slate-700">
							<li>
								{user.isSiteAdmin ? 'Site admin' : 'Member'} since{' '}
								<DateTime date={user.createdAt} pattern="d MMM yyyy" />
							</li>
							<li>
								{user.groups.length === 0
									? 'In no group'
									: `Groups: ${user.groups.map((g) => `${g.name}${g.role === 'moderator' ? ' (moderator)' : ''}`).join(', ')}`}
							</li>
							<li>
								{user.sessionCount === 1 ? '1 open session' : `${user.sessionCount} open sessions`}
							</li>
						</ul>
					</Card>
					<Card>
						<h2 className="mb-2 font-semibold">Suspensions</h2>
						{user.history.length === 0 ? (
							<p className="text-sm text-slate-600">This account has never been suspended.</p>
						) : (
							<ul className="divide-y divide-slate-100 text-sm">
								{user.history.map((s) => (
									<li key={s.id} className="py-2">
										<p>
											<strong>
												{s.state === 'active'
													? 'Active'
													: s.state === 'lifted'
														? 'Lifted'
														: 'Ended'}
											</strong>{' '}
											· by {s.by} on <DateTime date={s.createdAt} pattern="d MMM yyyy" />
											{s.endsAt ? `, until ${s.endsAt}` : ', until lifted'}
											{s.liftedAt ? (
												<>
													{' '}
													· lifted by {s.liftedBy} on{' '}
													<DateTime date={s.liftedAt} pattern="d MMM yyyy" />
												</>
											) : null}
										</p>
										<p className="text-slate-600">{s.reason}</p>
									</li>
								))}
							</ul>
						)}
					</Card>
				</div>
				<Card>
					{user.active ? (
						<>
							<h2 className="mb-2 font-semibold">
								Suspended{user.active.endsAt ? ` until ${user.active.endsAt}` : ' until lifted'}
							</h2>
							<p className="mb-4 text-sm text-slate-700">
								Reason shown to them: {user.active.reason}
							</p>
							<Form method="post">
								<input type="hidden" name="intent" value="lift" />
								<Button>Lift the suspension</Button>
							</Form>
						</>
					) : cannotSuspend ? (
						<>
							<h2 className="mb-2 font-semibold">Suspend</h2>
							<p className="text-sm text-slate-700">{cannotSuspend}</p>
						</>
					) : (
						<>
							<h2 className="mb-2 font-semibold">Suspend this account</h2>
							<p className="mb-4 text-sm text-slate-600">
								Their sessions end at once and they cannot log in until the end date (or until you
								lift it). What they wrote stays.
							</p>
							<Form method="post" className="space-y-4" {...getFormProps(form)}>
								<input type="hidden" name="intent" value="suspend" />
								<FormErrors errors={form.errors} />
								<TextareaField
									label="Reason"
									hint={`Shown to them when they try to log in. At most ${SUSPENSION_REASON_LIMIT} characters.`}
									errors={fields.reason.errors}
									textareaProps={getTextareaProps(fields.reason)}
								/>
								<Field
									label="Until (optional)"
									hint="The suspension ends when this day begins (UTC). Leave empty to suspend until lifted."
									errors={fields.until.errors}
									inputProps={getInputProps(fields.until, { type: 'date' })}
								/>
								<Button variant="danger" disabled={navigation.state === 'submitting'}>
									Suspend
								</Button>
							</Form>
						</>
					)}
				</Card>
			</div>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
