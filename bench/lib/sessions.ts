// Signed-in requests carry real session cookies: sessions written straight into the data set the
// way app/modules/auth/sessions.server.ts writes them (the token's SHA-256 as the id).
import Database from 'better-sqlite3'
import pg from 'pg'
import { generateToken, hashToken, SESSION_COOKIE, SESSION_LIFETIME_MS } from '#app/modules/auth/sessions.server.ts'
import { sqliteTime } from '../data/generate.ts'

type SessionRow = { id: string; userId: string; expiresAt: number; now: number }

function newSessions(userIds: string[]) {
	const now = Date.now()
	const cookies = new Map<string, string>()
	const rows: SessionRow[] = userIds.map((userId) => {
		const token = generateToken()
		cookies.set(userId, `${SESSION_COOKIE}=${token}`)
		return { id: hashToken(token), userId, expiresAt: now + SESSION_LIFETIME_MS, now }
	})
	return { rows, cookies }
}

/** One fresh session per user in the SQLite file; returns each user's cookie. */
export function createSqliteSessions(file: string, userIds: string[]): Map<string, string> {
	const { rows, cookies } = newSessions(userIds)
	const database = new Database(file, { timeout: 5000 })
	try {
		const insert = database.prepare(
			`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt", "lastSeenAt", "userAgent", "ipAddress") VALUES (?, ?, ?, ?, ?, 'bench', '127.0.0.1')`,
		)
		database.transaction(() => {
			for (const row of rows) insert.run(row.id, row.userId, sqliteTime(row.expiresAt), sqliteTime(row.now), sqliteTime(row.now))
		})()
	} finally {
		database.close()
	}
	return cookies
}

export async function createPostgresSessions(url: string, userIds: string[]): Promise<Map<string, string>> {
	const { rows, cookies } = newSessions(userIds)
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const iso = (ms: number) => new Date(ms).toISOString()
		await client.query(
			`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt", "lastSeenAt", "userAgent", "ipAddress")
			SELECT id, "userId", "expiresAt", now, now, 'bench', '127.0.0.1'
			FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[]) AS s(id, "userId", "expiresAt", now)`,
			[rows.map((r) => r.id), rows.map((r) => r.userId), rows.map((r) => iso(r.expiresAt)), rows.map((r) => iso(r.now))],
		)
	} finally {
		await client.end()
	}
	return cookies
}
