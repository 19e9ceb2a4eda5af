// Which engine a database URL means. Shared by the app's db module, the server and the db scripts.

/** The two engines PeerPower runs on, named as Prisma's `provider` names them. */
export type Engine = 'sqlite' | 'postgresql'

/** `file:` is SQLite, `postgres(ql)://` is PostgreSQL; anything else is refused with the scheme named. */
export function engineOf(databaseUrl: string): Engine {
	if (databaseUrl.startsWith('file:')) return 'sqlite'
	if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql'
	const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(no scheme)'
	throw new Error(`Unsupported DATABASE_URL scheme ${scheme}: use file:./path.db (SQLite) or postgres://… (PostgreSQL)`)
}
