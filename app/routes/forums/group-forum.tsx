import type { Route } from './+types/group-forum.ts'
import { ForumView } from '#app/components/forum/forum-view.tsx'
import { GroupNav, groupAreas } from '#app/components/group-nav.tsx'
import { PageHeader } from '#app/components/page.tsx'
import { loadForumList } from '#app/modules/forums/forum-list.server.ts'
import { requireGroupForum } from '#app/utils/permissions.server.ts'
import { isModerator } from '#app/modules/groups/roles.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle('Forum', data?.group.name ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, membership, forum, access, home } = await requireGroupForum(request, params.slug)
	const list = await loadForumList(user.id, forum.id, access, new URL(request.url))
	return { group: { slug: group.slug, name: group.name }, isModerator: isModerator(membership), home, list }
}

export default function GroupForum({ loaderData }: Route.ComponentProps) {
	const { group, home, list } = loaderData
	return (
		<ForumView
			data={list}
			home={home}
			header={
				<>
					<PageHeader title={group.name} description="The group’s forum: only members can read it." />
					<GroupNav areas={groupAreas(group.slug, { isModerator: loaderData.isModerator })} />
				</>
			}
		/>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
