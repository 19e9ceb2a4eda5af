import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { Route } from './+types/categories.ts'
import { CategoriesManager } from '#app/components/forum/categories-manager.tsx'
import { createCategory, deleteCategory, listCategories, updateCategory } from '#app/modules/forums/forums.server.ts'
import { CategorySchema } from '#app/modules/forums/schemas.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireForum } from '#app/utils/permissions.server.ts'
import { invariantResponse } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// One page for a group's forum (/g/:slug/forum/categories) and the community's (/community/categories).
export const meta: Route.MetaFunction = ({ params }) => [{ title: pageTitle(params.slug ? 'Forum categories' : 'Community categories') }]

async function requireModerated(request: Request, slug: string | undefined) {
	const found = await requireForum(request, slug)
	invariantResponse(found.access.canModerate, 'Only moderators manage categories', { status: 403 })
	return found
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { groupName, access, home } = await requireModerated(request, params.slug)
	const categories = await listCategories(access.forumId)
	return {
		title: groupName === null ? 'the community forum' : `${groupName}’s forum`,
		home,
		categories: categories.map((c) => ({ id: c.id, name: c.name, description: c.description, threadCount: c.threadCount })),
	}
}

/** Create, rename or delete a category (moving its threads). */
export async function action({ request, params }: Route.ActionArgs) {
	const { access, home } = await requireModerated(request, params.slug)
	const here = `${home}/categories`
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const categoryId = String(formData.get('categoryId') ?? '')
	if (intent === 'delete') {
		const outcome = await deleteCategory(access.forumId, categoryId, String(formData.get('moveTo') ?? '') || undefined)
		if (!outcome.ok) return data({ intent, categoryId: String(formData.get('categoryId')), error: outcome.error, result: null }, { status: 400 })
		return redirectWithToast(here, { title: 'Category deleted' })
	}
	const submission = parseWithZod(formData, { schema: CategorySchema })
	if (submission.status !== 'success') {
		return data({ intent, categoryId, error: null, result: replyWithin(submission, CategorySchema) }, { status: 400 })
	}
	if (intent === 'update') {
		const updated = await updateCategory(access.forumId, categoryId, submission.value)
		if (!updated) return data({ intent, categoryId: '', error: 'That category no longer exists.', result: null }, { status: 400 })
		return redirectWithToast(here, { title: 'Category saved' })
	}
	await createCategory(access.forumId, submission.value)
	return redirectWithToast(here, { title: `Category “${submission.value.name}” created` })
}

export default function Categories({ loaderData, actionData }: Route.ComponentProps) {
	return <CategoriesManager title={loaderData.title} forumHref={loaderData.home} categories={loaderData.categories} actionData={actionData} />
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
