// A benchmark data set in a SQLite file, by bulk SQL: the migrations, then prepared INSERTs through
// better-sqlite3 in big transactions (not the app's createReply: a million posts through it would
// take hours). Every column the app reads is filled as the app fills it: bodyHtml/bodyText, the
// search index (SearchDocument rows and the FTS5 index over them), the counters of threads, the
// watchers of threads.
//
// Importable (`generateSqlite`, `cachedSqliteDataset`) and runnable on its own:
//   node --import tsx bench/data/generate.ts [--quick] [--out FILE.db] [--seed N]
// prints the DatasetInfo and leaves the file (its DatasetInfo beside it, FILE.db.json).
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hash } from '@node-rs/argon2'
import Database from 'better-sqlite3'
import { migrateDatabase } from '#server/db/migrate.ts'
import { datasetKey, FULL_SIZE, QUICK_SIZE, TABLES, writeDataset, type DatasetInfo, type DatasetSize, type TableName, type Value } from './plan.ts'

export { FULL_SIZE, QUICK_SIZE, type DatasetInfo, type DatasetSize }

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const projectRoot = path.dirname(benchDir)
/** Bump when the generated content changes, so cached sets are made again. */
const GENERATOR_VERSION = 4
/** The password of every generated member (for looking around the data set by hand). */
export const BENCH_PASSWORD = 'bench-password-1'

/** SQLite's spelling of a date as Prisma's better-sqlite3 adapter writes it (ISO 8601, +00:00). */
export const sqliteTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')

function sqliteSink(database: Database.Database) {
	const statements = new Map<TableName, Database.Statement>()
	const statement = (table: TableName) => {
		let found = statements.get(table)
		if (!found) {
			const columns = Object.keys(TABLES[table])
			found = database.prepare(
				`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
			)
			statements.set(table, found)
		}
		return found
	}
	return {
		rows(table: TableName, rows: Value[][]) {
			if (rows.length === 0) return
			const types = Object.values(TABLES[table])
			const insert = statement(table)
			database.transaction(() => {
				for (const row of rows) {
					insert.run(
						row.map((value, i) =>
							value === null ? null : types[i] === 'bool' ? (value ? 1 : 0) : types[i] === 'time' ? sqliteTime(value as number) : value,
						),
					)
				}
			})()
		},
	}
}

/**
 * Generates a data set of `size` into a new SQLite file at `file` (replaced if present). About two
 * minutes for the full size on a small machine; the FTS5 index is built once at the end rather
 * than row by row through the migration's triggers.
 */
export async function generateSqlite(
	file: string,
	size: DatasetSize = FULL_SIZE,
	options: { seed?: number; log?: (line: string) => void } = {},
): Promise<DatasetInfo> {
	const log = options.log ?? (() => {})
	await mkdir(path.dirname(file), { recursive: true })
	await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })))
	await migrateDatabase(`file:${file}`)
	const started = performance.now()
	const database = new Database(file)
	try {
		// A throwaway file: no journal, no fsync; the app sets its own settings when it opens it.
		database.pragma('journal_mode = OFF')
		database.pragma('synchronous = OFF')
		database.pragma('cache_size = -262144')
		database.pragma('locking_mode = EXCLUSIVE')
		database.pragma('temp_store = MEMORY')
		const triggers = database
			.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'SearchDocument'`)
			.all() as Array<{ name: string; sql: string }>
		for (const trigger of triggers) database.exec(`DROP TRIGGER "${trigger.name}"`)
		// The author index is built after the load: appending to it row by row splits pages at random.
		database.exec('DROP INDEX IF EXISTS "Post_authorId_idx"')

		const info = await writeDataset(sqliteSink(database), size, {
			seed: options.seed,
			passwordHash: await hash(BENCH_PASSWORD),
			log,
		})
		log(`rows written in ${((performance.now() - started) / 1000).toFixed(0)} s; indexing`)
		database.exec('CREATE INDEX "Post_authorId_idx" ON "Post"("authorId")')
		// The filter tokens the app writes beside each post's words (app/modules/search/facets.ts),
		// in the same SQL as the search_facets migration.
		database.exec(`UPDATE "SearchDocument" SET "facets" = (
			SELECT 'ppforum' || lower(t."forumId") || ' ppauthor' || lower(p."authorId") || ' ppkind' || lower(t."kind")
			FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId" WHERE p."id" = "SearchDocument"."postId")`)
		database.exec(`INSERT INTO "search_fts" ("search_fts") VALUES ('rebuild')`)
		for (const trigger of triggers) database.exec(trigger.sql)
		database.pragma('locking_mode = NORMAL')
		database.pragma('journal_mode = WAL')
		log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`)
		await writeFile(`${file}.json`, JSON.stringify(info))
		return info
	} finally {
		database.close()
	}
}

/** A salt for cache names: the migrations the set was made with, and this generator's version. */
async function migrationsSalt(): Promise<string> {
	const dir = path.join(projectRoot, 'prisma/migrations')
	const { readdir } = await import('node:fs/promises')
	const names = (await readdir(dir)).sort().join(',')
	return `${GENERATOR_VERSION}:${names}`
}

/**
 * A data set of `size` in `cacheDir`, generated only when no cached one matches; then copied to
 * `workFile` (the benchmark writes into its copy, the cache stays clean).
 */
export async function cachedSqliteDataset(
	cacheDir: string,
	workFile: string,
	size: DatasetSize,
	options: { seed?: number; log?: (line: string) => void } = {},
): Promise<DatasetInfo> {
	const seed = options.seed ?? 1
	const cached = path.join(cacheDir, `bench-${datasetKey(size, seed, await migrationsSalt())}.db`)
	const exists = await stat(`${cached}.json`).then(
		() => true,
		() => false,
	)
	if (exists) options.log?.(`reusing the data set in ${path.relative(process.cwd(), cached)}`)
	else await generateSqlite(cached, size, options)
	await Promise.all(['-wal', '-shm'].map((suffix) => rm(workFile + suffix, { force: true })))
	await copyFile(cached, workFile)
	return JSON.parse(await readFile(`${cached}.json`, 'utf8')) as DatasetInfo
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2)
	const option = (name: string) => {
		const at = args.indexOf(`--${name}`)
		return at >= 0 ? args[at + 1] : undefined
	}
	const out = path.resolve(option('out') ?? path.join(benchDir, '.data/generated.db'))
	const size = args.includes('--quick') ? QUICK_SIZE : FULL_SIZE
	const info = await generateSqlite(out, size, {
		seed: Number(option('seed') ?? 1),
		log: (line) => console.log(`generate: ${line}`),
	})
	console.log(JSON.stringify({ ...info, userIds: `${info.userIds.length} ids` }, null, 2))
	console.log(`written to ${out}`)
}
