import type { Route } from './+types/community-new-thread.ts'
import { NewThreadForm } from '#app/components/forum/new-thread-form.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { loadNewThread, submitNewThread } from '#app/modules/forums/new-thread.server.ts'
import { requireCommunityForum } from '#app/modules/forums/resolve.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('New thread', 'Community') }]

export async function loader({ request }: Route.LoaderArgs) {
	const { user, forum, access, home } = await requireCommunityForum(request)
	return { home, form: await loadNewThread(user, forum.id, access, new URL(request.url)) }
}

export async function action({ request, context }: Route.ActionArgs) {
	const { user, forum } = await requireCommunityForum(request)
	return submitNewThread(request, user, forum.id, context.realtime)
}

export default function CommunityNewThread({ loaderData, actionData }: Route.ComponentProps) {
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader title="New thread" description="In the community forum, visible to members of every group." />
			<Card>
				<NewThreadForm {...loaderData.form} lastResult={actionData?.result} cancelHref={loaderData.home} />
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
