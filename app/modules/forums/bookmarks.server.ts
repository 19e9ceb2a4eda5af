import { excerpt } from '#app/modules/markdown/markdown.ts'
import { db } from '#app/utils/db.server.ts'
import { listedPostWhere } from './access.server.ts'

export const BOOKMARKS_PER_PAGE = 20
const EXCERPT_LENGTH = 280

/**
 * The user's bookmarks that they can still read, newest first. A bookmark in a forum they have
 * left, on a post since deleted or hidden, or in a hidden thread is kept but not listed: it
 * comes back if the post does.
 */
export async function listBookmarks(userId: string, page: number) {
	const where = { userId, post: await listedPostWhere(userId) }
	const [total, rows] = await Promise.all([
		db.bookmark.count({ where }),
		db.bookmark.findMany({
			where,
			orderBy: [{ createdAt: 'desc' }, { postId: 'desc' }],
			skip: (page - 1) * BOOKMARKS_PER_PAGE,
			take: BOOKMARKS_PER_PAGE,
			select: {
				createdAt: true,
				post: {
					select: {
						id: true,
						number: true,
						bodyText: true,
						createdAt: true,
						author: { select: { id: true, name: true } },
						thread: { select: { id: true, title: true, forum: { select: { group: { select: { name: true } } } } } },
					},
				},
			},
		}),
	])
	return {
		total,
		pageCount: Math.max(1, Math.ceil(total / BOOKMARKS_PER_PAGE)),
		bookmarks: rows.map(({ createdAt, post }) => ({
			postId: post.id,
			href: `/t/${post.thread.id}?post=${post.number}`,
			bookmarkedAt: createdAt,
			postedAt: post.createdAt,
			author: post.author,
			thread: { id: post.thread.id, title: post.thread.title },
			place: post.thread.forum.group?.name ?? 'Community',
			isOpeningPost: post.number === 1,
			excerpt: excerpt(post.bodyText, EXCERPT_LENGTH),
		})),
	}
}

/** Removes one of the user's bookmarks; false when there was none. */
export async function removeBookmark(userId: string, postId: string): Promise<boolean> {
	const { count } = await db.bookmark.deleteMany({ where: { userId, postId } })
	return count > 0
}
