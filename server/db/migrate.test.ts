import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderPostgresSchema } from '../../scripts/db/generate.ts'
import { checkDatabaseSchemas, projectCheckInput, type CheckInput } from '../../scripts/db/check.ts'
import { SNAPSHOT } from '../../scripts/db/new-migration.ts'
import { migrationsDir, sqliteFilePath } from './engine.ts'
import {
	applyMigrationsTo,
	engineOf,
	migrateDatabase,
	pendingMigrations,
	readMigrations,
} from './migrate.ts'
import { createThrowawayPostgres, isPostgresReachable } from './throwaway-postgres.ts'

const postgresUp = await isPostgresReachable()
const MODEL_TABLES = ['Group', 'Invitation', 'Membership', 'Session', 'User']

async function committedMigrations(engine: 'sqlite' | 'postgresql') {
	const dir = migrationsDir(engine)
	const names = (await readdir(dir, { withFileTypes: true }))
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort()
	const checksums = await Promise.all(
		names.map(async (name) =>
			createHash('sha256')
				.update(await readFile(path.join(dir, name, 'migration.sql')))
				.digest('hex'),
		),
	)
	return { names, checksums }
}

let tmp: string
beforeAll(async () => {
	tmp = await mkdtemp(path.join(os.tmpdir(), 'peerpower-migrate-test-'))
})
afterAll(async () => {
	await rm(tmp, { recursive: true, force: true })
})

describe('engineOf', () => {
	it('tells the engine from the URL scheme', () => {
		expect(engineOf('file:./data/x.db')).toBe('sqlite')
		expect(engineOf('postgres://u@h/db')).toBe('postgresql')
		expect(engineOf('postgresql://u@h/db')).toBe('postgresql')
		expect(() => engineOf('mysql://u@h/db')).toThrow(/Unsupported DATABASE_URL scheme mysql:/)
	})

	it('reads a relative file: URL from the working directory', () => {
		expect(sqliteFilePath('file:./data/x.db')).toBe(path.resolve('data/x.db'))
		expect(sqliteFilePath('file:/abs/x.db?mode=rwc')).toBe('/abs/x.db')
	})
})

describe('migrateDatabase on SQLite', () => {
	it('creates the folder and tables, and records migrations as `prisma migrate deploy` does', async () => {
		const file = path.join(tmp, 'nested/folder/app.db')
		const { names, checksums } = await committedMigrations('sqlite')
		expect(names.some((name) => name.endsWith('_init'))).toBe(true)

		expect(await migrateDatabase(`file:${file}`)).toEqual({ applied: names })

		const db = new Database(file, { readonly: true })
		try {
			const tables = db
				.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
				.pluck()
				.all()
			expect(tables).toEqual(expect.arrayContaining([...MODEL_TABLES, '_prisma_migrations']))
			const rows = db
				.prepare(
					'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
				)
				.all() as Array<Record<string, unknown>>
			expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
				names.map((name, i) => [name, checksums[i]]),
			)
			expect(rows.every((row) => row.finished_at !== null && row.rolled_back_at === null)).toBe(
				true,
			)
		} finally {
			db.close()
		}

		expect(await migrateDatabase(`file:${file}`)).toEqual({ applied: [] })
	})

	it('applies a migration that is pending, and only that one; none pending, nothing is applied', async () => {
		const url = `file:${path.join(tmp, 'pending.db')}`
		const { names } = await committedMigrations('sqlite')
		expect(await pendingMigrations(url)).toEqual(names)
		await migrateDatabase(url)
		expect(await pendingMigrations(url)).toEqual([])

		// The committed folder plus one newer migration.
		const dir = path.join(tmp, 'pending-migrations')
		await mkdir(dir, { recursive: true })
		await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n')
		for (const name of names) {
			await mkdir(path.join(dir, name))
			await writeFile(
				path.join(dir, name, 'migration.sql'),
				await readFile(path.join(migrationsDir('sqlite'), name, 'migration.sql')),
			)
		}
		const newer = '29990101000000_later'
		await mkdir(path.join(dir, newer))
		await writeFile(
			path.join(dir, newer, 'migration.sql'),
			'CREATE TABLE "Later" ("id" TEXT NOT NULL PRIMARY KEY);\n',
		)
		const list = await readMigrations(dir)
		expect(await pendingMigrations(url, list)).toEqual([newer])
		expect(await applyMigrationsTo(url, list)).toEqual({ applied: [newer] })
		expect(await pendingMigrations(url, list)).toEqual([])
		expect(await applyMigrationsTo(url, list)).toEqual({ applied: [] })
		const db = new Database(sqliteFilePath(url), { readonly: true })
		try {
			expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Later'`).pluck().get()).toBe(
				'Later',
			)
		} finally {
			db.close()
		}
	})

	it('an up-to-date database is checked without loading the schema engine', async () => {
		const url = `file:${path.join(tmp, 'up-to-date.db')}`
		await migrateDatabase(url)
		// A process of its own: this one has loaded the engine already.
		const script = [
			`const { migrateDatabase } = await import(${JSON.stringify(path.resolve('server/db/migrate.ts'))})`,
			`const result = await migrateDatabase(${JSON.stringify(url)})`,
			`console.log(JSON.stringify({ result, engineLoaded: '__peerpowerSchemaEngineWasm' in globalThis }))`,
		].join('\n')
		const { stdout } = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', script],
			{ timeout: 60_000 },
		)
		expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
			result: { applied: [] },
			engineLoaded: false,
		})
	})

	it('migrates several databases at once in one process', async () => {
		const urls = ['a', 'b', 'c'].map((name) => `file:${path.join(tmp, `parallel-${name}.db`)}`)
		const results = await Promise.all(urls.map((url) => migrateDatabase(url)))
		expect(results.every((result) => result.applied.length > 0)).toBe(true)
	})
})

