import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import type { ForumAccess } from './access.server.ts'
import { createCategory, deleteCategory, listCategories, updateCategory } from './forums.server.ts'
import { CategorySchema } from './schemas.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import { invariantResponse } from '#app/utils/responses.ts'

export async function loadCategories(access: ForumAccess) {
	invariantResponse(access.canModerate, 'Only moderators manage categories', { status: 403 })
	const categories = await listCategories(access.forumId)
	return categories.map((c) => ({ id: c.id, name: c.name, description: c.description, threadCount: c.threadCount }))
}

/** Create, rename or delete a category (moving its threads), for a forum's moderators. */
export async function submitCategories(request: Request, access: ForumAccess, here: string) {
	invariantResponse(access.canModerate, 'Only moderators manage categories', { status: 403 })
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	if (intent === 'delete') {
		const outcome = await deleteCategory(access.forumId, String(formData.get('categoryId') ?? ''), String(formData.get('moveTo') ?? '') || undefined)
		if (!outcome.ok) return data({ intent, categoryId: String(formData.get('categoryId')), error: outcome.error, result: null }, { status: 400 })
		return redirectWithToast(here, { title: 'Category deleted' })
	}
	const submission = parseWithZod(formData, { schema: CategorySchema })
	if (submission.status !== 'success') {
		return data({ intent, categoryId: String(formData.get('categoryId') ?? ''), error: null, result: replyWithin(submission, CategorySchema) }, { status: 400 })
	}
	if (intent === 'update') {
		const updated = await updateCategory(access.forumId, String(formData.get('categoryId') ?? ''), submission.value)
		if (!updated) return data({ intent, categoryId: '', error: 'That category no longer exists.', result: null }, { status: 400 })
		return redirectWithToast(here, { title: 'Category saved' })
	}
	await createCategory(access.forumId, submission.value)
	return redirectWithToast(here, { title: `Category “${submission.value.name}” created` })
}
