import { excerpt } from '#app/modules/markdown/markdown.ts'
import { db } from '#app/utils/db.server.ts'
import { listedPostWhere } from './access.server.ts'

/**
 * A member's recent posts as another member may see them on a profile: only forums the viewer
 * may read, never hidden or deleted posts, never hidden threads.
 */
export async function recentPostsBy(authorId: string, viewerId: string, take = 10) {
	const posts = await db.post.findMany({
		where: { authorId, ...(await listedPostWhere(viewerId)) },
		orderBy: { createdAt: 'desc' },
		take,
		select: {
			id: true,
			number: true,
			bodyText: true,
			createdAt: true,
			thread: { select: { id: true, title: true, kind: true } },
		},
	})
	return posts.map((post) => ({
		id: post.id,
		number: post.number,
		createdAt: post.createdAt,
		excerpt: excerpt(post.bodyText, 180),
		thread: post.thread,
	}))
}
