// What a result shows of its post, read in one plain join on either engine: a Prisma findMany
// with nested relations took 5–45 ms for twenty posts on a busy machine (several queries and the
// client's own work on the main thread), the join well under a millisecond.

export type ResultRow = {
	postId: string
	number: number
	createdAt: string | Date
	authorId: string
	authorName: string
	threadId: string
	threadTitle: string
	kind: string
	blocker: string | null
	groupSlug: string | null
	groupName: string | null
}

/** The SELECT, with `placeholders` standing for the post ids (`?, ?` or a Prisma list). */
export function resultRowsSql(placeholders: string): string {
	return `
		SELECT p."id" AS "postId", p."number" AS "number", p."createdAt" AS "createdAt",
			u."id" AS "authorId", u."name" AS "authorName",
			t."id" AS "threadId", t."title" AS "threadTitle", t."kind" AS "kind", t."blocker" AS "blocker",
			g."slug" AS "groupSlug", g."name" AS "groupName"
		FROM "Post" p
		JOIN "User" u ON u."id" = p."authorId"
		JOIN "Thread" t ON t."id" = p."threadId"
		JOIN "Forum" f ON f."id" = t."forumId"
		LEFT JOIN "Group" g ON g."id" = f."groupId"
		WHERE p."id" IN (${placeholders})`
}
