import { db, dbEngine, type DbTransaction } from '#app/utils/db.server.ts'
import { empty, queryRows, sql } from '#app/utils/sql.server.ts'
import { listedThreadSql } from './access.server.ts'
import type { NotificationLevel } from './constants.ts'

/** Moves the user's read marker forward (never back). */
export async function markRead(userId: string, threadId: string, upToNumber: number): Promise<void> {
	const state = await db.threadUserState.findUnique({ where: { userId_threadId: { userId, threadId } }, select: { lastReadPostNumber: true } })
	if (!state) {
		await db.threadUserState
			.create({ data: { userId, threadId, lastReadPostNumber: upToNumber } })
			.catch(() => db.threadUserState.updateMany({ where: { userId, threadId, lastReadPostNumber: { lt: upToNumber } }, data: { lastReadPostNumber: upToNumber } }))
		return
	}
	if (state.lastReadPostNumber >= upToNumber) return
	await db.threadUserState.updateMany({
		where: { userId, threadId, lastReadPostNumber: { lt: upToNumber } },
		data: { lastReadPostNumber: upToNumber },
	})
}

export async function getThreadState(userId: string, threadId: string) {
	const state = await db.threadUserState.findUnique({
		where: { userId_threadId: { userId, threadId } },
		select: { lastReadPostNumber: true, level: true },
	})
	return { lastReadPostNumber: state?.lastReadPostNumber ?? 0, level: (state?.level ?? 'tracking') as NotificationLevel }
}

export async function setNotificationLevel(userId: string, threadId: string, level: NotificationLevel) {
	await db.threadUserState.upsert({
		where: { userId_threadId: { userId, threadId } },
		create: { userId, threadId, level },
		update: { level },
	})
}

/**
 * Threads you start or reply to are watched, unless you chose a level yourself; your marker moves
 * past your own post. One statement (it runs inside the reply's transaction, where every
 * statement holds the others back): the same SQL on SQLite and PostgreSQL.
 */
export async function watchUnlessChosen(tx: DbTransaction, userId: string, threadId: string, readUpTo: number) {
	await tx.$executeRaw`
		INSERT INTO "ThreadUserState" ("userId", "threadId", "level", "lastReadPostNumber")
		VALUES (${userId}, ${threadId}, 'watching', ${readUpTo})
		ON CONFLICT ("userId", "threadId") DO UPDATE SET
			"level" = COALESCE("ThreadUserState"."level", 'watching'),
			"lastReadPostNumber" = CASE
				WHEN "ThreadUserState"."lastReadPostNumber" > excluded."lastReadPostNumber" THEN "ThreadUserState"."lastReadPostNumber"
				ELSE excluded."lastReadPostNumber"
			END`
}

/** Unread counts for a page of threads: posts after the user's marker (0 for threads never opened shows all as new). */
export async function readMarkers(userId: string, threadIds: string[]): Promise<Map<string, number>> {
	if (threadIds.length === 0) return new Map()
	const states = await db.threadUserState.findMany({
		where: { userId, threadId: { in: threadIds } },
		select: { threadId: true, lastReadPostNumber: true },
	})
	return new Map(states.map((s) => [s.threadId, s.lastReadPostNumber]))
}

/** How far back a thread the reader never opened still counts as new to them (the home page). */
export const NEW_THREAD_DAYS = 14
/**
 * How far back activity in a thread they opened still counts as unread on the home page, a view of
 * the member's day (the forum lists show every unread thread). It bounds the walk: the statement
 * reads threads newest first by their last activity (an index), never the whole history.
 */
export const UNREAD_THREAD_DAYS = 30

export type UnreadThread = {
	id: string
	title: string
	/** Posts after the reader's marker; every post of a thread they never opened. */
	unreadCount: number
	/** Never opened: new to the reader. */
	isNew: boolean
	lastActivityAt: Date
	/** The thread's group, null for the community forum. */
	group: { slug: string; name: string } | null
}

type UnreadThreadRow = {
	id: string
	title: string
	lastPostNumber: number
	lastRead: number | null
	lastActivityAt: Date
	groupSlug: string | null
	groupName: string | null
}

/**
 * Threads listed to the reader (access.server.ts: a forum they read, not hidden) with posts after
 * their read marker, newest activity first: those they opened and did not mute with something new
 * since (within UNREAD_THREAD_DAYS), and those they never opened with activity in the last
 * NEW_THREAD_DAYS (a new member is not handed a group's whole history as unread). One statement.
 */
/**
 * SQLite's planner takes the forum indexes for the readable-forum condition, reads every thread of
 * the reader's forums and sorts them (30 ms in a 10,000-thread forum); walking the activity index
 * newest first stops at the LIMIT (bench/: home). PostgreSQL chooses by its statistics.
 */
function newestFirstWalk() {
	return dbEngine() === 'sqlite' ? sql`INDEXED BY "Thread_lastActivityAt_id_idx"` : empty
}

export async function listUnreadThreads(
	userId: string,
	options: { limit: number; now?: Date },
): Promise<UnreadThread[]> {
	const now = (options.now ?? new Date()).getTime()
	const since = new Date(now - NEW_THREAD_DAYS * 24 * 60 * 60 * 1000)
	const recent = new Date(now - UNREAD_THREAD_DAYS * 24 * 60 * 60 * 1000)
	const rows = await queryRows<UnreadThreadRow>(sql`
		SELECT t."id", t."title", t."lastPostNumber", t."lastActivityAt", s."lastReadPostNumber" AS "lastRead",
			g."slug" AS "groupSlug", g."name" AS "groupName"
		FROM "Thread" t ${newestFirstWalk()}
		JOIN "Forum" f ON f."id" = t."forumId"
		LEFT JOIN "Group" g ON g."id" = f."groupId"
		LEFT JOIN "ThreadUserState" s ON s."userId" = ${userId} AND s."threadId" = t."id"
		WHERE t."lastActivityAt" >= ${recent} AND ${listedThreadSql(userId, sql`t`)}
			AND ((s."userId" IS NULL AND t."lastActivityAt" >= ${since})
				OR (s."lastReadPostNumber" < t."lastPostNumber" AND (s."level" IS NULL OR s."level" <> 'muted')))
		ORDER BY t."lastActivityAt" DESC, t."id" DESC
		LIMIT ${options.limit}`)
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		unreadCount: Math.max(0, Number(row.lastPostNumber) - Number(row.lastRead ?? 0)),
		isNew: row.lastRead === null,
		lastActivityAt: new Date(row.lastActivityAt),
		group: row.groupSlug && row.groupName ? { slug: row.groupSlug, name: row.groupName } : null,
	}))
}
