import { Form, Link } from 'react-router'
import type { Route } from './+types/users.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { listUsersForAdmin } from '#app/modules/moderation/suspensions.server.ts'
import { requireSiteAdmin } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { pageParam } from '#app/utils/pagination.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Members', 'Admin') }]

export async function loader({ request }: Route.LoaderArgs) {
	await requireSiteAdmin(request)
	const url = new URL(request.url)
	return listUsersForAdmin({ query: url.searchParams.get('q') ?? '', page: pageParam(url) })
}

export default function AdminUsers({ loaderData }: Route.ComponentProps) {
	const { users, query, total, page, pageCount } = loaderData
	return (
		<main>
			<PageHeader
				title="Members"
				description="Every account on PeerPower. Open one to suspend it or lift its suspension."
				actions={<Link to="/admin/groups">Peer groups</Link>}
			/>
			<Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-2">
				<div className="grow">
					<label htmlFor="admin-users-q" className="block text-sm font-medium text-slate-800">
						Search by name, email or company
					</label>
					<input
						id="admin-users-q"
						type="search"
						name="q"
						defaultValue={query}
						maxLength={100}
						className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
					/>
				</div>
				<Button variant="secondary">Search</Button>
				{query ? <Link to="/admin/users">Clear</Link> : null}
			</Form>
			<p className="mb-2 text-sm text-slate-600" role="status">
				{total === 1 ? '1 account' : `${total} accounts`}
				{query ? ` matching “${query}”` : ''}
			</p>
			{users.length === 0 ? (
				<EmptyState title={query ? 'No account matches' : 'No accounts yet'}>
					{query
						? 'Try part of a name, an email or a company.'
						: 'Accounts appear here once people sign up.'}
				</EmptyState>
			) : (
				<Card className="p-0">
					<ul className="divide-y divide-slate-100" data-testid="admin-users">
						{users.map((user) => (
							<li
								key={user.id}
								className="flex flex-wrap items-baseline justify-between gap-3 px-5 py-3"
							>
								<div>
									<p className="font-medium">
										<Link to={`/admin/users/${user.id}`}>{user.name}</Link>
										{user.isSiteAdmin ? (
											<span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
												Site admin
											</span>
										) : null}
										{user.suspended ? (
											<span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">
												Suspended{user.suspendedUntil ? ` until ${user.suspendedUntil}` : ''}
											</span>
										) : null}
									</p>
									<p className="text-sm text-slate-600">
										{user.email} · {user.company}
									</p>
								</div>
								<p className="text-sm text-slate-600">
									{user.groups.length === 0
										? 'In no group'
										: user.groups
												.map((g) => `${g.name}${g.role === 'moderator' ? ' (moderator)' : ''}`)
												.join(', ')}
								</p>
							</li>
						))}
					</ul>
				</Card>
			)}
			<Pagination page={page} pageCount={pageCount} label="Pages of accounts" />
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
