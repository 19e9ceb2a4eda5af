import { join, queryRows, sql, type Sql } from '#app/utils/sql.server.ts'
import { visiblePostSql, visibleThreadSql, type ForumAccess } from './access.server.ts'
import { POSTS_PER_PAGE, THREADS_PER_PAGE, type NotificationLevel } from './constants.ts'
import { draftKeys, toDraft } from './drafts.server.ts'
import { keptThreadCount } from './thread-counts.server.ts'
import { toPostView, type PostRow } from './views.ts'

/**
 * The columns of a thread summary, read by typed SQL (see sql.server.ts): a list page or a thread
 * page is then one statement, where Prisma read each relation with its own. `t` is the thread,
 * joined with its author `a`, category `c` and the viewer's read state `s` (see summaryJoins).
 */
const summaryColumns = sql`t."id", t."forumId", t."kind", t."title", t."blocker", t."pinned", t."locked", t."hiddenAt",
	t."acceptedPostId", t."replyCount", t."lastPostNumber", t."helpfulCount", t."lastActivityAt", t."createdAt",
	a."id" AS "authorId", a."name" AS "authorName", c."id" AS "categoryId", c."slug" AS "categorySlug",
	c."name" AS "categoryName", s."lastReadPostNumber" AS "lastRead", s."level" AS "level"`

const summaryJoins = (userId: string) => sql`JOIN "User" a ON a."id" = t."authorId"
	JOIN "Category" c ON c."id" = t."categoryId"
	LEFT JOIN "ThreadUserState" s ON s."userId" = ${userId} AND s."threadId" = t."id"`

type ThreadSummaryRow = {
	id: string
	forumId: string
	kind: string
	title: string
	blocker: string | null
	pinned: boolean
	locked: boolean
	hiddenAt: Date | null
	acceptedPostId: string | null
	replyCount: number
	lastPostNumber: number
	helpfulCount: number
	lastActivityAt: Date
	createdAt: Date
	authorId: string
	authorName: string
	categoryId: string
	categorySlug: string
	categoryName: string
	/** null when the viewer never opened the thread. */
	lastRead: number | null
	level: string | null
	/** Lists only (see lastPosterJoin): null when the last post is the opening one or not shown. */
	lastPosterId?: string | null
	lastPosterName?: string | null
}

export type ThreadSummary = ReturnType<typeof toThreadSummary>

function toThreadSummary(row: ThreadSummaryRow, tags: string[]) {
	const lastRead = row.lastRead ?? undefined
	return {
		id: row.id,
		forumId: row.forumId,
		kind: row.kind,
		title: row.title,
		blocker: row.blocker,
		pinned: Boolean(row.pinned),
		locked: Boolean(row.locked),
		hidden: Boolean(row.hiddenAt),
		answered: Boolean(row.acceptedPostId),
		replyCount: row.replyCount,
		helpfulCount: row.helpfulCount,
		lastActivityAt: row.lastActivityAt.toISOString(),
		author: { id: row.authorId, name: row.authorName },
		lastPoster: row.lastPosterId ? { id: row.lastPosterId, name: row.lastPosterName ?? '' } : null,
		category: { id: row.categoryId, slug: row.categorySlug, name: row.categoryName },
		tags,
		// Never opened: the thread is new to the viewer; otherwise the posts after their marker.
		isNew: lastRead === undefined,
		unreadCount: lastRead === undefined ? 0 : Math.max(0, row.lastPostNumber - lastRead),
	}
}

/** The tags of some threads, in one statement. */
async function tagsOf(threadIds: string[]): Promise<Map<string, string[]>> {
	const tags = new Map<string, string[]>(threadIds.map((id) => [id, []]))
	if (threadIds.length === 0) return tags
	const rows = await queryRows<{ threadId: string; name: string }>(sql`
		SELECT tt."threadId", tg."name" FROM "ThreadTag" tt JOIN "Tag" tg ON tg."id" = tt."tagId"
		WHERE tt."threadId" IN (${join(threadIds)}) ORDER BY tt."threadId", tt."tagId"`)
	for (const row of rows) tags.get(row.threadId)?.push(row.name)
	return tags
}

/**
 * A list row's last poster, in the list's own statement: the thread's last post by the unique
 * (threadId, number) index, when it is a reply the viewer may see (a hidden or deleted last post
 * names nobody).
 */
