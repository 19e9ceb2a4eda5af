import { Link } from 'react-router'
import type { Route } from './+types/home.ts'
import { Card, EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { userCount } from '#app/modules/auth/auth.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { listGroupsOf } from '#app/modules/groups/groups.server.ts'
import { listOpenActionItems } from '#app/modules/quarterly/action-items.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Home') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await getUser(request)
	if (!user) return { kind: 'anonymous' as const, emptyInstallation: (await userCount()) === 0 }
	const [memberships, actionItems] = await Promise.all([listGroupsOf(user.id), listOpenActionItems(user)])
	return {
		kind: 'member' as const,
		name: user.name,
		isSiteAdmin: user.isSiteAdmin,
		groups: memberships.map(({ role, group }) => ({ ...group, role })),
		// Shown until done: the first few, the rest on /actions.
		actionItems: actionItems.slice(0, 5).map((item) => ({ id: item.id, text: item.text, dueOn: item.dueOn.toISOString().slice(0, 10), group: item.group.name })),
		moreActionItems: Math.max(0, actionItems.length - 5),
	}
}

export default function Home({ loaderData }: Route.ComponentProps) {
	if (loaderData.kind === 'anonymous') {
		return (
			<main className="mx-auto max-w-2xl py-10 text-center">
				<h1 className="text-4xl font-bold tracking-tight">Your peer group, in confidence.</h1>
				<p className="mt-4 text-lg text-slate-600">
					PeerPower is where owners of IT solution providers meet their peer group between quarterly meetings: forums,
					annual plans with an accountability buddy, and vendor programs rated by people who used them.
				</p>
				{loaderData.emptyInstallation ? (
					<div className="mx-auto mt-8 max-w-md rounded-xl border border-brand-100 bg-brand-50 p-5 text-left">
						<h2 className="font-semibold text-brand-800">This PeerPower is empty</h2>
						<p className="mt-1 text-sm text-slate-700">
							Nobody has signed up yet. The first account becomes the <strong>site admin</strong>, who creates peer
							groups and invites their first members.
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

	return (
		<main>
			<PageHeader title={`Welcome, ${loaderData.name.split(' ')[0]}`} description="Your peer groups" />
			{loaderData.actionItems.length > 0 ? (
				<Card className="mb-6">
					<h2 className="font-semibold text-slate-900">Your open action items</h2>
					<ul className="mt-2 space-y-1 text-sm" data-testid="home-action-items">
						{loaderData.actionItems.map((item) => (
							<li key={item.id}>
								<span className="text-slate-900">{item.text}</span>{' '}
								<span className="text-xs text-slate-500">
									· due {item.dueOn} · {item.group}
								</span>
							</li>
						))}
					</ul>
					<p className="mt-2 text-sm">
						<Link to="/actions">
							{loaderData.moreActionItems > 0 ? `All action items (${loaderData.moreActionItems} more)` : 'Mark them done'}
						</Link>
					</p>
				</Card>
			) : null}
			{loaderData.groups.length === 0 ? (
				<EmptyState title="You are not in a peer group yet">
					{loaderData.isSiteAdmin ? (
						<p>
							As site admin, start by <Link to="/admin/groups">creating a peer group</Link>; you become its first
							moderator and can invite members.
						</p>
					) : (
						<p>Ask your group’s moderator for an invitation link. Opening it while signed in adds you to the group.</p>
					)}
				</EmptyState>
			) : (
				<ul className="grid gap-4 sm:grid-cols-2">
					{loaderData.groups.map((group) => (
						<li key={group.id}>
							<Card className="h-full">
								<h2 className="text-lg font-semibold">
									<Link to={`/g/${group.slug}/forum`} className={`text-slate-900 ${titleLinkClasses}`}>
										{group.name}
									</Link>
								</h2>
								<p className="mt-1 line-clamp-2 text-sm text-slate-600">{group.description || 'No description yet.'}</p>
								<p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-500">
									{group.role === 'moderator' ? 'You moderate this group' : 'Member'}
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
