import type { Route } from './+types/community.ts'
import { ForumView } from '#app/components/forum/forum-view.tsx'
import { PageHeader } from '#app/components/page.tsx'
import { loadForumList } from '#app/modules/forums/forum-list.server.ts'
import { requireCommunityForum } from '#app/utils/permissions.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Community forum') }]

export async function loader({ request }: Route.LoaderArgs) {
	const { user, forum, access, home } = await requireCommunityForum(request)
	return { home, list: await loadForumList(user.id, forum.id, access, new URL(request.url)) }
}

export default function CommunityForum({ loaderData }: Route.ComponentProps) {
	return (
		<ForumView
			data={loaderData.list}
			home={loaderData.home}
			header={
				<PageHeader
					title="Community forum"
					description="Open to members of every peer group: lessons and questions worth sharing beyond your own group."
				/>
			}
		/>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