const lastPosterColumns = sql`lu."id" AS "lastPosterId", lu."name" AS "lastPosterName"`
const lastPosterJoin = (access: ForumAccess, userId: string) => sql`LEFT JOIN "Post" lp ON lp."threadId" = t."id"
		AND lp."number" = t."lastPostNumber" AND lp."number" > 1 AND lp."deletedAt" IS NULL AND ${visiblePostSql(access, sql`lp`, userId)}
	LEFT JOIN "User" lu ON lu."id" = lp."authorId"`

export type ThreadListFilters = { categoryId?: string; tag?: string; page: number }

/**
 * A forum's threads: pinned first, then by latest activity; hidden threads for moderators only.
 * The total comes from the counts kept on the forum and its categories (see thread-counts.server.ts),
 * so no page recounts the forum; only a tag filter, which has no kept count, counts its threads.
 * The order is served by the index on (forumId, hiddenAt, pinned, lastActivityAt) (and the one on
 * (forumId, categoryId, hiddenAt, pinned, lastActivityAt)), so skipping to a later page walks index
 * entries only and reads just the page's own rows.
 */
export async function listThreads(userId: string, access: ForumAccess, filters: ThreadListFilters) {
	const conditions = [sql`t."forumId" = ${access.forumId}`, visibleThreadSql(access, sql`t`)]
	if (filters.categoryId) conditions.push(sql`t."categoryId" = ${filters.categoryId}`)
	if (filters.tag) {
		conditions.push(sql`EXISTS (SELECT 1 FROM "ThreadTag" tt JOIN "Tag" tg ON tg."id" = tt."tagId" WHERE tt."threadId" = t."id" AND tg."name" = ${filters.tag})`)
	}
	const where = join(conditions, ' AND ')
	const total = filters.tag
		? await countRows(sql`SELECT COUNT(*) AS "count" FROM "Thread" t WHERE ${where}`)
		: await keptThreadCount(access, filters.categoryId)
	const pageCount = Math.max(1, Math.ceil(total / THREADS_PER_PAGE))
	// The page's ids first, from the index alone; then the rows and their relations for those 25.
	const rows = await queryRows<ThreadSummaryRow>(sql`
		SELECT ${summaryColumns}, ${lastPosterColumns} FROM (
			SELECT t."id" FROM "Thread" t WHERE ${where}
			ORDER BY t."pinned" DESC, t."lastActivityAt" DESC, t."id" DESC
			LIMIT ${THREADS_PER_PAGE} OFFSET ${(filters.page - 1) * THREADS_PER_PAGE}
		) page
		JOIN "Thread" t ON t."id" = page."id"
		${summaryJoins(userId)}
		${lastPosterJoin(access, userId)}
		ORDER BY t."pinned" DESC, t."lastActivityAt" DESC, t."id" DESC`)
	const tags = await tagsOf(rows.map((row) => row.id))
	return { total, pageCount, threads: rows.map((row) => toThreadSummary(row, tags.get(row.id) ?? [])) }
}

async function countRows(query: Sql): Promise<number> {
	const [row] = await queryRows<{ count: number | bigint }>(query)
	return Number(row?.count ?? 0)
}

export function pageOfPost(number: number): number {
	return Math.max(1, Math.ceil(number / POSTS_PER_PAGE))
}

type ThreadPageRow = ThreadSummaryRow & {
	authorIdOfThread: string
	lessonHappened: string | null
	lessonLearned: string | null
	lessonDifferently: string | null
	isCommunity: boolean
	groupSlug: string | null
	groupName: string | null
	unreadNotifications: unknown
	draftTitle: string | null
	draftBody: string | null
	draftData: string | null
	draftUpdatedAt: Date | null
}

type PostPageRow = Omit<PostRow, 'author' | '_count'> & {
	authorId: string
	authorName: string
	authorCompany: string
	authorHandle: string
	revisionCount: number | bigint
	foundHelpful: unknown
	bookmarked: unknown
}

/**
 * One page of a thread (posts are numbered, so a page is a range of numbers: a 2,000-post thread
 * costs the same to open as a short one). Hidden posts are left out for non-moderators. Three
 * statements: the thread with everything the viewer has in it (read marker, level, unread
 * notifications, reply draft), its tags, and the page's posts with their authors, revision
 * counts and the viewer's reactions and bookmarks.
 */
