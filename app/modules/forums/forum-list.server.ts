import { pageParam } from '#app/utils/pagination.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readableForumIds, type ForumAccess } from './access.server.ts'
import { listCategories } from './forums.server.ts'
import { listThreads } from './threads.server.ts'

/** What a forum's thread list page shows, for a group forum and the community forum alike. */
export async function loadForumList(userId: string, forumId: string, access: ForumAccess, url: URL) {
	const categories = await listCategories(forumId)
	const categorySlug = url.searchParams.get('category')
	const category = categorySlug ? categories.find((c) => c.slug === categorySlug) : undefined
	const tag = url.searchParams.get('tag')?.toLowerCase() || undefined
	const page = pageParam(url)
	const list = await listThreads(userId, access, { categoryId: category?.id, tag, page })
	return {
		forumId,
		canModerate: access.canModerate,
		canPost: access.canPost,
		categories: categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name, description: c.description, threadCount: c.threadCount })),
		currentCategory: category?.slug ?? null,
		tag: tag ?? null,
		page,
		...list,
	}
}

/** The forums the viewer may search, for the forum filter: their groups' forums, then Community. */
export async function searchableForums(
	viewer: Pick<SessionUser, 'id'>,
): Promise<Array<{ id: string; name: string }>> {
	const ids = await readableForumIds(viewer.id)
	if (ids.length === 0) return []
	const forums = await db.forum.findMany({
		where: { id: { in: ids } },
		select: { id: true, isCommunity: true, group: { select: { name: true } } },
	})
	return forums
		.map((forum) => ({
			id: forum.id,
			name: forum.group?.name ?? 'Community',
			isCommunity: forum.isCommunity,
		}))
		.sort((a, b) => Number(a.isCommunity) - Number(b.isCommunity) || a.name.localeCompare(b.name))
		.map(({ id, name }) => ({ id, name }))
}
