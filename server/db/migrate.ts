// Applies the committed migrations, recording them in `_prisma_migrations` exactly as
// `prisma migrate deploy` would, so a machine with the real Prisma CLI can take over.
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { MigrationList } from '@prisma/schema-engine-wasm'
import { engineOf, migrationsDir, schemaFilters, sqliteFilePath, type Engine } from './engine.ts'
import type { Datamodels } from './schema-engine.ts'

export { engineOf, type Engine }

export const LOCKFILE = 'migration_lock.toml'
export const MIGRATION_FILE = 'migration.sql'

/**
 * A migrations folder as the schema engine wants it, read the way the Prisma CLI reads it:
 * every subfolder is a migration, in name order, its script in migration.sql.
 */
export async function readMigrations(dir: string): Promise<MigrationList> {
	const lockfile = await readFile(path.join(dir, LOCKFILE), 'utf8').catch(() => null)
	const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
	const folders = entries
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort((a, b) => a.localeCompare(b))
	const migrationDirectories = await Promise.all(
		folders.map(async (name) => ({
			path: name,
			migrationFile: {
				path: MIGRATION_FILE,
				content: await readFile(path.join(dir, name, MIGRATION_FILE), 'utf8').then(
					(value) => ({ tag: 'ok' as const, value }),
					(error: Error) => ({ tag: 'error' as const, value: error.message }),
				),
			},
		})),
	)
	return {
		baseDir: dir,
		lockfile: { path: LOCKFILE, content: lockfile },
		shadowDbInitScript: '',
		migrationDirectories,
	}
}

/**
 * The migrations `_prisma_migrations` records as applied (finished, not rolled back), read with
 * one plain query; empty for a new database. Lets a start skip the schema engine, whose
 * WebAssembly costs about a second and tens of megabytes, when nothing is pending.
 */
export async function appliedMigrationNames(databaseUrl: string): Promise<Set<string>> {
	const query = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
	if (engineOf(databaseUrl) === 'sqlite') {
		const file = sqliteFilePath(databaseUrl)
		if (!existsSync(file)) return new Set()
		const { default: Database } = await import('better-sqlite3')
		const sqlite = new Database(file, { fileMustExist: true, timeout: 5000 })
		try {
			const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()
			if (!table) return new Set()
			return new Set((sqlite.prepare(query).all() as Array<{ migration_name: string }>).map((row) => row.migration_name))
		} finally {
			sqlite.close()
		}
	}
	const { default: pg } = await import('pg')
	const client = new pg.Client({ connectionString: databaseUrl })
	await client.connect()
	try {
		const table = await client.query<{ found: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS found`)
		if (!table.rows[0]?.found) return new Set()
		return new Set((await client.query<{ migration_name: string }>(query)).rows.map((row) => row.migration_name))
	} finally {
		await client.end()
	}
}

/** Migration folders not yet applied to the database. */
export async function pendingMigrations(databaseUrl: string, migrations?: MigrationList): Promise<string[]> {
	const list = migrations ?? (await readMigrations(migrationsDir(engineOf(databaseUrl))))
	const applied = await appliedMigrationNames(databaseUrl)
	return list.migrationDirectories.map((folder) => folder.path).filter((name) => !applied.has(name))
}

/** Applies `migrations` (default: the engine's committed folder) to the database; a no-op when up to date. */
export async function applyMigrationsTo(
	databaseUrl: string,
	migrations?: MigrationList,
): Promise<{ applied: string[] }> {
	const engine = engineOf(databaseUrl)
	const migrationsList = migrations ?? (await readMigrations(migrationsDir(engine)))
	if (migrationsList.migrationDirectories.length === 0) {
		throw new Error(
			`No migrations in ${migrationsList.baseDir}: create one with \`npm run db:migration -- init\``,
		)
	}
	// An ordinary restart: every folder is recorded as applied, and the schema engine is not loaded.
	if ((await pendingMigrations(databaseUrl, migrationsList)).length === 0) return { applied: [] }
	// Prisma's SQLite adapter does not create the folder that holds the database file.
	if (engine === 'sqlite')
		await mkdir(path.dirname(sqliteFilePath(databaseUrl)), { recursive: true })
	const { withSchemaEngine } = await import('./schema-engine.ts')
	// The engine wants a schema file to start, but applying migrations uses only its provider:
	// a bare datasource keeps the server independent of the schema files' state.
	const datasourceOnly = `datasource db {\n  provider = "${engine}"\n}\n`
	const datamodels: Datamodels = [['schema.prisma', datasourceOnly]]
	const { appliedMigrationNames } = await withSchemaEngine(
		engine,
		databaseUrl,
		datamodels,
		(schemaEngine) => schemaEngine.applyMigrations({ migrationsList, filters: schemaFilters(engine) }),
	)
	return { applied: appliedMigrationNames }
}

/**
 * Brings the database at `databaseUrl` up to date with the committed migrations
 * (prisma/migrations for `file:` URLs, prisma/postgres/migrations for `postgres://`).
 * Safe to call again, and for several databases in one process.
 */
export function migrateDatabase(databaseUrl: string): Promise<{ applied: string[] }> {
	return applyMigrationsTo(databaseUrl)
}
