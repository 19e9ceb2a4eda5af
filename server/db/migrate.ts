// Applies the committed migrations, recording them in `_prisma_migrations` exactly as
// `prisma migrate deploy` would, so a machine with the real Prisma CLI can take over.
import { mkdir, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { MigrationList } from '@prisma/schema-engine-wasm'
import { engineOf, migrationsDir, schemaFilters, sqliteFilePath, type Engine } from './engine.ts'
import { withSchemaEngine, type Datamodels } from './schema-engine.ts'

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
	// Prisma's SQLite adapter does not create the folder that holds the database file.
	if (engine === 'sqlite')
		await mkdir(path.dirname(sqliteFilePath(databaseUrl)), { recursive: true })
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
