import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { COMMUNITY_FORUM_ID, DEFAULT_CATEGORIES } from './constants.ts'


/** A group's forum with the default categories; called when the group is created. */
export async function createGroupForum(tx: DbTransaction, group: { id: string; name: string }) {
	return tx.forum.create({
		data: {
			groupId: group.id,
			name: `${group.name} forum`,
			categories: { create: DEFAULT_CATEGORIES.map((category, position) => ({ ...category, position })) },
		},
		select: { id: true },
	})
}

/** The community forum exists once; it is created on first use. */
export async function ensureCommunityForum() {
	const existing = await db.forum.findUnique({ where: { id: COMMUNITY_FORUM_ID }, select: { id: true } })
	if (existing) return existing
	try {
		return await db.forum.create({
			data: {
				id: COMMUNITY_FORUM_ID,
				isCommunity: true,
				name: 'Community',
				categories: {
					create: DEFAULT_CATEGORIES.filter((c) => c.slug !== 'meetings').map((category, position) => ({
						...category,
						position,
					})),
				},
			},
			select: { id: true },
		})
	} catch {
		// Two first requests at once: the other one created it.
		return db.forum.findUniqueOrThrow({ where: { id: COMMUNITY_FORUM_ID }, select: { id: true } })
	}
}

export function getGroupForum(groupId: string) {
	return db.forum.findUnique({ where: { groupId }, select: { id: true, name: true } })
}

export function listCategories(forumId: string) {
	return db.category.findMany({
		where: { forumId },
		orderBy: [{ position: 'asc' }, { name: 'asc' }],
		select: { id: true, slug: true, name: true, description: true, threadCount: true, visibleThreadCount: true },
	})
}

/** Where a forum lives in the app: its list page and its moderators' category page. */
export async function forumHome(forumId: string): Promise<{ href: string; name: string; groupSlug: string | null }> {
	if (forumId === COMMUNITY_FORUM_ID) return { href: '/community', name: 'Community', groupSlug: null }
	const forum = await db.forum.findUnique({ where: { id: forumId }, select: { group: { select: { slug: true, name: true } } } })
	const slug = forum?.group?.slug ?? ''
	return { href: `/g/${slug}/forum`, name: forum?.group?.name ?? 'Forum', groupSlug: slug || null }
}

export function slugifyCategory(name: string): string {
	return (
		name
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'category'
	)
}

export async function createCategory(forumId: string, input: { name: string; description: string }) {
	const base = slugifyCategory(input.name)
	let slug = base
	for (let n = 2; await db.category.findUnique({ where: { forumId_slug: { forumId, slug } } }); n++) slug = `${base}-${n}`
	const last = await db.category.findFirst({ where: { forumId }, orderBy: { position: 'desc' }, select: { position: true } })
	return db.category.create({ data: { forumId, slug, ...input, position: (last?.position ?? -1) + 1 } })
}

export async function updateCategory(forumId: string, categoryId: string, input: { name: string; description: string }) {
	const { count } = await db.category.updateMany({ where: { id: categoryId, forumId }, data: input })
	return count === 1
}

/** A category with threads can only go when its threads move to another category first. */
export async function deleteCategory(forumId: string, categoryId: string, moveToId?: string) {
	return db.$transaction(async (tx) => {
		const category = await tx.category.findFirst({ where: { id: categoryId, forumId }, select: { id: true, threadCount: true } })
		if (!category) return { ok: false as const, error: 'That category no longer exists.' }
		if ((await tx.category.count({ where: { forumId } })) <= 1) {
			return { ok: false as const, error: 'A forum needs at least one category.' }
		}
		if (category.threadCount > 0) {
			const target = moveToId ? await tx.category.findFirst({ where: { id: moveToId, forumId }, select: { id: true } }) : null
			if (!target || target.id === categoryId) {
				return { ok: false as const, error: 'This category has threads: choose another category to move them to.' }
			}
			await tx.thread.updateMany({ where: { categoryId }, data: { categoryId: target.id } })
		}
		await tx.category.delete({ where: { id: categoryId } })
		return { ok: true as const }
	})
}
