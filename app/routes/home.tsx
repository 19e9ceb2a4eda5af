import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { Route } from './+types/home.ts'
import { ActiveInGroups } from '#app/components/home/active-in-groups.tsx'
import { Card, EmptyState, QuietNote, titleLinkClasses } from '#app/components/page.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { userCount } from '#app/modules/auth/auth.server.ts'
import { HOME_LIMITS, memberHome } from '#app/modules/home/home.server.ts'
import { notificationPhrase } from '#app/modules/notifications/notifications.ts'
import { daysLeftText, formatDay } from '#app/modules/vendors/program-dates.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Home') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getUser(request)
	if (!user) return { kind: 'anonymous' as const, emptyInstallation: (await userCount()) === 0 }
	return {
		kind: 'member' as const,
		viewerId: user.id,
		activeLimit: HOME_LIMITS.activeMembers,
		name: user.name,
		isSiteAdmin: user.isSiteAdmin,
		...(await memberHome(user)),
	}
}

export default function Home({ loaderData }: Route.ComponentProps) {
	if (loaderData.kind === 'anonymous')
		return <Landing emptyInstallation={loaderData.emptyInstallation} />
	const home = loaderData
	const comingUp =
		home.liveMeetings.length +
		home.meetingsAhead.length +
		home.updatesToSend.length +
		home.checkInsDue.length +
		home.deadlines.length

	return (
		<main>
			<h1 className="mb-6 text-2xl font-bold tracking-tight text-slate-900">
				{`Welcome, ${home.name.split(' ')[0]}`}
			</h1>
			{home.groups.length === 0 ? (
				<EmptyState title="You are not in a peer group yet">
					{home.isSiteAdmin ? (
						<p>
							As site admin, start by <Link to="/admin/groups">creating a peer group</Link>; you
							become its first moderator and can invite members.
						</p>
					) : (
						<p>
							Ask your group’s moderator for an invitation link. Opening it while signed in adds you
							to the group.
						</p>
					)}
				</EmptyState>
			) : (
				<>
					<div className="grid gap-6 lg:grid-cols-3">
						<div className="space-y-6 lg:col-span-2">
							<Section
								title="Unread"
								more={{ to: '/community', label: 'Community forum' }}
								testId="home-unread"
							>
								{home.unreadThreads.length === 0 ? (
									<QuietNote>You are up to date with your forums.</QuietNote>
								) : (
									<ul className="divide-y divide-slate-100">
										{home.unreadThreads.map((thread) => (
											<li
												key={thread.id}
												className="flex items-baseline justify-between gap-3 py-2"
											>
												<div className="min-w-0">
													<Link
														to={`/t/${thread.id}?unread=1`}
														className={`font-medium text-slate-900 ${titleLinkClasses}`}
													>
														{thread.title}
													</Link>
													<p className="text-xs text-slate-500">
														{thread.group ? (
															<Link to={`/g/${thread.group.slug}/forum`}>{thread.group.name}</Link>
														) : (
															<Link to="/community">Community</Link>
														)}{' '}
														· <RelativeTime date={thread.lastActivityAt} />
													</p>
												</div>
												<span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
													{thread.isNew ? 'New' : `${thread.unreadCount} unread`}
												</span>
											</li>
										))}
									</ul>
								)}
							</Section>

							<Section
								title="Mentions and replies"
								more={{ to: '/notifications', label: 'All notifications' }}
								testId="home-mentions"
							>
								{home.mentions.length === 0 ? (
									<QuietNote>Nothing new addressed to you.</QuietNote>
								) : (
									<ul className="space-y-2 text-sm">
										{home.mentions.map((mention) => (
											<li key={mention.id}>
												<span className="text-slate-700">
													{mention.actor?.name ?? 'Someone'} {notificationPhrase(mention.type)}
												</span>{' '}
												<Link
													to={`/notifications/${mention.id}`}
													className={`font-medium ${titleLinkClasses}`}
												>
													{mention.title}
												</Link>{' '}
												<span className="text-xs text-slate-500">
													· <RelativeTime date={mention.createdAt} />
												</span>
											</li>
										))}
									</ul>
								)}
							</Section>
						</div>

						<div className="space-y-6">
							<Section title="Coming up" testId="home-coming-up">
								{comingUp === 0 ? (
									<QuietNote>
										Nothing due. Follow a <Link to="/programs">vendor program</Link> to see its
										deadlines here.
									</QuietNote>
								) : (
									<ul className="space-y-2 text-sm">
										{home.liveMeetings.map((meeting) => (
											<li key={meeting.cycleId}>
												<Link
													to={`/g/${meeting.group.slug}/reviews/${meeting.cycleId}/meeting`}
													className={`font-medium ${titleLinkClasses}`}
												>
													{meeting.group.name}: {meeting.quarter} meeting
												</Link>{' '}
												<span className="text-xs font-semibold text-emerald-700">live now</span>
											</li>
										))}
										{home.meetingsAhead.map((meeting) => (
											<li key={meeting.cycleId}>
												<Link
													to={`/g/${meeting.group.slug}/reviews/${meeting.cycleId}`}
													className={`font-medium ${titleLinkClasses}`}
												>
													{meeting.group.name}: {meeting.quarter} meeting
												</Link>
												<Meta>
													{`${formatDay(meeting.on, { year: false })}, ${daysLeftText(meeting.daysLeft)}`}
													{meeting.place ? ` · ${meeting.place}` : null}
												</Meta>
											</li>
										))}
										{home.updatesToSend.map((cycle) => (
											<li key={cycle.id}>
												<Link
													to={`/g/${cycle.group.slug}/reviews/${cycle.id}`}
													className={`font-medium ${titleLinkClasses}`}
												>
													{cycle.started ? 'Finish' : 'Send'} your {cycle.quarter} update
												</Link>
												<Meta>
													{cycle.group.name} · due {formatDay(cycle.dueOn, { year: false })}
												</Meta>
											</li>
										))}
										{home.checkInsDue.map((plan) => (
											<li key={plan.id}>
												<Link
													to={`/plans/${plan.id}`}
													className={`font-medium ${titleLinkClasses}`}
												>
													Check in on your {plan.title}
												</Link>
												<Meta>
													{plan.staleCount === 1 ? '1 goal' : `${plan.staleCount} goals`} quiet for
													30 days
												</Meta>
											</li>
										))}
										{home.deadlines.map((day) => (
											<li key={`${day.programId}:${day.label}`}>
												<Link
													to={`/programs/${day.programId}`}
													className={`font-medium ${titleLinkClasses}`}
												>
													{day.title}
												</Link>
												<Meta>
													{day.label} {daysLeftText(day.daysLeft)} (
													{formatDay(day.on, { year: false })})
												</Meta>
											</li>
										))}
									</ul>
								)}
								{home.followsPrograms ? (
									<p className="mt-3 text-sm">
										<Link to="/programs/deadlines">Program deadlines</Link>
									</p>
								) : null}
							</Section>

							{home.actionItems.length > 0 ? (
								<Section
									title="Your action items"
									more={{
										to: '/actions',
										label:
											home.moreActionItems > 0
												? `All (${home.moreActionItems} more)`
												: 'Mark them done',
									}}
								>
									<ul className="space-y-1 text-sm" data-testid="home-action-items">
										{home.actionItems.map((item) => (
											<li key={item.id}>
												<span className="text-slate-900">{item.text}</span>
												<Meta>
													due {formatDay(item.dueOn, { year: false })} · {item.group}
												</Meta>
											</li>
										))}
									</ul>
								</Section>
							) : null}

							<Section title="Active in your groups" testId="home-active">
								<ActiveInGroups
									viewerId={home.viewerId}
									groups={home.groups}
									recentlyActive={home.activeMembers}
									limit={home.activeLimit}
								/>
							</Section>
						</div>
					</div>

					<h2 className="mb-3 mt-8 text-sm font-semibold uppercase tracking-wide text-slate-500">
						Your groups
					</h2>
					<ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
						{home.groups.map((group) => (
							<li key={group.id}>
								<Card className="h-full p-4">
									<h3 className="font-semibold">
										<Link to={`/g/${group.slug}/forum`} className={titleLinkClasses}>
											{group.name}
										</Link>
									</h3>
									<p className="mt-1 line-clamp-2 text-sm text-slate-600">
										{group.description || 'No description yet.'}
									</p>
									<p className="mt-2 text-xs text-slate-500">
										{group.role === 'moderator' ? 'You moderate this group' : 'Member'}
									</p>
								</Card>
							</li>
						))}
					</ul>
				</>
			)}
		</main>
	)
}

