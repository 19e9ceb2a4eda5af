import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation, useRevalidator } from 'react-router'
import type { Route } from './+types/buddies.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { usePlanRooms } from '#app/components/realtime.tsx'
import { DateTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, FormErrors } from '#app/components/ui/field.tsx'
import {
	endPairing,
	invitableMembers,
	inviteBuddy,
	listPairs,
	respondToInvitation,
	withdrawInvitation,
} from '#app/modules/plans/buddies.server.ts'
import {
	EndPairingSchema,
	InviteBuddySchema,
	RespondSchema,
	STALE_DAYS,
} from '#app/modules/plans/buddies.ts'
import { buddyDashboard, type DashboardGoal } from '#app/modules/plans/dashboard.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import type { GoalStatus } from '#app/modules/plans/constants.ts'
import { StatusBadge } from '#app/components/plans/badges.tsx'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Buddies') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const [pairs, plans, invitable] = await Promise.all([
		listPairs(user.id),
		buddyDashboard(user, new Date()),
		invitableMembers(user.id),
	])
	return { pairs, plans, invitable }
}

export async function action({ request, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'invite') {
		const submission = parseWithZod(formData, { schema: InviteBuddySchema })
		if (submission.status !== 'success')
			return data(
				{ invite: replyWithin(submission, InviteBuddySchema), end: null },
				{ status: 400 },
			)
		const outcome = await inviteBuddy({ inviterId: user.id, inviteeId: submission.value.inviteeId })
		if (!outcome.ok) {
			const message =
				outcome.reason === 'self'
					? 'You cannot be your own buddy.'
					: 'You can invite a member of one of your groups who is not your buddy already and has no invitation open with you.'
			return data(
				{
					invite: replyWithin(submission, InviteBuddySchema, { formErrors: [message] }),
					end: null,
				},
				{ status: 400 },
			)
		}
		return redirectWithToast('/buddies', { title: 'Invitation sent' })
	}
	if (intent === 'accept' || intent === 'decline') {
		const parsed = RespondSchema.safeParse(Object.fromEntries(formData))
		const answered =
			parsed.success &&
			(await respondToInvitation({
				userId: user.id,
				pairId: parsed.data.pairId,
				accept: intent === 'accept',
			}))
		if (!answered)
			return redirectWithToast('/buddies', {
				type: 'info',
				title: 'That invitation is no longer open',
			})
		return redirectWithToast('/buddies', {
			title:
				intent === 'accept'
					? 'You are now buddies: you see each other’s plans'
					: 'Invitation declined',
		})
	}
	if (intent === 'withdraw') {
		const pairId = String(formData.get('pairId') ?? '')
		const withdrawn = await withdrawInvitation({ userId: user.id, pairId })
		return redirectWithToast(
			'/buddies',
			withdrawn
				? { title: 'Invitation withdrawn' }
				: { type: 'info', title: 'That invitation is no longer open' },
		)
	}
	if (intent === 'end') {
		const submission = parseWithZod(formData, { schema: EndPairingSchema })
		if (submission.status !== 'success') {
			return data(
				{
					invite: null,
					end: {
						pairId: String(formData.get('pairId') ?? ''),
						result: replyWithin(submission, EndPairingSchema),
					},
				},
				{ status: 400 },
			)
		}
		const ended = await endPairing(
			{ userId: user.id, pairId: submission.value.pairId },
			context.realtime,
		)
		return redirectWithToast(
			'/buddies',
			ended
				? { title: 'Pairing ended: you no longer see each other’s plans' }
				: { type: 'info', title: 'That pairing had already ended' },
		)
	}
	// Only a forged or outdated form gets here.
	throw new Response('This page has no such form', { status: 400 })
}

/** What sets a goal apart on the dashboard besides its status: quiet, finished or dropped. */
const STATE_LABELS: Record<Exclude<DashboardGoal['state'], 'open'>, string> = {
	quiet: `Quiet for ${STALE_DAYS}+ days`,
	done: 'Done',
	dropped: 'Dropped',
}

