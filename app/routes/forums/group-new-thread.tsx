import type { Route } from './+types/group-new-thread.ts'
import { NewThreadForm } from '#app/components/forum/new-thread-form.tsx'
import { Card, PageHeader } from '#app/components/page.tsx'
import { loadNewThread, submitNewThread } from '#app/modules/forums/new-thread.server.ts'
import { requireGroupForum } from '#app/modules/forums/resolve.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: pageTitle('New thread', data?.groupName ?? 'Group') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, forum, access, home } = await requireGroupForum(request, params.slug)
	return { groupName: group.name, home, form: await loadNewThread(user, forum.id, access, new URL(request.url)) }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, forum } = await requireGroupForum(request, params.slug)
	return submitNewThread(request, user, forum.id, context.realtime)
}

export default function GroupNewThread({ loaderData, actionData }: Route.ComponentProps) {
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader title="New thread" description={`In ${loaderData.groupName}’s forum, visible to its members only.`} />
			<Card>
				<NewThreadForm {...loaderData.form} lastResult={actionData?.result} cancelHref={loaderData.home} />
			</Card>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
