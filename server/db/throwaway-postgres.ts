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
		// FORCE ends sessions a failed test may have left open (PostgreSQL 13+).
		drop: () =>
			withAdminClient(adminUrl, (client) =>
				client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
			).then(() => {}),
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
