import { Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/dashboard.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { CycleNav } from '#app/components/quarterly/cycle-nav.tsx'
import { useCycleCompletion } from '#app/components/quarterly/use-cycle-completion.ts'
import { DateTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { cycleCompletion, cycleOverview } from '#app/modules/quarterly/completion.server.ts'
import { COMPLETION_LABELS, type CompletionStatus } from '#app/modules/quarterly/dashboard.ts'
import { REMIND_INTERVAL_MS, remindPending, remindRefusal } from '#app/modules/quarterly/remind.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { requireCycleModerator } from '#app/utils/permissions.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? `Completion, ${data.cycle.quarter}` : 'Completion', data?.group.name ?? 'Group') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const [cycle, completion] = await Promise.all([
		cycleOverview(access.cycleId),
		cycleCompletion(access.cycleId, access.groupId),
	])
	const now = Date.now()
	const nextRemindAt =
		cycle.lastRemindedAt && cycle.lastRemindedAt.getTime() + REMIND_INTERVAL_MS > now
			? new Date(cycle.lastRemindedAt.getTime() + REMIND_INTERVAL_MS)
			: null
	return { group: { slug: group.slug, name: group.name }, cycle, completion, nextRemindAt }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const formData = await request.formData()
	if (formData.get('intent') !== 'remind') throw new Response('Unknown action', { status: 400 })
	const here = `/g/${group.slug}/reviews/${access.cycleId}/dashboard`
	const outcome = await remindPending(access, user, context.realtime)
	if (outcome.ok)
		return redirectWithToast(here, {
			title: `Reminder sent to ${outcome.reminded} ${outcome.reminded === 1 ? 'member' : 'members'}`,
		})
	return redirectWithToast(here, { type: 'info', title: remindRefusal(outcome) })
}

const STATUS_CLASSES: Record<CompletionStatus, string> = {
	submitted: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
	draft: 'bg-amber-50 text-amber-900 ring-amber-200',
	not_started: 'bg-slate-50 text-slate-700 ring-slate-200',
}

export default function CycleDashboard({ loaderData }: Route.ComponentProps) {
	const { group, cycle, completion, nextRemindAt } = loaderData
	useCycleCompletion(cycle.id)
	const navigation = useNavigation()
	const { counts } = completion
	const pending = counts.draft + counts.not_started
	const base = `/g/${group.slug}/reviews/${cycle.id}`
	return (
		<main className="mx-auto max-w-4xl">
			<p className="mb-2 text-sm">
				<Link to={`/g/${group.slug}/reviews`}>← {group.name}’s reviews</Link>
			</p>
			<PageHeader
				title={`${cycle.quarter} review`}
				description={
					<>
						{cycle.status === 'open' ? 'Open' : cycle.status === 'closed' ? 'Closed' : 'Draft'} · due{' '}
						<DateTime date={cycle.dueOn} pattern="d MMM yyyy" /> · updates visible to{' '}
						{cycle.visibility === 'group' ? 'the whole group' : 'moderators only'}
					</>
				}
			/>
			<CycleNav slug={group.slug} cycleId={cycle.id} canManage />
			<section aria-labelledby="completion-heading" className="space-y-4">
				<h2 id="completion-heading" className="sr-only">
					Completion
				</h2>
				<dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-live="polite" data-testid="completion-counts">
					{(
						[
							['Expected', counts.expected],
							['Submitted', counts.submitted],
							['Draft saved', counts.draft],
							['Not started', counts.not_started],
						] as const
					).map(([label, value]) => (
						<div key={label} className="rounded-xl border border-slate-200 bg-white p-4">
							<dt className="text-sm text-slate-600">{label}</dt>
							<dd className="text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
						</div>
					))}
				</dl>

				<Card>
					<div className="flex flex-wrap items-center justify-between gap-3">
						<div>
							<h3 className="font-semibold text-slate-900">Remind everyone pending</h3>
							<p className="text-sm text-slate-600">
								{cycle.status !== 'open'
									? 'Reminders go out only while the cycle is open.'
									: pending === 0
										? 'Everyone has submitted.'
										: `Notifies the ${pending} ${pending === 1 ? 'member' : 'members'} with a draft or nothing yet. At most once a day.`}
								{cycle.lastRemindedAt ? (
									<>
										{' '}
										Last reminder: <DateTime date={cycle.lastRemindedAt} />.
									</>
								) : null}
								{nextRemindAt ? (
									<>
										{' '}
										Next possible after <DateTime date={nextRemindAt} />.
									</>
								) : null}
							</p>
						</div>
						<Form method="post">
							<input type="hidden" name="intent" value="remind" />
							<Button variant="secondary" disabled={navigation.state === 'submitting' || cycle.status !== 'open' || pending === 0}>
								Remind {pending > 0 ? pending : ''} pending
							</Button>
						</Form>
					</div>
				</Card>

				{completion.rows.length === 0 ? (
					<EmptyState title="Nobody to wait for">
						The group has no members yet. <Link to={`/g/${group.slug}/invitations`}>Invite the first ones</Link>.
					</EmptyState>
				) : (
					<Card className="p-0">
						<table className="w-full text-left text-sm">
							<caption className="sr-only">Who has sent their update</caption>
							<thead className="border-b border-slate-100 text-slate-600">
								<tr>
									<th scope="col" className="px-5 py-2 font-medium">
										Member
									</th>
									<th scope="col" className="px-5 py-2 font-medium">
										Update
									</th>
									<th scope="col" className="px-5 py-2 font-medium">
										When
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-slate-100">
								{completion.rows.map((row) => (
									<tr key={row.memberId} data-status={row.status}>
										<td className="px-5 py-2 font-medium text-slate-900">
											{row.status === 'submitted' ? (
												<Link to={`${base}/updates/${row.memberId}`}>{row.name}</Link>
											) : (
												row.name
											)}
										</td>
										<td className="px-5 py-2">
											<span className={cn('rounded-full px-2 py-0.5 text-xs font-medium ring-1', STATUS_CLASSES[row.status])}>
												{COMPLETION_LABELS[row.status]}
											</span>
										</td>
										<td className="px-5 py-2 text-slate-600">
											{row.at ? <DateTime date={row.at} /> : '—'}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</Card>
				)}
				{counts.submitted > 0 ? (
					<p className="text-sm text-slate-600">
						Next: <Link to={`${base}/agenda`}>draw the meeting’s agenda from the {counts.submitted} submitted</Link>, or{' '}
						<Link to={`${base}/numbers`}>compare the key numbers</Link>.
					</p>
				) : null}
			</section>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
