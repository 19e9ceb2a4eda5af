// Makes (once) the 1,000,000-post databases that bench/search.ts reads, on both engines.
//   npx tsx bench/search-data/prepare.ts [sqlite|postgresql] [posts]
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import os from 'node:os'
import pg from 'pg'
import { migrateDatabase } from '#server/db/migrate.ts'
import { postgresAdminUrl } from '#server/db/throwaway-postgres.ts'
import { fillPostgres, fillSqlite, FULL_SIZE, type CommunitySize } from './community.ts'

/**
 * Names the data: bump DATA_VERSION when community.ts changes what it writes. A schema change
 * needs no new data: the databases are brought up to date by the migrations, as production's
 * are (so the benchmark also runs every migration's backfill at this size).
 */
const DATA_VERSION = 1
function fingerprint(size: CommunitySize): string {
	return `v${DATA_VERSION}-${size.posts}`
}

export function sizeOf(posts: number): CommunitySize {
	const scale = posts / FULL_SIZE.posts
	return { ...FULL_SIZE, posts, threads: Math.max(10, Math.round(FULL_SIZE.threads * scale)) }
}

export async function prepareSqlite(size: CommunitySize): Promise<string> {
	const file = path.join(os.tmpdir(), `peerpower-search-${fingerprint(size)}.db`)
	if (existsSync(file)) {
		await migrateDatabase(`file:${file}`)
		return `file:${file}`
	}
	const partial = `${file}.partial`
	await Promise.all(['', '-wal', '-shm'].map((s) => rm(partial + s, { force: true })))
	console.log(`SQLite: writing ${size.posts.toLocaleString('en')} posts to ${file}`)
	await migrateDatabase(`file:${partial}`)
	fillSqlite(partial, size, console.log)
	const { rename } = await import('node:fs/promises')
	await rename(partial, file)
	return `file:${file}`
}

export async function preparePostgres(size: CommunitySize): Promise<string> {
	const name = `peerpower_search_${fingerprint(size).replace('-', '_')}`
	const admin = new pg.Client({ connectionString: postgresAdminUrl() })
	await admin.connect()
	const url = new URL(postgresAdminUrl())
	url.pathname = `/${name}`
	try {
		const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
		if (rowCount) {
			await migrateDatabase(url.toString())
			return url.toString()
		}
		const partial = `${name}_partial`
		await admin.query(`DROP DATABASE IF EXISTS "${partial}" WITH (FORCE)`)
		await admin.query(`CREATE DATABASE "${partial}"`)
		const partialUrl = new URL(postgresAdminUrl())
		partialUrl.pathname = `/${partial}`
		console.log(`PostgreSQL: writing ${size.posts.toLocaleString('en')} posts to ${name}`)
		await migrateDatabase(partialUrl.toString())
		await fillPostgres(partialUrl.toString(), size, console.log)
		await admin.query(`ALTER DATABASE "${partial}" RENAME TO "${name}"`)
		return url.toString()
	} finally {
		await admin.end()
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const engine = process.argv[2] ?? 'sqlite'
	const size = sizeOf(Number(process.argv[3] ?? FULL_SIZE.posts))
	const started = performance.now()
	const url = engine === 'postgresql' ? await preparePostgres(size) : await prepareSqlite(size)
	console.log(`${url} ready in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}
