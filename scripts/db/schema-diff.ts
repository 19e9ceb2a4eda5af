// The SQL that takes one schema to another, computed by Prisma's schema engine.
import type { DiffTarget } from '@prisma/schema-engine-wasm'
import { schemaFilters, type Engine } from '#server/db/engine.ts'
import { IN_MEMORY, withSchemaEngine } from '#server/db/schema-engine.ts'
import { postgresAdminUrl } from '#server/db/throwaway-postgres.ts'

export type SchemaDiff = { changed: boolean; script: string }

const datamodel = (content: string): DiffTarget => ({
	tag: 'schemaDatamodel',
	files: [{ path: 'schema.prisma', content }],
})

async function diff(
	engine: Engine,
	databaseUrl: string,
	from: DiffTarget,
	to: string,
): Promise<SchemaDiff> {
	const result = await withSchemaEngine(
		engine,
		databaseUrl,
		[['schema.prisma', to]],
		(schemaEngine) =>
			schemaEngine.diff({
				from,
				to: datamodel(to),
				script: true,
				// 2 when there is a difference: the script alone cannot tell ("-- This is an empty migration.").
				exitCode: true,
				filters: schemaFilters(engine),
			}),
	)
	return { changed: result.exitCode === 2, script: result.stdout ?? '' }
}

/**
 * The migration script from schema `from` (null: an empty database) to schema `to`.
 * Reads no database, but on PostgreSQL the engine insists on connecting, so it connects
 * to `postgresUrl` (default: the local admin database) and only reads.
 */
export function diffSchemas(
	engine: Engine,
	from: string | null,
	to: string,
	postgresUrl = postgresAdminUrl(),
): Promise<SchemaDiff> {
	const url = engine === 'sqlite' ? IN_MEMORY : postgresUrl
	return diff(engine, url, from === null ? { tag: 'empty' } : datamodel(from), to)
}

/** The script that would take the live database at `databaseUrl` to schema `to` (introspects it). */
export function diffDatabaseToSchema(
	engine: Engine,
	databaseUrl: string,
	to: string,
): Promise<SchemaDiff> {
	// `schemaDatasource` means "the database the adapter is connected to": Prisma 7 schemas have no url.
	return diff(
		engine,
		databaseUrl,
		{ tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: to }], configDir: '.' },
		to,
	)
}
