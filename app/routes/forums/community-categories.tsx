import type { Route } from './+types/community-categories.ts'
import { CategoriesManager } from '#app/components/forum/categories-manager.tsx'
import { loadCategories, submitCategories } from '#app/modules/forums/categories-page.server.ts'
import { requireCommunityForum } from '#app/modules/forums/resolve.server.ts'
import { pageTitle } from '#app/utils/misc.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Community categories') }]

export async function loader({ request }: Route.LoaderArgs) {
	const { access, home } = await requireCommunityForum(request)
	return { home, categories: await loadCategories(access) }
}

export async function action({ request }: Route.ActionArgs) {
	const { access, home } = await requireCommunityForum(request)
	return submitCategories(request, access, `${home}/categories`)
}

export default function CommunityCategories({ loaderData, actionData }: Route.ComponentProps) {
	return <CategoriesManager title="the community forum" forumHref={loaderData.home} categories={loaderData.categories} actionData={actionData} />
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
