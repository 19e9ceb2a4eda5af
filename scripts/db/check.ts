// `npm run db:check`: fails when a schema and its migrations disagree, for both engines.
// Fresh throwaway databases are migrated and compared with the schema by the schema engine.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { migrationsDir, schemaPath, type Engine } from '#server/db/engine.ts'
import { applyMigrationsTo, readMigrations } from '#server/db/migrate.ts'
import {
	isPostgresReachable,
	postgresAdminUrl,
	withThrowawayPostgres,
} from '#server/db/throwaway-postgres.ts'
import { renderPostgresSchema } from './generate.ts'
import { SNAPSHOT } from './new-migration.ts'
import { diffDatabaseToSchema, diffSchemas } from './schema-diff.ts'

/** What is checked: schema contents and migrations folders, so a test can pass altered copies. */
export type CheckInput = {
	sqliteSchema: string
	postgresSchema: string
	sqliteMigrations: string
	postgresMigrations: string
}

export type CheckOptions = {
	/** 'required' fails when PostgreSQL is unreachable; 'if-reachable' checks SQLite only then. */
	postgres: 'required' | 'if-reachable'
	postgresAdminUrl?: string
}

export type CheckResult = { problems: string[]; notes: string[]; checked: Engine[] }

export async function projectCheckInput(): Promise<CheckInput> {
	return {
		sqliteSchema: await readFile(schemaPath('sqlite'), 'utf8'),
		postgresSchema: await readFile(schemaPath('postgresql'), 'utf8').catch(() => ''),
		sqliteMigrations: migrationsDir('sqlite'),
		postgresMigrations: migrationsDir('postgresql'),
	}
}

// A large drift is summed up: the first lines tell what is missing, the migration will say the rest.
function excerpt(script: string, maxLines = 30): string {
	const lines = script.trim().split('\n')
	const shown = lines.slice(0, maxLines).map((line) => `    ${line}`)
	if (lines.length > maxLines) shown.push(`    … ${lines.length - maxLines} more lines`)
	return shown.join('\n')
}

async function withTempSqlite<T>(work: (url: string) => Promise<T>): Promise<T> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'peerpower-check-'))
	try {
		return await work(`file:${path.join(dir, 'check.db')}`)
	} finally {
		await rm(dir, { recursive: true, force: true })
	}
}

/** Problems of one engine: migrations that fail, or that do not produce the schema; a stale snapshot. */
async function checkEngine(
	engine: Engine,
	schema: string,
	dir: string,
	databaseUrl: string,
): Promise<string[]> {
	const label = `${engine} (${path.relative(process.cwd(), dir) || dir})`
	const migrations = await readMigrations(dir)
	if (migrations.migrationDirectories.length === 0) {
		return [`${label}: no migrations; create the first with \`npm run db:migration -- init\``]
	}
	try {
		await applyMigrationsTo(databaseUrl, migrations)
	} catch (error) {
		return [`${label}: the migrations fail on a fresh database: ${(error as Error).message}`]
	}
	const drift = await diffDatabaseToSchema(engine, databaseUrl, schema)
	if (drift.changed) {
		return [
			`${label}: the migrations do not produce the schema; run \`npm run db:migration -- NAME\`` +
				` (or fix the edited migration). Missing SQL:\n${excerpt(drift.script)}`,
		]
	}
	// The migrations are right; the snapshot new-migration diffs from must be too, or the
	// next migration would repeat or miss changes.
	const snapshot = await readFile(path.join(dir, SNAPSHOT), 'utf8').catch(() => null)
	if (snapshot === null) return [`${label}: ${SNAPSHOT} is missing; restore it from git`]
	const stale = await diffSchemas(engine, snapshot, schema, databaseUrl)
	if (stale.changed) {
		return [
			`${label}: ${SNAPSHOT} is not the schema of the last migration; copy the schema over it`,
		]
	}
	return []
}

/** Folders present for one engine only: every migration must exist for both. */
async function unpairedMigrations(input: CheckInput): Promise<string[]> {
	const folders = async (dir: string) =>
		new Set(
			(await readdir(dir, { withFileTypes: true }).catch(() => []))
				.filter((e) => e.isDirectory())
				.map((e) => e.name),
		)
	const [sqlite, postgres] = await Promise.all([
		folders(input.sqliteMigrations),
		folders(input.postgresMigrations),
	])
	const problems = [...sqlite]
		.filter((name) => !postgres.has(name))
		.map((name) => `migration ${name} exists for sqlite only`)
	problems.push(
		...[...postgres]
			.filter((name) => !sqlite.has(name))
			.map((name) => `migration ${name} exists for postgresql only`),
	)
	return problems
}

export async function checkDatabaseSchemas(
	input: CheckInput,
	options: CheckOptions,
): Promise<CheckResult> {
	const problems: string[] = []
	const notes: string[] = []
	const checked: Engine[] = ['sqlite']
	if (input.postgresSchema !== renderPostgresSchema(input.sqliteSchema)) {
		problems.push(
			'prisma/postgres/schema.prisma is not what `npm run db:generate` writes from prisma/schema.prisma: run it',
		)
	}
	problems.push(...(await unpairedMigrations(input)))
	problems.push(
		...(await withTempSqlite((url) =>
			checkEngine('sqlite', input.sqliteSchema, input.sqliteMigrations, url),
		)),
	)

	const adminUrl = options.postgresAdminUrl ?? postgresAdminUrl()
	if (await isPostgresReachable(adminUrl)) {
		checked.push('postgresql')
		problems.push(
			...(await withThrowawayPostgres(
				(url) => checkEngine('postgresql', input.postgresSchema, input.postgresMigrations, url),
				adminUrl,
			)),
		)
	} else {
		const where = adminUrl.replace(/\/\/[^@/]*@/, '//')
		const message = `PostgreSQL unreachable at ${where} (DATABASE_URL_POSTGRES_ADMIN)`
		if (options.postgres === 'required')
			problems.push(`${message}: cannot check the PostgreSQL migrations`)
		else notes.push(`${message}: checked SQLite only`)
	}
	return { problems, notes, checked }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		const result = await checkDatabaseSchemas(await projectCheckInput(), {
			postgres: process.env.CI === 'true' ? 'required' : 'if-reachable',
		})
		for (const note of result.notes) console.log(note)
		if (result.problems.length > 0) {
			console.error(`db:check failed:\n${result.problems.map((p) => `- ${p}`).join('\n')}`)
			process.exit(1)
		}
		console.log(
			`db:check ok: migrations match the schema (${result.checked.join(', ')}); PostgreSQL copy up to date`,
		)
		// On PostgreSQL the schema engine leaves a 10 s timer behind (its lock timeout): don't wait for it.
		process.exit(0)
	} catch (error) {
		console.error(`db:check could not run: ${error instanceof Error ? error.message : error}`)
		process.exit(1)
	}
}
