// Which engine a database URL means, and where each engine's schema and migrations live.
// Tiny on purpose: the server, the db scripts and the tests all need it.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export { engineOf, type Engine } from '#app/utils/db-url.ts'
import type { Engine } from '#app/utils/db-url.ts'

/**
 * The nearest folder at or above `from` that holds package.json: the project's root, whether this
 * code runs from its sources (server/db/) or compiled into a build folder inside the project
 * (build/start.mjs, or a test's own build). A build copied outside any project falls back to the
 * working directory.
 */
export function findProjectRoot(from: string): string {
	for (let dir = from; ; dir = path.dirname(dir)) {
		if (existsSync(path.join(dir, 'package.json'))) return dir
		if (path.dirname(dir) === dir) return process.cwd()
	}
}

// Resolved from this file, not process.cwd(): the server and the tests may start anywhere.
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)))

/** prisma/schema.prisma is the source; the PostgreSQL copy is written by `npm run db:generate`. */
export function schemaPath(engine: Engine): string {
	return path.join(
		projectRoot,
		engine === 'sqlite' ? 'prisma/schema.prisma' : 'prisma/postgres/schema.prisma',
	)
}

export function migrationsDir(engine: Engine): string {
	return path.join(
		projectRoot,
		engine === 'sqlite' ? 'prisma/migrations' : 'prisma/postgres/migrations',
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

/**
 * Tables made by hand-written SQL in the migrations (the full-text search indexes), which
 * Prisma's schema cannot describe: the schema engine leaves them alone when it compares.
 */
export const EXTERNAL_TABLES: Record<Engine, string[]> = {
	sqlite: ['search_fts', 'search_fts_config', 'search_fts_data', 'search_fts_docsize', 'search_fts_idx'],
	postgresql: ['public.search_index'],
}

export function schemaFilters(engine: Engine) {
	return { externalTables: EXTERNAL_TABLES[engine], externalEnums: [] }
}
