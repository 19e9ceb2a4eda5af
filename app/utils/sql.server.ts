import { Prisma } from '../../prisma/generated/sqlite/client.ts'
import { db, stripNul } from './db.server.ts'

/**
 * Typed SQL for the few hot read paths (a thread page, a forum's list, the session lookup), where
 * Prisma's one-query-per-relation reads and its per-query work were most of a page's cost. The
 * statements are written once for both engines: quoted identifiers, no engine-specific functions,
 * values always as parameters (the tag makes them so). Callers type the rows and normalise what
 * the engines return differently: counts (BigInt), EXISTS (0/1 or boolean).
 */
export const sql = Prisma.sql
export const join = Prisma.join
export const empty = Prisma.empty
export type Sql = Prisma.Sql

export function queryRows<T>(query: Sql): Promise<T[]> {
	// PostgreSQL refuses NUL in text; the models' queries drop it (db.server.ts), and so do these.
	return db.$queryRaw<T[]>(new Prisma.Sql(query.strings, query.values.map(stripNul)))
}

export function executeSql(query: Sql): Promise<number> {
	return db.$executeRaw(new Prisma.Sql(query.strings, query.values.map(stripNul)))
}
