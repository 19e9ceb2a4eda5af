import { Link } from 'react-router'
import type { Route } from './+types/reviews.ts'
import { GroupNav, groupAreas } from '#app/components/group-nav.tsx'
import { Card, EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { PhaseBadge } from '#app/components/quarterly/phase-badge.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { isModerator } from '#app/modules/groups/roles.ts'
import { listCycles } from '#app/modules/quarterly/cycles.server.ts'
import { formatDay } from '#app/modules/quarterly/days.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireGroupMember } from '#app/utils/permissions.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle('Quarterly reviews', data?.group.name ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, membership } = await requireGroupMember(request, params.slug)
	const moderator = isModerator(membership)
	const cycles = await listCycles(group.id, user, moderator ? 'moderator' : 'member')
	return {
		group: { slug: group.slug, name: group.name },
		isModerator: moderator,
		cycles: cycles.map((cycle) => ({
			id: cycle.id,
			quarter: cycle.quarter,
			phase: cycle.phase,
			opensOn: formatDay(cycle.opensOn),
			dueOn: formatDay(cycle.dueOn),
			meetingOn: cycle.meetingOn ? formatDay(cycle.meetingOn) : null,
			acceptsUpdates: cycle.acceptsUpdates,
			myStatus: cycle.myStatus,
			submittedCount: cycle.submittedCount,
		})),
	}
}

export default function Reviews({ loaderData }: Route.ComponentProps) {
	const { group, cycles } = loaderData
	const base = `/g/${group.slug}/reviews`
	return (
		<main>
			<PageHeader
				title={group.name}
				description="Quarterly reviews: each member’s update before the group meets."
				actions={
					loaderData.isModerator ? (
						<Link to={`${base}/new`} className={buttonClasses()}>
							New cycle
						</Link>
					) : null
				}
			/>
			<GroupNav areas={groupAreas(group.slug, { isModerator: loaderData.isModerator })} />
			{cycles.length === 0 ? (
				<EmptyState title="No quarterly review yet">
					{loaderData.isModerator ? (
						<p>
							Set up this quarter’s cycle: its dates, who reads the updates, and the questions.{' '}
							<Link to={`${base}/new`}>Create the first cycle</Link>.
						</p>
					) : (
						<p>Your moderators open a review each quarter; you will be notified when one opens.</p>
					)}
				</EmptyState>
			) : (
				<ul className="space-y-3" aria-label="Review cycles">
					{cycles.map((cycle) => (
						<li key={cycle.id}>
							<Card className="flex flex-wrap items-center justify-between gap-3">
								<div className="min-w-0">
									<p className="flex items-center gap-2">
										<Link to={`${base}/${cycle.id}`} className={`text-base font-semibold text-slate-900 ${titleLinkClasses}`}>
											{cycle.quarter} review
										</Link>
										<PhaseBadge phase={cycle.phase} />
									</p>
									<p className="mt-1 text-sm text-slate-600">
										{`Opens ${cycle.opensOn} · due ${cycle.dueOn}${cycle.meetingOn ? ` · meets ${cycle.meetingOn}` : ''} · ${cycle.submittedCount} submitted`}
									</p>
								</div>
								<p className="text-sm">
									{loaderData.isModerator ? (
										// Moderators run the cycle: a draft to finish, or who has sent their update.
										cycle.phase === 'draft' ? (
											<Link to={`${base}/${cycle.id}/edit`} className={buttonClasses('secondary', 'sm')}>
												Finish setting it up
											</Link>
										) : (
											<Link to={`${base}/${cycle.id}/dashboard`} className={buttonClasses('secondary', 'sm')}>
												Who has sent theirs
											</Link>
										)
									) : cycle.myStatus === 'submitted' ? (
										<span className="text-emerald-700">You submitted your update</span>
									) : cycle.acceptsUpdates ? (
										<Link to={`${base}/${cycle.id}`} className={buttonClasses('secondary', 'sm')}>
											{cycle.myStatus === 'draft' ? 'Finish your update' : 'Write your update'}
										</Link>
									) : null}
								</p>
							</Card>
						</li>
					))}
				</ul>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
