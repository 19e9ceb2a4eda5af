// Where the test suite's databases come from. `npm test` uses SQLite files; `npm run test:postgres`
// sets TEST_DATABASE_ENGINE=postgresql and every test file gets its own throwaway PostgreSQL database.
import { copyFile, mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { projectRoot } from '#server/db/engine.ts'
import { dropDatabase, postgresAdminUrl } from '#server/db/throwaway-postgres.ts'

export type TestEngine = 'sqlite' | 'postgresql'

export function testEngine(): TestEngine {
	return process.env.TEST_DATABASE_ENGINE === 'postgresql' ? 'postgresql' : 'sqlite'
}

export const tmpDir = path.join(projectRoot, 'tests/.tmp')

function randomName(prefix: string): string {
	return `${prefix}_${randomBytes(5).toString('hex')}`
}

function postgresUrl(database: string): string {
	const url = new URL(postgresAdminUrl())
	url.pathname = `/${database}`
	return url.toString()
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: postgresAdminUrl() })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** A migrated template, made once per run: test files copy it instead of migrating again. */
export async function createTemplate(): Promise<{ url: string; dispose: () => Promise<void> }> {
	const { migrateDatabase } = await import('#server/db/migrate.ts')
	if (testEngine() === 'sqlite') {
		await mkdir(tmpDir, { recursive: true })
		const file = path.join(tmpDir, `${randomName('template')}.db`)
		await migrateDatabase(`file:${file}`)
		return { url: `file:${file}`, dispose: () => removeSqlite(file) }
	}
	const name = randomName('peerpower_test_template')
	await admin((client) => client.query(`CREATE DATABASE "${name}"`))
	await migrateDatabase(postgresUrl(name))
	return {
		url: postgresUrl(name),
		dispose: () => admin((client) => dropDatabase(client, name)),
	}
}

/** A fresh database for one test file, copied from the template. */
export async function createTestDatabase(
	templateUrl: string,
): Promise<{ url: string; dispose: () => Promise<void> }> {
	if (testEngine() === 'sqlite') {
		const file = path.join(tmpDir, `${randomName('test')}.db`)
		await copyFile(templateUrl.replace(/^file:/, ''), file)
		return { url: `file:${file}`, dispose: () => removeSqlite(file) }
	}
	const template = new URL(templateUrl).pathname.slice(1)
	const name = randomName('peerpower_test')
	await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`))
	return {
		url: postgresUrl(name),
		dispose: () => admin((client) => dropDatabase(client, name)),
	}
}

async function removeSqlite(file: string): Promise<void> {
	await Promise.all(
		['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })),
	)
}
