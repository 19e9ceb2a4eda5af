import type { Route } from './+types/group-categories.ts'
import { CategoriesManager } from '#app/components/forum/categories-manager.tsx'
import { loadCategories, submitCategories } from '#app/modules/forums/categories-page.server.ts'
import { requireGroupForum } from '#app/modules/forums/resolve.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Forum categories') }]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { group, access, home } = await requireGroupForum(request, params.slug)
	return { title: `${group.name}’s forum`, home, categories: await loadCategories(access) }
}

export async function action({ request, params }: Route.ActionArgs) {
	const { access, home } = await requireGroupForum(request, params.slug)
	return submitCategories(request, access, `${home}/categories`)
}

export default function GroupCategories({ loaderData, actionData }: Route.ComponentProps) {
	return <CategoriesManager title={loaderData.title} forumHref={loaderData.home} categories={loaderData.categories} actionData={actionData} />
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
