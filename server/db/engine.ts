// Which engine a database URL means, and where each engine's schema and migrations live.
// Tiny on purpose: the server, the db scripts and the tests all need it.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// The two engines PeerPower runs on, named as Prisma's `provider` names them.
export type Engine = 'sqlite' | 'postgresql'

// Resolved from this file, not process.cwd(): the server and the tests may start anywhere.
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** prisma/schema.prisma is the source; the PostgreSQL copy is written by `npm run db:generate`. */
export function schemaPath(engine: Engine): string {
	return path.join(projectRoot, engine === 'sqlite' ? 'prisma/schema.prisma' : 'prisma/postgres/schema.prisma')
}

export function migrationsDir(engine: Engine): string {
	return path.join(projectRoot, engine === 'sqlite' ? 'prisma/migrations' : 'prisma/postgres/migrations')
}

/** Which engine a DATABASE_URL points at: `file:` is SQLite, `postgres(ql)://` is PostgreSQL. */
export function engineOf(databaseUrl: string): Engine {
	if (databaseUrl.startsWith('file:')) return 'sqlite'
	if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql'
	const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(no scheme)'
	throw new Error(
		`Unsupported DATABASE_URL scheme ${scheme}: use file:./path.db (SQLite) or postgres://… (PostgreSQL)`,
	)
}

/**
 * The absolute file path of a `file:` URL. A relative path is relative to process.cwd(),
 * as Prisma's SQLite adapter reads it; query parameters are dropped.
 */
export function sqliteFilePath(databaseUrl: string): string {
	let rest = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '')
	// `file:///abs/x.db` is also a valid spelling of an absolute path.
	if (rest.startsWith('//')) rest = rest.replace(/^\/\/[^/]*/, '')
	return path.resolve(rest)
}
