// Throwaway PostgreSQL databases for checks and tests: each gets its own, dropped after.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The maintenance database on the local server, from which others are created and dropped. */
export function postgresAdminUrl(): string {
	return process.env.DATABASE_URL_POSTGRES_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres'
}

async function withAdminClient<T>(
	adminUrl: string,
	work: (client: pg.Client) => Promise<T>,
): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** Whether the server answers; false rather than an error, so callers can skip or explain. */
export async function isPostgresReachable(adminUrl = postgresAdminUrl()): Promise<boolean> {
	return withAdminClient(adminUrl, async () => true).catch(() => false)
}

/** PostgreSQL's "database is being accessed by other users". */
const DATABASE_IN_USE = '55006'

/**
 * Drops a database once the connections to it have closed. A pool's end() resolves before its
 * sockets are closed, and a forced drop kills connections that are still closing: their clients,
 * no longer listened to by the pool, throw the "terminating connection" error into whatever runs
 * next. So the drop waits (up to `patienceMs`) for them to go, and forces only what a failed test
 * left open.
 */
export async function dropDatabase(
	client: pg.Client,
	name: string,
	patienceMs = 5000,
): Promise<void> {
	const until = Date.now() + patienceMs
	for (;;) {
		try {
			await client.query(`DROP DATABASE IF EXISTS "${name}"`)
			return
		} catch (error) {
			if ((error as { code?: string }).code !== DATABASE_IN_USE) throw error
			if (Date.now() >= until) break
			await new Promise((resolve) => setTimeout(resolve, 50))
		}
	}
	// FORCE ends sessions a failed test may have left open (PostgreSQL 13+).
	await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
}

export type ThrowawayDatabase = { url: string; name: string; drop(): Promise<void> }

/** Creates an empty database named `<prefix>_<random>` next to the admin database. */
export async function createThrowawayPostgres(
	prefix = 'peerpower_tmp',
	adminUrl = postgresAdminUrl(),
): Promise<ThrowawayDatabase> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`
	await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`))
	const url = new URL(adminUrl)
	url.pathname = `/${name}`
	return {
		url: url.toString(),
		name,
		drop: () => withAdminClient(adminUrl, (client) => dropDatabase(client, name)),
	}
}

/** Runs `work` with a fresh database's URL and drops the database afterwards, whatever happens. */
export async function withThrowawayPostgres<T>(
	work: (url: string) => Promise<T>,
	adminUrl = postgresAdminUrl(),
): Promise<T> {
	const database = await createThrowawayPostgres('peerpower_tmp', adminUrl)
	try {
		return await work(database.url)
	} finally {
		await database.drop()
	}
}
