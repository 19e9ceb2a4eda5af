// A fingerprint of every row of every table, to prove that a refused request wrote nothing.
// Tables are listed from the database itself, so a table added by a later migration is covered.
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { db, dbEngine } from '#app/utils/db.server.ts'

export type Digest = Map<string, string>

async function tableNames(): Promise<string[]> {
	if (dbEngine() === 'sqlite') {
		const rows = await db.$queryRawUnsafe<Array<{ name: string }>>(
			// FTS5's shadow tables mirror its virtual table; reading the virtual table is enough.
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE TABLE ''%' ORDER BY name",
		)
		return rows.map((row) => row.name)
	}
	const rows = await db.$queryRawUnsafe<Array<{ table_name: string }>>(
		"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
	)
	return rows.map((row) => row.table_name)
}

let tables: Promise<string[]> | undefined

// Columns that any signed-in request may write, whatever it asks: authenticating slides a
// session's expiry and notes when it was last seen (sessions.server.ts). Which sessions exist is
// still compared.
const BOOKKEEPING: Record<string, string[]> = { Session: ['lastSeenAt', 'expiresAt'] }

async function columnsOf(table: string): Promise<string[]> {
	const rows =
		dbEngine() === 'sqlite'
			? await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM pragma_table_info('${table}')`)
			: await db.$queryRawUnsafe<Array<{ name: string }>>(
					`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${table}' ORDER BY ordinal_position`,
				)
	const skip = new Set(BOOKKEEPING[table] ?? [])
	return rows.map((row) => row.name).filter((name) => !skip.has(name))
}

const columnLists = new Map<string, Promise<string>>()
function selectList(table: string): Promise<string> {
	let list = columnLists.get(table)
	if (!list) columnLists.set(table, (list = columnsOf(table).then((names) => (names.length ? names.map((name) => `"${name}"`).join(', ') : '*'))))
	return list
}

// SQLite: a read-only connection of our own, which reads committed rows as fast as SQLite can
// (through the app's client, reading every row twice per request was most of the matrix's time).
let reader: { url: string; connection: Database.Database; statements: Map<string, Database.Statement> } | undefined
function sqliteStatement(table: string, columns: string): Database.Statement {
	const url = process.env.DATABASE_URL!
	if (reader?.url !== url) {
		reader?.connection.close()
		reader = { url, connection: new Database(url.replace(/^file:/, ''), { readonly: true, timeout: 5000 }), statements: new Map() }
	}
	let statement = reader.statements.get(table)
	if (!statement) reader.statements.set(table, (statement = reader.connection.prepare(`SELECT ${columns} FROM "${table}"`).raw()))
	return statement
}

function stringify(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

async function tableDigest(table: string): Promise<string> {
	if (dbEngine() === 'postgresql') {
		// PostgreSQL hashes its own rows: no column type (tsvector…) has to cross the driver.
		const [row] = await db.$queryRawUnsafe<Array<{ digest: string | null; rows: bigint }>>(
			`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*) AS rows FROM (SELECT ${await selectList(table)} FROM "${table}") t`,
		)
		return `${row?.rows}:${row?.digest ?? ''}`
	}
	const rows = sqliteStatement(table, await selectList(table)).all()
	const lines = rows.map(stringify).sort()
	return `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`
}

/** The fingerprint of the whole database now. */
export async function databaseDigest(): Promise<Digest> {
	tables ??= tableNames()
	const names = await tables
	const digests = await Promise.all(names.map(async (name) => [name, await tableDigest(name)] as const))
	return new Map(digests)
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Digest, after: Digest): string[] {
	return [...after.keys()].filter((table) => before.get(table) !== after.get(table))
}
