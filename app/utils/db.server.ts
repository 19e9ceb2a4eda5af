import { createRequire } from 'node:module'
import type { PrismaPg as PrismaPgType } from '@prisma/adapter-pg'
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgres/client.ts'
import { PrismaClient as SqliteClient } from '../../prisma/generated/sqlite/client.ts'
import { engineOf, type Engine } from './db-url.ts'
import { getEnv } from './env.server.ts'
import { createSqliteAdapter } from './sqlite-adapter.server.ts'

/**
 * The one database module. Both engines share the same models, so the rest of the app talks to
 * `db` without knowing which engine runs. Only modules that must write engine-specific SQL
 * (full-text search) ask `dbEngine`.
 */
export type Db = SqliteClient
/** The client inside `db.$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<Db['$transaction']>[0]>[0]
export type DbEngine = Engine

type StatementListener = (sql: string) => void
const globalForListeners = globalThis as unknown as { __peerpowerStatementListeners?: Set<StatementListener> }
const statementListeners = (globalForListeners.__peerpowerStatementListeners ??= new Set())

/**
 * Calls `listener` with every SQL statement the client sends, until the returned function is
 * called: tests and benchmarks count a page's statements (and check that a read writes nothing).
 */
export function onStatement(listener: StatementListener): () => void {
	statementListeners.add(listener)
	return () => statementListeners.delete(listener)
}

// Prisma builds a query event only when asked to; with nobody listening it is a Set's size check.
const queryLog = [{ level: 'query', emit: 'event' }] as const
const tellListeners = (event: { query: string }) => {
	if (statementListeners.size > 0) for (const listener of statementListeners) listener(event.query)
}

function createClient(url: string): Db {
	if (engineOf(url) === 'sqlite') {
		// timeout = busy timeout: wait for a writer (another process) instead of failing with SQLITE_BUSY.
		const client = new SqliteClient({ adapter: createSqliteAdapter({ url, timeout: 5000 }), log: [...queryLog] })
		client.$on('query', tellListeners)
		return client as unknown as Db
	}
	// Required here, not imported at the top: the pg driver is a large module graph that an SQLite
	// installation never needs (it cost start time and memory on every start).
	const { PrismaPg } = createRequire(import.meta.url)('@prisma/adapter-pg') as { PrismaPg: typeof PrismaPgType }
	// Same models, same API: the PostgreSQL client is used through the SQLite client's type.
	const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), log: [...queryLog] })
	client.$on('query', tellListeners)
	return client.$extends({
		query: {
			$allModels: {
				$allOperations: ({ args, query }) => query(stripNul(args)),
			},
		},
	}) as unknown as Db
}

/**
 * PostgreSQL refuses the NUL character (U+0000) in text, with an error deep inside whichever
 * query meets it first. No person types one, so it is dropped from every value a query is given:
 * a form field or an id carrying one then behaves as it would without it (SQLite stores NUL as is).
 */
export function stripNul<T>(value: T): T {
	if (typeof value === 'string') return (value.includes('\0') ? value.replaceAll('\0', '') : value) as T
	if (Array.isArray(value)) return value.map(stripNul) as T
	if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stripNul(inner)])) as T
	}
	return value
}

type DbState = { client: Db; url: string; engine: DbEngine; prepared?: Promise<void> }
const globalForDb = globalThis as unknown as { __peerpowerDb?: DbState }

function state(): DbState {
	if (!globalForDb.__peerpowerDb) {
		const url = getEnv().DATABASE_URL
		globalForDb.__peerpowerDb = { client: createClient(url), url, engine: engineOf(url) }
	}
	return globalForDb.__peerpowerDb
}

/** The Prisma client, created on first use and shared by the server and the app in one process. */
export const db: Db = new Proxy({} as Db, {
	get(_target, property) {
		const client = state().client
		const value = Reflect.get(client, property, client) as unknown
		return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(client) : value
	},
})

export function dbEngine(): DbEngine {
	return state().engine
}

/** The database's URL: for the search workers, which open their own read-only connections. */
export function dbUrl(): string {
	return state().url
}

/**
 * Per-database settings, run once before serving, on SQLite: WAL, so readers and the writer never
 * wait for each other; synchronous FULL, so an acknowledged write survives a power cut too (the
 * README's "SQLite settings" says why); foreign keys, which SQLite leaves off by default.
 */
export function prepareDb(): Promise<void> {
	const current = state()
	current.prepared ??= (async () => {
		if (current.engine === 'sqlite') {
			await current.client.$queryRawUnsafe('PRAGMA journal_mode = WAL')
			await current.client.$executeRawUnsafe('PRAGMA synchronous = FULL')
			await current.client.$executeRawUnsafe('PRAGMA foreign_keys = ON')
		}
		await current.client.$connect()
	})()
	return current.prepared
}

/** Answers whether the database can run a query now (for /healthz). */
export async function pingDb(): Promise<boolean> {
	try {
		await state().client.$queryRawUnsafe('SELECT 1')
		return true
	} catch {
		return false
	}
}

export async function disconnectDb(): Promise<void> {
	const current = globalForDb.__peerpowerDb
	if (!current) return
	globalForDb.__peerpowerDb = undefined
	await current.client.$disconnect()
}
