import { db } from '#app/utils/db.server.ts'
import type { ForumAccess } from './access.server.ts'

/**
 * How many threads a forum's list holds for this reader: every thread for moderators, those not
 * hidden for members. The counts live on Forum and Category, kept by database triggers on Thread
 * (migration thread_counts), so reading them is one primary-key lookup whatever the forum's size.
 * A migration that rebuilds the Thread table on SQLite drops its triggers: it must create them again.
 */
export async function keptThreadCount(access: ForumAccess, categoryId?: string): Promise<number> {
	const select = { threadCount: true, visibleThreadCount: true } as const
	const row = categoryId
		? await db.category.findFirst({ where: { id: categoryId, forumId: access.forumId }, select })
		: await db.forum.findUnique({ where: { id: access.forumId }, select })
	if (!row) return 0
	return access.canModerate ? row.threadCount : row.visibleThreadCount
}