const STATE_CLASSES: Record<Exclude<DashboardGoal['state'], 'open'>, string> = {
	quiet: 'bg-amber-100 text-amber-900',
	done: 'bg-emerald-100 text-emerald-900',
	dropped: 'bg-slate-100 text-slate-600',
}

export default function Buddies({ loaderData, actionData }: Route.ComponentProps) {
	const { pairs, plans, invitable } = loaderData
	const navigation = useNavigation()
	const revalidator = useRevalidator()
	usePlanRooms(
		plans.map((plan) => plan.id),
		['plan:check-in'],
		() => void revalidator.revalidate(),
	)
	const [form, fields] = useForm({
		id: 'invite-buddy',
		lastResult: actionData?.invite,
		constraint: getZodConstraint(InviteBuddySchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteBuddySchema }),
		shouldRevalidate: 'onInput',
	})
	const busy = navigation.state === 'submitting'
	return (
		<main>
			<PageHeader
				title="Accountability buddies"
				description="Pair up with a member of your groups: you see each other’s annual plans, confirm each other’s progress, and nudge a goal that has gone quiet."
			/>
			<div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
				<div className="space-y-6">
					{pairs.accepted.length === 0 ? (
						<EmptyState title="No buddies yet">
							Invite a member of one of your groups to keep each other on track.
						</EmptyState>
					) : null}
					{pairs.accepted.length > 0 && plans.length === 0 ? (
						<EmptyState title="Your buddies have no plan for this year yet">
							Their plans appear here as soon as they start one.
						</EmptyState>
					) : null}
					{plans.map((plan) => (
						<Card key={plan.id} className="p-0">
							<h2 className="border-b border-slate-100 px-5 py-3 font-semibold">
								{`${plan.ownerName}’s ${plan.year} plan${plan.themeWord ? ` · “${plan.themeWord}”` : ''}`}
							</h2>
							{plan.goals.length === 0 ? (
								<p className="px-5 py-4 text-sm text-slate-600">No goals yet.</p>
							) : (
								<ul className="divide-y divide-slate-100">
									{plan.goals.map((goal) => (
										<li
											key={goal.id}
											className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm"
										>
											<div>
												<Link to={`/plans/${plan.id}/goals/${goal.id}`} className="font-medium">
													{goal.title}
												</Link>
												<p className="text-slate-600">
													{/* A goal on the go shows its status, as on the plan's pages; a quiet one says so too. */}
													{goal.state === 'open' || goal.state === 'quiet' ? (
														<span className="mr-2">
															<StatusBadge
																status={
																	(goal.lastCheckIn?.status as GoalStatus | undefined) ?? null
																}
															/>
														</span>
													) : null}
													{goal.state === 'open' ? null : (
														<span
															className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${STATE_CLASSES[goal.state]}`}
														>
															{STATE_LABELS[goal.state]}
														</span>
													)}
													{goal.lastCheckIn ? (
														<>
															Last check-in{' '}
															<Link to={`/plans/${plan.id}/check-ins/${goal.lastCheckIn.id}`}>
																<DateTime date={goal.lastCheckIn.checkedAt} pattern="d MMM yyyy" />
															</Link>
														</>
													) : (
														'No check-in yet'
													)}
												</p>
											</div>
											{goal.state === 'quiet' ? (
												<Form method="post" action={`/plans/${plan.id}/goals/${goal.id}/nudge`}>
													<Button size="sm" variant="secondary" disabled={busy}>
														Nudge {plan.ownerName.split(' ')[0]}
													</Button>
												</Form>
											) : null}
										</li>
									))}
								</ul>
							)}
						</Card>
					))}
				</div>
				<div className="space-y-6">
					<Card>
						<h2 className="font-semibold">Invite a buddy</h2>
						{invitable.length === 0 ? (
							<p className="mt-2 text-sm text-slate-600">
								Nobody to invite right now: buddies come from your groups, and everyone there is
								already your buddy or has an invitation open with you.
							</p>
						) : (
							<Form method="post" className="mt-3 space-y-3" {...getFormProps(form)}>
								<input type="hidden" name="intent" value="invite" />
								<div>
									<label htmlFor={fields.inviteeId.id} className="block text-sm font-medium">
										Member of your groups
									</label>
									<select
										{...getSelectProps(fields.inviteeId)}
										key={fields.inviteeId.key}
										className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
									>
										<option value="">Choose someone…</option>
										{invitable.map((member) => (
											<option key={member.id} value={member.id}>
												{member.name}
											</option>
										))}
									</select>
									<ErrorList id={fields.inviteeId.errorId} errors={fields.inviteeId.errors} />
								</div>
								<FormErrors errors={form.errors} />
								<Button disabled={busy}>Send invitation</Button>
							</Form>
						)}
					</Card>
					<Card>
						<h2 className="font-semibold">Invitations for you</h2>
						{pairs.incoming.length === 0 ? (
							<p className="mt-2 text-sm text-slate-600">None waiting.</p>
						) : (
							<ul className="mt-2 space-y-3">
								{pairs.incoming.map((pair) => (
									<li key={pair.pairId} className="text-sm">
										<p>
											<Link to={`/u/${pair.partner.id}`}>{pair.partner.name}</Link> would like to be
											your buddy.
										</p>
										<Form method="post" className="mt-1 flex gap-2">
											<input type="hidden" name="pairId" value={pair.pairId} />
											<Button size="sm" name="intent" value="accept" disabled={busy}>
												Accept
											</Button>
											<Button
												size="sm"
												variant="secondary"
												name="intent"
												value="decline"
												disabled={busy}
											>
												Decline
											</Button>
										</Form>
									</li>
								))}
							</ul>
						)}
					</Card>
					<Card>
						<h2 className="font-semibold">Invitations you sent</h2>
						{pairs.outgoing.length === 0 ? (
							<p className="mt-2 text-sm text-slate-600">None open.</p>
						) : (
							<ul className="mt-2 space-y-2">
								{pairs.outgoing.map((pair) => (
									<li key={pair.pairId} className="flex items-center justify-between gap-2 text-sm">
										<span>
											{pair.partner.name}, sent <DateTime date={pair.since} pattern="d MMM" />
										</span>
										<Form method="post">
											<input type="hidden" name="pairId" value={pair.pairId} />
											<Button
												size="sm"
												variant="ghost"
												name="intent"
												value="withdraw"
												disabled={busy}
											>
												Withdraw
											</Button>
										</Form>
									</li>
								))}
							</ul>
						)}
					</Card>
					{pairs.accepted.length > 0 ? (
						<Card>
							<h2 className="font-semibold">Your buddies</h2>
							<ul className="mt-2 space-y-3">
								{pairs.accepted.map((pair) => {
									const endErrors =
										actionData?.end?.pairId === pair.pairId
											? actionData.end.result.error
											: undefined
									return (
										<li key={pair.pairId} className="text-sm">
											<p>
												<Link to={`/u/${pair.partner.id}`}>{pair.partner.name}</Link>, since{' '}
												<DateTime date={pair.since} pattern="d MMM yyyy" />
											</p>
											<details className="mt-1" open={Boolean(endErrors)}>
												<summary className="cursor-pointer py-1 text-slate-600">
													End this pairing…
												</summary>
												<Form method="post" className="mt-2 space-y-2">
													<input type="hidden" name="intent" value="end" />
													<input type="hidden" name="pairId" value={pair.pairId} />
													<label className="flex items-start gap-2">
														<input
															type="checkbox"
															name="confirm"
															value="yes"
															className="mt-0.5 h-4 w-4 rounded border-slate-300"
														/>
														<span>
															Yes, end it: neither of us will see the other’s plans any more.
														</span>
													</label>
													<ErrorList errors={endErrors?.confirm ?? null} />
													<Button size="sm" variant="danger" disabled={busy}>
														End pairing
													</Button>
												</Form>
											</details>
										</li>
									)
								})}
							</ul>
						</Card>
					) : null}
				</div>
			</div>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