function Section({
	title,
	more,
	testId,
	children,
}: {
	title: string
	more?: { to: string; label: string }
	testId?: string
	children: ReactNode
}) {
	return (
		<Card className="p-4">
			<section data-testid={testId}>
				<div className="mb-2 flex items-baseline justify-between gap-3">
					<h2 className="font-semibold text-slate-900">{title}</h2>
					{more ? (
						<Link to={more.to} className="text-sm">
							{more.label}
						</Link>
					) : null}
				</div>
				{children}
			</section>
		</Card>
	)
}

function Meta({ children }: { children: ReactNode }) {
	return <span className="block text-xs text-slate-500">{children}</span>
}

/** What a visitor is told: only what PeerPower does today. */
function Landing({ emptyInstallation }: { emptyInstallation: boolean }) {
	return (
		<main className="mx-auto max-w-2xl py-10">
			<h1 className="text-center text-4xl font-bold tracking-tight">
				Your peer group, in confidence.
			</h1>
			<p className="mt-4 text-center text-lg text-slate-600">
				A private place for owners of IT solution providers to work with their peer group between
				meetings.
			</p>
			<ul className="mt-8 space-y-3 text-slate-700">
				<LandingPoint title="Forums">
					Your group’s threads update as people reply, and lessons learned are kept in one library.
				</LandingPoint>
				<LandingPoint title="Annual plans">
					Goals for the year, regular check-ins, and an accountability buddy who sees them.
				</LandingPoint>
				<LandingPoint title="Quarterly reviews">
					Each member sends an update; the group meets on an agenda drawn from them.
				</LandingPoint>
				<LandingPoint title="Vendor programs">
					Members rate the partner programs they took part in, for their group or for everyone, and
					follow their deadlines.
				</LandingPoint>
				<LandingPoint title="Confidential by design">
					Members accept the group’s confidentiality agreement, and moderators look after each
					group.
				</LandingPoint>
			</ul>
			{emptyInstallation ? (
				<div className="mx-auto mt-8 max-w-md rounded-xl border border-brand-100 bg-brand-50 p-5">
					<h2 className="font-semibold text-brand-800">This PeerPower is empty</h2>
					<p className="mt-1 text-sm text-slate-700">
						The first account becomes the <strong>site admin</strong>, who creates peer groups and
						invites their first members.
					</p>
					<Link to="/signup" className={buttonClasses('primary') + ' mt-4'}>
						Create the first account
					</Link>
				</div>
			) : (
				<div className="mt-8 flex justify-center gap-3">
					<Link to="/login" className={buttonClasses('primary')}>
						Log in
					</Link>
					<Link to="/signup" className={buttonClasses('secondary')}>
						Sign up
					</Link>
				</div>
			)}
		</main>
	)
}

function LandingPoint({ title, children }: { title: string; children: ReactNode }) {
	return (
		<li className="rounded-lg border border-slate-200 bg-white px-4 py-3">
			<span className="font-semibold text-slate-900">{title}.</span> {children}
		</li>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
