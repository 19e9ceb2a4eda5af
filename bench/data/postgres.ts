// The same data set in a throwaway PostgreSQL database: the project's migrations, then each batch
// of rows as one INSERT … SELECT FROM unnest($1::text[], $2::int[], …) (one round trip and one
// parse per batch, whatever its size). The search index is filled once at the end by one
// INSERT … SELECT over SearchDocument with the GIN index built after it, rather than by the
// migration's per-row trigger.
import { hash } from '@node-rs/argon2'
import pg from 'pg'
import { migrateDatabase } from '#server/db/migrate.ts'
import { createThrowawayPostgres, type ThrowawayDatabase } from '#server/db/throwaway-postgres.ts'
import { BENCH_PASSWORD } from './generate.ts'
import { TABLES, writeDataset, type ColumnType, type DatasetInfo, type DatasetSize, type TableName, type Value } from './plan.ts'

const PG_TYPES: Record<ColumnType, string> = { text: 'text', int: 'int', bool: 'boolean', time: 'timestamp(3)' }

function postgresSink(client: pg.Client) {
	return {
		async rows(table: TableName, rows: Value[][]) {
			if (rows.length === 0) return
			const columns = Object.entries(TABLES[table])
			const arrays = columns.map(([, type], i) =>
				rows.map((row) => {
					const value = row[i]!
					return value !== null && type === 'time' ? new Date(value as number).toISOString() : value
				}),
			)
			const names = columns.map(([name]) => `"${name}"`).join(', ')
			const params = columns.map(([, type], i) => `$${i + 1}::${PG_TYPES[type]}[]`).join(', ')
			await client.query(`INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${params})`, arrays)
		},
	}
}

/**
 * A new PostgreSQL database holding a data set of `size` (the same rows as the SQLite generator
 * writes for the same seed). The caller drops it (`database.drop()`).
 */
export async function generatePostgres(
	size: DatasetSize,
	options: { seed?: number; log?: (line: string) => void } = {},
): Promise<{ database: ThrowawayDatabase; info: DatasetInfo }> {
	const log = options.log ?? (() => {})
	const started = performance.now()
	const database = await createThrowawayPostgres('peerpower_bench')
	try {
		await migrateDatabase(database.url)
		const client = new pg.Client({ connectionString: database.url })
		await client.connect()
		try {
			// The index follows the rows once, at the end; the trigger would do it row by row.
			await client.query('ALTER TABLE "SearchDocument" DISABLE TRIGGER "search_index_sync"')
			await client.query('DROP INDEX "search_index_tsv_idx"')
			await client.query('SET synchronous_commit = off')
			const info = await writeDataset(postgresSink(client), size, {
				seed: options.seed,
				passwordHash: await hash(BENCH_PASSWORD),
				batch: 10_000,
				log,
			})
			log(`rows written in ${((performance.now() - started) / 1000).toFixed(0)} s; indexing`)
			// The filter tokens the app writes beside each post's words (app/modules/search/facets.ts),
			// and the same tsvector as the search_index_sync trigger, as in the search_facets migration.
			await client.query(`
				UPDATE "SearchDocument" d SET "facets" = 'ppforum' || lower(t."forumId") || ' ppauthor' || lower(p."authorId") || ' ppkind' || lower(t."kind")
				FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId" WHERE p."id" = d."postId"`)
			await client.query(`
				INSERT INTO "search_index" ("id", "tsv")
				SELECT "id", setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "body"), 'B')
					|| setweight(to_tsvector('simple', "facets"), 'D')
				FROM "SearchDocument"`)
			await client.query('CREATE INDEX "search_index_tsv_idx" ON "search_index" USING GIN ("tsv")')
			await client.query('ALTER TABLE "SearchDocument" ENABLE TRIGGER "search_index_sync"')
			// The serial behind SearchDocument.id: the rows came with their own ids.
			await client.query(`SELECT setval(pg_get_serial_sequence('"SearchDocument"', 'id'), (SELECT max("id") FROM "SearchDocument"))`)
			await client.query('ANALYZE')
			log(`PostgreSQL data set in ${((performance.now() - started) / 1000).toFixed(0)} s`)
			return { database, info }
		} finally {
			await client.end()
		}
	} catch (error) {
		await database.drop()
		throw error
	}
}
