import { db, type DbTransaction } from '#app/utils/db.server.ts'
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
