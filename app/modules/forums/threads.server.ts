import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { db } from '#app/utils/db.server.ts'
import type { ForumAccess } from './access.server.ts'
import { POSTS_PER_PAGE, THREADS_PER_PAGE, type NotificationLevel } from './constants.ts'
import { getThreadState, readMarkers } from './reading.server.ts'
import { postViewSelect, toPostView } from './views.ts'

export const threadSummarySelect = {
	id: true,
	forumId: true,
	kind: true,
	title: true,
	blocker: true,
	pinned: true,
	locked: true,
	hiddenAt: true,
	acceptedPostId: true,
	replyCount: true,
	lastPostNumber: true,
	helpfulCount: true,
	lastActivityAt: true,
	createdAt: true,
	author: { select: { id: true, name: true } },
	category: { select: { id: true, slug: true, name: true } },
	tags: { select: { tag: { select: { name: true } } } },
} satisfies Prisma.ThreadSelect

type ThreadSummaryRow = Prisma.ThreadGetPayload<{ select: typeof threadSummarySelect }>

export type ThreadSummary = ReturnType<typeof toThreadSummary>

function toThreadSummary(row: ThreadSummaryRow, lastRead: number | undefined) {
	return {
		id: row.id,
		forumId: row.forumId,
		kind: row.kind,
		title: row.title,
		blocker: row.blocker,
		pinned: row.pinned,
		locked: row.locked,
		hidden: Boolean(row.hiddenAt),
		answered: Boolean(row.acceptedPostId),
		replyCount: row.replyCount,
		helpfulCount: row.helpfulCount,
		lastActivityAt: row.lastActivityAt.toISOString(),
		author: row.author,
		category: row.category,
		tags: row.tags.map((t) => t.tag.name),
		// Never opened: the thread is new to the viewer; otherwise the posts after their marker.
		isNew: lastRead === undefined,
		unreadCount: lastRead === undefined ? 0 : Math.max(0, row.lastPostNumber - lastRead),
	}
}

/** Adds the viewer's unread state to thread rows. */
export async function withReadState(userId: string, rows: ThreadSummaryRow[]) {
	const markers = await readMarkers(userId, rows.map((row) => row.id))
	return rows.map((row) => toThreadSummary(row, markers.get(row.id)))
}

export type ThreadListFilters = { categoryId?: string; tag?: string; page: number }

/** A forum's threads: pinned first, then by latest activity; hidden threads for moderators only. */
export async function listThreads(userId: string, access: ForumAccess, filters: ThreadListFilters) {
	const where: Prisma.ThreadWhereInput = {
		forumId: access.forumId,
		...(access.canModerate ? {} : { hiddenAt: null }),
		...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
		...(filters.tag ? { tags: { some: { tag: { name: filters.tag } } } } : {}),
	}
	const [total, rows] = await Promise.all([
		db.thread.count({ where }),
		db.thread.findMany({
			where,
			orderBy: [{ pinned: 'desc' }, { lastActivityAt: 'desc' }],
			skip: (filters.page - 1) * THREADS_PER_PAGE,
			take: THREADS_PER_PAGE,
			select: threadSummarySelect,
		}),
	])
	return { total, pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)), threads: await withReadState(userId, rows) }
}

export function pageOfPost(number: number): number {
	return Math.max(1, Math.ceil(number / POSTS_PER_PAGE))
}

/**
 * One page of a thread (posts are numbered, so a page is a range of numbers: a 2,000-post thread
 * costs the same to open as a short one). Hidden posts are left out for non-moderators.
 */
export async function getThreadPage(userId: string, access: ForumAccess, threadId: string, page: number) {
	const thread = await db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: {
			...threadSummarySelect,
			authorId: true,
			lessonHappened: true,
			lessonLearned: true,
			lessonDifferently: true,
			forum: { select: { id: true, isCommunity: true, group: { select: { slug: true, name: true } } } },
		},
	})
	const pageCount = pageOfPost(thread.lastPostNumber)
	const current = Math.min(Math.max(1, page), pageCount)
	const from = (current - 1) * POSTS_PER_PAGE + 1
	const rows = await db.post.findMany({
		where: {
			threadId,
			number: { gte: from, lt: from + POSTS_PER_PAGE },
			...(access.canModerate ? {} : { hiddenAt: null }),
		},
		orderBy: { number: 'asc' },
		select: postViewSelect,
	})
	const postIds = rows.map((row) => row.id)
	const [reactions, bookmarks, state] = await Promise.all([
		db.reaction.findMany({ where: { userId, postId: { in: postIds } }, select: { postId: true } }),
		db.bookmark.findMany({ where: { userId, postId: { in: postIds } }, select: { postId: true } }),
		getThreadState(userId, threadId),
	])
	const helpful = new Set(reactions.map((r) => r.postId))
	const bookmarked = new Set(bookmarks.map((b) => b.postId))
	return {
		thread: {
			...toThreadSummary(thread, state.lastReadPostNumber),
			authorId: thread.authorId,
			acceptedPostId: thread.acceptedPostId,
			lastPostNumber: thread.lastPostNumber,
			lesson:
				thread.kind === 'lesson'
					? { happened: thread.lessonHappened ?? '', learned: thread.lessonLearned ?? '', differently: thread.lessonDifferently ?? '' }
					: null,
			forum: {
				id: thread.forum.id,
				isCommunity: thread.forum.isCommunity,
				name: thread.forum.group?.name ?? 'Community',
				href: thread.forum.group ? `/g/${thread.forum.group.slug}/forum` : '/community',
			},
		},
		page: current,
		pageCount,
		posts: rows.map((row) => ({ ...toPostView(row), foundHelpful: helpful.has(row.id), bookmarked: bookmarked.has(row.id) })),
		lastReadPostNumber: state.lastReadPostNumber,
		level: state.level as NotificationLevel,
	}
}

/** The page and anchor of the first post the viewer has not read. */
export function firstUnreadLocation(lastRead: number, lastPostNumber: number): { page: number; number: number } {
	const number = Math.min(lastRead + 1, lastPostNumber)
	return { page: pageOfPost(number), number }
}
