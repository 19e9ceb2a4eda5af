import { Link } from 'react-router'
import type { Route } from './+types/profile.ts'
import { Avatar } from '#app/components/avatar.tsx'
import { Card } from '#app/components/page.tsx'
import { DateTime, RelativeTime } from '#app/components/time.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import { recentPostsBy } from '#app/modules/forums/activity.server.ts'
import { sharesGroup } from '#app/modules/groups/groups.server.ts'
import { getProfile } from '#app/modules/users/users.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle(data?.profile.name ?? 'Profile') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const viewer = await requireUser(request)
	// Profiles are for people who share a group: anyone else learns nothing, not even that it exists.
	if (!(await sharesGroup(viewer.id, params.userId))) throw notFound()
	const profile = await getProfile(params.userId)
	if (!profile) throw notFound()
	const viewerGroups = new Set((await getProfile(viewer.id))?.memberships.map((m) => m.group.id))
	return {
		isSelf: viewer.id === profile.id,
		recentPosts: await recentPostsBy(profile.id, viewer.id),
		profile: {
			id: profile.id,
			name: profile.name,
			handle: profile.handle,
			company: profile.company,
			bio: profile.bio,
			createdAt: profile.createdAt,
			// Only the groups the viewer is in too: group membership is confidential.
			groups: profile.memberships
				.filter((m) => viewerGroups.has(m.group.id))
				.map((m) => ({ slug: m.group.slug, name: m.group.name, role: m.role })),
		},
	}
}

export default function ProfilePage({ loaderData }: Route.ComponentProps) {
	const { profile, isSelf, recentPosts } = loaderData
	return (
		<main className="mx-auto max-w-2xl">
			<Card>
				<div className="flex items-center gap-4">
					<Avatar name={profile.name} seed={profile.id} size="lg" />
					<div>
						<h1 className="text-2xl font-bold tracking-tight">{profile.name}</h1>
						<p className="text-slate-600">
							{/* The handle is how others mention them: @handle in a post. */}
							<span className="font-medium text-slate-700">@{profile.handle}</span> · {profile.company}
						</p>
					</div>
					{isSelf ? (
						<Link to="/settings/profile" className="ml-auto text-sm">
							Edit profile
						</Link>
					) : null}
				</div>
				<div className="mt-6">
					<h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">About</h2>
					<p className="mt-1 whitespace-pre-line text-slate-800">
						{profile.bio || (isSelf ? 'You have not written anything about yourself yet.' : 'Nothing here yet.')}
					</p>
				</div>
				<div className="mt-6">
					<h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Groups</h2>
					<ul className="mt-1 space-y-1">
						{profile.groups.map((group) => (
							<li key={group.slug}>
								<Link to={`/g/${group.slug}/forum`}>{group.name}</Link>
								{group.role === 'moderator' ? <span className="ml-2 text-xs text-slate-500">moderator</span> : null}
							</li>
						))}
					</ul>
				</div>
				<div className="mt-6">
					<h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Recent posts</h2>
					{recentPosts.length === 0 ? (
						<p className="mt-1 text-sm text-slate-600">No posts you can see yet.</p>
					) : (
						<ul className="mt-2 space-y-3">
							{recentPosts.map((post) => (
								<li key={post.id} className="text-sm">
									<Link to={`/t/${post.thread.id}?post=${post.number}`} className="font-medium">
										{post.thread.title}
									</Link>
									<span className="ml-2 text-xs text-slate-500">
										<RelativeTime date={post.createdAt} />
									</span>
									<p className="text-slate-600">{post.excerpt}</p>
								</li>
							))}
						</ul>
					)}
				</div>
				<p className="mt-6 text-xs text-slate-500">
					Member since <DateTime date={profile.createdAt} pattern="MMMM yyyy" />
				</p>
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