export async function getThreadPage(userId: string, access: ForumAccess, threadId: string, page: number) {
	const [[thread], tags] = await Promise.all([
		queryRows<ThreadPageRow>(sql`
			SELECT ${summaryColumns}, t."authorId" AS "authorIdOfThread", t."lessonHappened", t."lessonLearned", t."lessonDifferently",
				f."isCommunity", g."slug" AS "groupSlug", g."name" AS "groupName",
				EXISTS (SELECT 1 FROM "Notification" n WHERE n."userId" = ${userId} AND n."threadId" = t."id" AND n."readAt" IS NULL) AS "unreadNotifications",
				d."title" AS "draftTitle", d."body" AS "draftBody", d."data" AS "draftData", d."updatedAt" AS "draftUpdatedAt"
			FROM "Thread" t
			${summaryJoins(userId)}
			JOIN "Forum" f ON f."id" = t."forumId"
			LEFT JOIN "Group" g ON g."id" = f."groupId"
			LEFT JOIN "Draft" d ON d."userId" = ${userId} AND d."key" = ${draftKeys.reply(threadId)}
			WHERE t."id" = ${threadId}`),
		tagsOf([threadId]),
	])
	if (!thread) throw new Error(`Thread ${threadId} not found`)
	const pageCount = pageOfPost(thread.lastPostNumber)
	const current = Math.min(Math.max(1, page), pageCount)
	const from = (current - 1) * POSTS_PER_PAGE + 1
	const rows = await queryRows<PostPageRow>(sql`
		SELECT p."id", p."threadId", p."number", p."body", p."bodyHtml", p."createdAt", p."editedAt", p."deletedAt", p."hiddenAt", p."hiddenReason",
			p."helpfulCount", u."id" AS "authorId", u."name" AS "authorName", u."company" AS "authorCompany", u."handle" AS "authorHandle",
			(SELECT COUNT(*) FROM "PostRevision" r WHERE r."postId" = p."id") AS "revisionCount",
			EXISTS (SELECT 1 FROM "Reaction" x WHERE x."postId" = p."id" AND x."userId" = ${userId}) AS "foundHelpful",
			EXISTS (SELECT 1 FROM "Bookmark" b WHERE b."userId" = ${userId} AND b."postId" = p."id") AS "bookmarked"
		FROM "Post" p
		JOIN "User" u ON u."id" = p."authorId"
		WHERE p."threadId" = ${threadId} AND p."number" >= ${from} AND p."number" < ${from + POSTS_PER_PAGE}
			AND ${visiblePostSql(access, sql`p`, userId)}
		ORDER BY p."number" ASC`)
	const lastReadPostNumber = thread.lastRead ?? 0
	return {
		thread: {
			...toThreadSummary(thread, tags.get(threadId) ?? []),
			authorId: thread.authorIdOfThread,
			acceptedPostId: thread.acceptedPostId,
			lastPostNumber: thread.lastPostNumber,
			lesson:
				thread.kind === 'lesson'
					? { happened: thread.lessonHappened ?? '', learned: thread.lessonLearned ?? '', differently: thread.lessonDifferently ?? '' }
					: null,
			forum: {
				id: thread.forumId,
				isCommunity: Boolean(thread.isCommunity),
				name: thread.groupName ?? 'Community',
				href: thread.groupSlug !== null ? `/g/${thread.groupSlug}/forum` : '/community',
			},
		},
		page: current,
		pageCount,
		posts: rows.map((row) => ({
			...toPostView({
				...row,
				author: { id: row.authorId, name: row.authorName, company: row.authorCompany, handle: row.authorHandle },
				_count: { revisions: Number(row.revisionCount) },
			}),
			foundHelpful: Boolean(row.foundHelpful),
			bookmarked: Boolean(row.bookmarked),
		})),
		lastReadPostNumber,
		level: (thread.level ?? 'tracking') as NotificationLevel,
		/** Whether opening this page has notifications to mark read (so a reader with none writes nothing). */
		hasUnreadNotifications: Boolean(thread.unreadNotifications),
		draft:
			thread.draftUpdatedAt === null
				? null
				: toDraft({ title: thread.draftTitle ?? '', body: thread.draftBody ?? '', data: thread.draftData ?? '{}', updatedAt: thread.draftUpdatedAt }),
	}
}

/** The page and anchor of the first post the viewer has not read. */
export function firstUnreadLocation(lastRead: number, lastPostNumber: number): { page: number; number: number } {
	const number = Math.min(lastRead + 1, lastPostNumber)
	return { page: pageOfPost(number), number }
}
