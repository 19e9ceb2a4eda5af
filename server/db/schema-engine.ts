// Prisma's schema engine (migrations, diffs) as WebAssembly, driven through our own
// driver adapters: the Prisma CLI's native engine cannot be downloaded on our machines.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import {
	bindMigrationAwareSqlAdapterFactory,
	type SqlDriverAdapter,
	type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import pg from 'pg'
import { sqliteFilePath, type Engine } from './engine.ts'

export type { SchemaEngine }
type WasmBindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg')

// One WebAssembly instance per process, kept on globalThis: wasm-bindgen's glue holds the
// instance in module state, and a second instantiation (e.g. a test runner re-evaluating
// this module in a fresh module graph) would leave two glues fighting over one global panic hook.
const state = globalThis as typeof globalThis & {
	__peerpowerSchemaEngineWasm?: Promise<WasmBindings>
	PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void }
}

function loadWasm(): Promise<WasmBindings> {
	state.__peerpowerSchemaEngineWasm ??= (async () => {
		// The glue calls this registry on a Rust panic; @prisma/client installs its own when it
		// loads, so only define one if nobody has.
		state.PRISMA_WASM_PANIC_REGISTRY ??= {
			set_message(message) {
				console.error(`Prisma schema engine panicked: ${message}`)
			},
		}
		const bindings: WasmBindings = await import('@prisma/schema-engine-wasm/schema_engine_bg')
		// The package's entry point imports the .wasm file as an ES module, which Node 20 cannot:
		// instantiate it by hand with the glue module as its import object instead.
		const require = createRequire(import.meta.url)
		const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
		const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'))
		const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings })
		bindings.__wbg_set_wasm(instance.exports)
		;(instance.exports.__wbindgen_start as () => void)()
		return bindings
	})()
	return state.__peerpowerSchemaEngineWasm
}

/** An SQLite database that lives as long as the engine: enough for diffs between schema files. */
export const IN_MEMORY = 'file::memory:'

export type Datamodels = Array<[path: string, content: string]>

// PostgreSQL's one-byte `"char"` type (pg_constraint.contype, read when the engine introspects
// a database) has no column type in adapter-pg, which refuses the whole result. Its text form is
// a one-letter string, so reporting it as `text` is exact.
const PG_CHAR = 18
const PG_TEXT = 25

function reportCharAsText(pool: pg.Pool): void {
	const patch = (result: unknown) => {
		for (const field of (result as Partial<pg.QueryResult> | undefined)?.fields ?? []) {
			if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT
		}
		return result
	}
	// Every query, whether through pool.query or a transaction's client, runs on a pooled client.
	pool.on('connect', (client) => {
		const query = client.query.bind(client) as (...args: unknown[]) => unknown
		client.query = ((...args: unknown[]) => {
			const callback = args.at(-1)
			if (typeof callback === 'function') {
				args[args.length - 1] = (error: unknown, result: unknown) => callback(error, patch(result))
				return query(...args)
			}
			const returned = query(...args)
			return returned instanceof Promise ? returned.then(patch) : returned
		}) as typeof client.query
	})
}

/**
 * adapter-pg's executeScript splits a migration on every `;`, which breaks a `;` inside a string
 * or a DO block. A parameterless query goes over PostgreSQL's simple protocol, which takes the
 * whole script as one implicit transaction, as the native engine sends it.
 */
function runScriptsWhole(adapter: SqlDriverAdapter): void {
	adapter.executeScript = async (script) => {
		await adapter.executeRaw({ sql: script, args: [], argTypes: [] })
	}
}

/**
 * The engine never disposes the connections it asks the factory for (free() leaves them open:
 * an SQLite file then stays locked, a PostgreSQL database cannot be dropped), so we track them.
 */
function trackingFactory(factory: SqlMigrationAwareDriverAdapterFactory, engine: Engine) {
	const opened: SqlDriverAdapter[] = []
	const track = async (connecting: Promise<SqlDriverAdapter>) => {
		const adapter = await connecting
		if (engine === 'postgresql') runScriptsWhole(adapter)
		opened.push(adapter)
		return adapter
	}
	const tracking: SqlMigrationAwareDriverAdapterFactory = {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: () => track(factory.connect()),
		connectToShadowDb: () => track(factory.connectToShadowDb()),
	}
	const disposeAll = async () => {
		await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()))
	}
	return { tracking, disposeAll }
}

/**
 * Runs `work` with a schema engine connected to `databaseUrl` (`file::memory:` for a throwaway
 * SQLite database), then frees the engine and closes every connection it opened.
 * `datamodels` are the schema files the engine starts with ([path, content] pairs, at least one).
 */
export async function withSchemaEngine<T>(
	engine: Engine,
	databaseUrl: string,
	datamodels: Datamodels,
	work: (schemaEngine: SchemaEngine) => Promise<T>,
): Promise<T> {
	const { SchemaEngine } = await loadWasm()
	// Our own pool, so it can be ended after the engine is done (PrismaPg leaves an external pool open).
	const pool = engine === 'postgresql' ? new pg.Pool({ connectionString: databaseUrl }) : undefined
	if (pool) reportCharAsText(pool)
	const { tracking, disposeAll } = trackingFactory(
		pool
			? new PrismaPg(pool)
			: new PrismaBetterSqlite3({
					url: databaseUrl === IN_MEMORY ? ':memory:' : sqliteFilePath(databaseUrl),
				}),
		engine,
	)
	const log = (line: string) => {
		if (process.env.DEBUG_SCHEMA_ENGINE) console.error('[schema-engine]', line)
	}
	try {
		const schemaEngine = await SchemaEngine.new(
			{ datamodels },
			log,
			bindMigrationAwareSqlAdapterFactory(tracking),
		)
		try {
			return await work(schemaEngine)
		} finally {
			schemaEngine.free()
		}
	} finally {
		await disposeAll()
		await pool?.end()
	}
}
