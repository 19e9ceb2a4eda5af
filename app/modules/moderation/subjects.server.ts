// What moderation registers with notifications (the registry in notifications/subjects.server.ts
// lists these): a member's flag, seen by its reporter alone; and a hidden post or review, seen by
// its author alone, with the reason. Each is seen while its author or reporter still reads the
// forum or catalogue it belongs to.
import type {
	NotificationLink,
	NotificationSubject,
} from '#app/modules/notifications/subjects.server.ts'
import { readableForumCondition } from '#app/modules/forums/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql, type Sql } from '#app/utils/sql.server.ts'
import { MODERATION_FLAG, MODERATION_POST, MODERATION_RATING } from './constants.ts'
import { FLAG_HIDDEN_REASON, FLAG_STATUS_WORDS } from './flag-schemas.ts'

function subject(
	kind: string,
	table: Sql,
	readableSql: (userId: string, subjectId: Sql) => Sql,
	links: (ids: string[]) => Promise<Map<string, NotificationLink>>,
): NotificationSubject {
	return {
		kind,
		readableSql,
		async readable(userId, ids) {
			if (ids.length === 0) return new Set()
			const rows = await queryRows<{ id: string }>(sql`
				SELECT s."id" FROM ${table} s WHERE s."id" IN (${join(ids)}) AND ${readableSql(userId, sql`s."id"`)}`)
			return new Set(rows.map((row) => row.id))
		},
		links,
	}
}

/** Why a hidden thing is hidden, as its author reads it. */
export function hiddenNote(hidden: {
	hiddenAt: Date | null
	hiddenById: string | null
	hiddenReason: string | null
}): string {
	if (!hidden.hiddenAt) return 'it is shown again'
	if (!hidden.hiddenById) return FLAG_HIDDEN_REASON
	return `Hidden by a moderator: ${hidden.hiddenReason ?? ''}`.trim()
}

const postHidden = subject(
	MODERATION_POST,
	sql`"Post"`,
	(
		userId,
		postId,
	) => sql`EXISTS (SELECT 1 FROM "Post" mp JOIN "Thread" mt ON mt."id" = mp."threadId"
		WHERE mp."id" = ${postId} AND mp."authorId" = ${userId} AND ${readableForumCondition(userId, sql`mt."forumId"`)})`,
	async (ids) => {
		if (ids.length === 0) return new Map()
		const posts = await db.post.findMany({
			where: { id: { in: ids } },
			select: {
				id: true,
				number: true,
				threadId: true,
				hiddenAt: true,
				hiddenById: true,
				hiddenReason: true,
				thread: { select: { title: true } },
			},
		})
		return new Map(
			posts.map((post) => [
				post.id,
				{
					href: `/t/${post.threadId}?post=${post.number}`,
					title: `your post in “${post.thread.title}”`,
					note: hiddenNote(post),
				},
			]),
		)
	},
)

const ratingHidden = subject(
	MODERATION_RATING,
	sql`"ProgramRating"`,
	(userId, ratingId) =>
		sql`EXISTS (SELECT 1 FROM "ProgramRating" mr WHERE mr."id" = ${ratingId} AND mr."memberId" = ${userId})`,
	async (ids) => {
		if (ids.length === 0) return new Map()
		const ratings = await db.programRating.findMany({
			where: { id: { in: ids } },
			select: {
				id: true,
				programId: true,
				hiddenAt: true,
				hiddenById: true,
				hiddenReason: true,
				program: { select: { name: true } },
			},
		})
		return new Map(
			ratings.map((rating) => [
				rating.id,
				{
					href: `/programs/${rating.programId}#review-${rating.id}`,
					title: `your review of ${rating.program.name}`,
					note: hiddenNote(rating),
				},
			]),
		)
	},
)

const flagHandled = subject(
	MODERATION_FLAG,
	sql`"Flag"`,
	(userId, flagId) =>
		sql`EXISTS (SELECT 1 FROM "Flag" mf WHERE mf."id" = ${flagId} AND mf."reporterId" = ${userId})`,
	async (ids) => {
		if (ids.length === 0) return new Map()
		const flags = await db.flag.findMany({
			where: { id: { in: ids } },
			select: { id: true, subjectKind: true, subjectId: true, status: true },
		})
		const titles = await flagSubjectTitles(flags)
		return new Map(
			flags.map((flag) => [
				flag.id,
				{
					href: `/flag?kind=${flag.subjectKind}&id=${encodeURIComponent(flag.subjectId)}`,
					title: titles.get(`${flag.subjectKind}:${flag.subjectId}`) ?? 'something you flagged',
					note: FLAG_STATUS_WORDS[flag.status] ?? null,
				},
			]),
		)
	},
)

/** What a flagged thing is called in a list: its thread's title, or the reviewed program's name. */
export async function flagSubjectTitles(
	items: Array<{ subjectKind: string; subjectId: string }>,
): Promise<Map<string, string>> {
	const ids = (kind: string) =>
		items.filter((item) => item.subjectKind === kind).map((item) => item.subjectId)
	const [posts, threads, ratings] = await Promise.all([
		db.post.findMany({
			where: { id: { in: ids('post') } },
			select: { id: true, thread: { select: { title: true } } },
		}),
		db.thread.findMany({ where: { id: { in: ids('thread') } }, select: { id: true, title: true } }),
		db.programRating.findMany({
			where: { id: { in: ids('rating') } },
			select: { id: true, program: { select: { name: true } } },
		}),
	])
	return new Map([
		...posts.map((post) => [`post:${post.id}`, `a post in “${post.thread.title}”`] as const),
		...threads.map((thread) => [`thread:${thread.id}`, `“${thread.title}”`] as const),
		...ratings.map(
			(rating) => [`rating:${rating.id}`, `a review of ${rating.program.name}`] as const,
		),
	])
}

export const moderationNotificationSubjects: NotificationSubject[] = [
	flagHandled,
	postHidden,
	ratingHidden,
]