describe.skipIf(!postgresUp)('migrateDatabase on PostgreSQL', () => {
	it('migrates a throwaway database once, with the same records', async () => {
		const database = await createThrowawayPostgres('peerpower_test_migrate')
		try {
			const { names, checksums } = await committedMigrations('postgresql')
			expect(await migrateDatabase(database.url)).toEqual({ applied: names })
			expect(await migrateDatabase(database.url)).toEqual({ applied: [] })

			const client = new pg.Client({ connectionString: database.url })
			await client.connect()
			try {
				const tables = await client.query<{ tablename: string }>(
					`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
				)
				expect(tables.rows.map((row) => row.tablename)).toEqual(
					expect.arrayContaining([...MODEL_TABLES, '_prisma_migrations']),
				)
				const rows = await client.query(
					'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
				)
				expect(rows.rows.map((row) => [row.migration_name, row.checksum])).toEqual(
					names.map((name, i) => [name, checksums[i]]),
				)
			} finally {
				await client.end()
			}
		} finally {
			await database.drop()
		}
	})

	it('applies a migration whole: a `;` inside a string or a DO block survives, a failure rolls back', async () => {
		const dir = path.join(tmp, 'pg-migrations')
		const write = async (name: string, sql: string) => {
			await mkdir(path.join(dir, name), { recursive: true })
			await writeFile(path.join(dir, name, 'migration.sql'), sql)
		}
		await mkdir(dir, { recursive: true })
		await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n')
		await write(
			'20200101000000_a',
			`CREATE TABLE "T" ("x" TEXT NOT NULL DEFAULT 'a;b');\nDO $$ BEGIN INSERT INTO "T" VALUES ('c;d'); END $$;\n`,
		)
		await write(
			'20200101000001_b',
			`INSERT INTO "T" VALUES ('rolled back');\nSELECT nonsense FROM nowhere;\n`,
		)

		const database = await createThrowawayPostgres('peerpower_test_script')
		try {
			await expect(applyMigrationsTo(database.url, await readMigrations(dir))).rejects.toThrow(
				/nowhere/,
			)
			const client = new pg.Client({ connectionString: database.url })
			await client.connect()
			try {
				expect((await client.query('SELECT x FROM "T"')).rows).toEqual([{ x: 'c;d' }])
			} finally {
				await client.end()
			}
		} finally {
			await database.drop()
		}
	})
})

describe('db:check', () => {
	// The schema as of the last migration: the migrations produce it whatever is being edited now.
	async function migratedInput(): Promise<CheckInput> {
		const input = await projectCheckInput()
		const sqliteSchema = await readFile(path.join(input.sqliteMigrations, SNAPSHOT), 'utf8')
		return { ...input, sqliteSchema, postgresSchema: renderPostgresSchema(sqliteSchema) }
	}

	it('passes when the schema is the one the migrations produce', async () => {
		const result = await checkDatabaseSchemas(await migratedInput(), { postgres: 'if-reachable' })
		expect(result.problems).toEqual([])
	})

	it('catches a schema field that no migration creates, on both engines', async () => {
		const input = await migratedInput()
		const sqliteSchema = input.sqliteSchema.replace(/model User \{\n/, '$&  avatarUrl String?\n')
		expect(sqliteSchema).not.toBe(input.sqliteSchema)
		const result = await checkDatabaseSchemas(
			{ ...input, sqliteSchema, postgresSchema: renderPostgresSchema(sqliteSchema) },
			{ postgres: 'if-reachable' },
		)
		const drifts = result.problems.filter((problem) =>
			problem.includes('the migrations do not produce the schema'),
		)
		expect(drifts).toHaveLength(postgresUp ? 2 : 1)
		for (const drift of drifts) expect(drift).toMatch(/ADD COLUMN\s+"avatarUrl" TEXT/)
	})

	it('catches a hand-edited or stale PostgreSQL schema copy', async () => {
		const input = await migratedInput()
		const result = await checkDatabaseSchemas(
			// A comment: the models agree, only the copy is not what generate writes.
			{ ...input, postgresSchema: `${input.postgresSchema}// edited by hand\n` },
			{ postgres: 'if-reachable' },
		)
		expect(result.problems).toEqual([
			expect.stringMatching(
				/prisma\/postgres\/schema\.prisma is not what `npm run db:generate` writes/,
			),
		])
	})

	// `npm run db:check` in test form: after a schema change, create its migration.
	it("finds the working tree's schema produced by its migrations (else: npm run db:migration -- NAME)", async () => {
		const result = await checkDatabaseSchemas(await projectCheckInput(), {
			postgres: 'if-reachable',
		})
		expect(result.problems).toEqual([])
	})
})
