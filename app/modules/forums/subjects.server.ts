// What the forums register with notifications and search (their registries list these): forum
// posts as subjects, with the forums' access rule (access.server.ts) in the forms each needs.
import type { NotificationSubject } from '#app/modules/notifications/subjects.server.ts'
import type { SearchSubject } from '#app/modules/search/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql, type Sql } from '#app/utils/sql.server.ts'
import { listedThreadSql, readableForumIds } from './access.server.ts'
import { FORUM_POST } from './constants.ts'

/**
 * Notifications about a post are seen while its thread is readable and not hidden (by anyone,
 * moderators included: the notification list is not a moderation tool); a deleted or hidden post
 * keeps its notifications, which lead to its place in the thread.
 */
function postNotificationReadable(userId: string, postId: Sql): Sql {
	return sql`EXISTS (SELECT 1 FROM "Post" sp JOIN "Thread" st ON st."id" = sp."threadId"
		WHERE sp."id" = ${postId} AND ${listedThreadSql(userId, sql`st`)})`
}

const forumPostNotifications: NotificationSubject = {
	kind: FORUM_POST,
	readableSql: postNotificationReadable,
	async readable(userId, postIds) {
		if (postIds.length === 0) return new Set()
		const rows = await queryRows<{ id: string }>(sql`
			SELECT p."id" FROM "Post" p WHERE p."id" IN (${join(postIds)}) AND ${postNotificationReadable(userId, sql`p."id"`)}`)
		return new Set(rows.map((row) => row.id))
	},
	async links(postIds) {
		if (postIds.length === 0) return new Map()
		const posts = await db.post.findMany({
			where: { id: { in: postIds } },
			select: { id: true, number: true, threadId: true, deletedAt: true, hiddenAt: true, thread: { select: { title: true } } },
		})
		return new Map(
			posts.map((post) => [
				post.id,
				{
					href: `/t/${post.threadId}?post=${post.number}`,
					title: post.thread.title,
					note: post.deletedAt
						? 'the post has since been deleted'
						: post.hiddenAt
							? 'the post has since been removed by a moderator'
							: null,
				},
			]),
		)
	},
}

export const forumNotificationSubjects: NotificationSubject[] = [forumPostNotifications]

/** A post's document's scope is its forum; search checks the thread and post in SQL besides. */
const forumPostSearch: SearchSubject = {
	kind: FORUM_POST,
	scopes: (viewer) => readableForumIds(viewer.id),
}

export const forumSearchSubjects: SearchSubject[] = [forumPostSearch]
