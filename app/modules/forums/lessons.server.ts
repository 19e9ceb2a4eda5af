import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { listGroupsOf } from '#app/modules/groups/groups.server.ts'
import { excerpt } from '#app/modules/markdown/markdown.ts'
import { db } from '#app/utils/db.server.ts'
import { listedThreadWhere, type ForumAccess } from './access.server.ts'
import { BLOCKERS, type Blocker } from './constants.ts'
import type { LessonSort } from './lessons.ts'
import { forumCan } from './permissions.ts'

// The lessons library: lesson threads from every forum the member may read, in one place.

export const LESSONS_PER_PAGE = 20

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

export type LessonFilters = { blocker?: Blocker; tag?: string; sort: LessonSort; page: number }

const EXCERPT_LENGTH = 220

const ORDER: Record<LessonSort, Prisma.ThreadOrderByWithRelationInput[]> = {
	newest: [{ createdAt: 'desc' }, { id: 'desc' }],
	helpful: [{ helpfulCount: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
}

const POPULAR_TAGS = 12

export async function listLessons(viewer: Viewer, filters: LessonFilters) {
	// Listed lessons: hidden ones stay out even for moderators (the library is for reading).
	const readable: Prisma.ThreadWhereInput = { kind: 'lesson', ...(await listedThreadWhere(viewer.id)) }
	const byTag: Prisma.ThreadWhereInput = filters.tag
		? { tags: { some: { tag: { name: filters.tag } } } }
		: {}
	const where: Prisma.ThreadWhereInput = {
		...readable,
		...byTag,
		...(filters.blocker ? { blocker: filters.blocker } : {}),
	}
	const [total, rows, blockerCounts, tagCounts] = await Promise.all([
		db.thread.count({ where }),
		db.thread.findMany({
			where,
			orderBy: ORDER[filters.sort],
			skip: (filters.page - 1) * LESSONS_PER_PAGE,
			take: LESSONS_PER_PAGE,
			select: {
				id: true,
				title: true,
				blocker: true,
				helpfulCount: true,
				replyCount: true,
				createdAt: true,
				lessonLearnedText: true,
				author: { select: { id: true, name: true } },
				forum: { select: { group: { select: { slug: true, name: true } } } },
				tags: { select: { tag: { select: { name: true } } } },
			},
		}),
		// Per blocker, within the current tag: the counts on the blocker chips.
		db.thread.groupBy({
			by: ['blocker'],
			where: { ...readable, ...byTag },
			_count: { _all: true },
		}),
		db.threadTag.groupBy({
			by: ['tagId'],
			where: { thread: readable },
			_count: { tagId: true },
			orderBy: { _count: { tagId: 'desc' } },
			take: POPULAR_TAGS,
		}),
	])
	const tagNames = await db.tag.findMany({
		where: { id: { in: tagCounts.map((t) => t.tagId) } },
		select: { id: true, name: true },
	})
	const nameOf = new Map(tagNames.map((tag) => [tag.id, tag.name]))
	const countOf = new Map(blockerCounts.map((row) => [row.blocker, row._count._all]))
	return {
		total,
		page: filters.page,
		pageCount: Math.max(1, Math.ceil(total / LESSONS_PER_PAGE)),
		blockers: BLOCKERS.map((blocker) => ({ blocker, count: countOf.get(blocker) ?? 0 })),
		popularTags: tagCounts.flatMap((t) =>
			nameOf.has(t.tagId) ? [{ name: nameOf.get(t.tagId)!, count: t._count.tagId }] : [],
		),
		lessons: rows.map((row) => ({
			id: row.id,
			title: row.title,
			blocker: row.blocker,
			helpfulCount: row.helpfulCount,
			replyCount: row.replyCount,
			createdAt: row.createdAt.toISOString(),
			learned: excerpt(row.lessonLearnedText ?? '', EXCERPT_LENGTH),
			author: row.author,
			forum: row.forum.group
				? { name: row.forum.group.name, href: `/g/${row.forum.group.slug}/forum` }
				: { name: 'Community', href: '/community' },
			tags: row.tags.map((t) => t.tag.name),
		})),
	}
}

/** Where "share a lesson" leads: the new-lesson form of the member's first group, else the community's. */
export async function shareLessonHref(viewer: Viewer): Promise<string | null> {
	const [first] = await listGroupsOf(viewer.id)
	if (first) return `/g/${first.group.slug}/forum/new?kind=lesson`
	return viewer.isSiteAdmin ? '/community/new?kind=lesson' : null
}

/** A lesson's parts as its editor sees them; null unless the thread is a lesson this viewer may edit. */
export async function getEditableLesson(viewer: { id: string }, access: ForumAccess, threadId: string) {
	const lesson = await db.thread.findUniqueOrThrow({
		where: { id: threadId },
		select: { title: true, blocker: true, lessonHappened: true, lessonLearned: true, lessonDifferently: true, kind: true },
	})
	const opening = await db.post.findUniqueOrThrow({ where: { threadId_number: { threadId, number: 1 } }, select: { authorId: true, deletedAt: true, number: true } })
	return lesson.kind === 'lesson' && forumCan.editPost(viewer, access, opening) ? lesson : null
}
