import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type {
	IsolationLevel,
	SqlDriverAdapter,
	SqlMigrationAwareDriverAdapterFactory,
	SqlQuery,
	Transaction,
} from '@prisma/driver-adapter-utils'
import type Database from 'better-sqlite3'

/**
 * A first-come, first-served lock. SQLite through better-sqlite3 is one connection shared by the
 * whole process, so "a transaction is open" is a property of the connection, not of the caller.
 */
export class ConnectionGate {
	#held = false
	#waiting: Array<() => void> = []

	acquire(): Promise<void> {
		if (!this.#held) {
			this.#held = true
			return Promise.resolve()
		}
		return new Promise((resolve) => this.#waiting.push(resolve))
	}

	release(): void {
		const next = this.#waiting.shift()
		if (next) next()
		else this.#held = false
	}

	async run<T>(work: () => Promise<T>): Promise<T> {
		await this.acquire()
		try {
			return await work()
		} finally {
			this.release()
		}
	}
}

/**
 * Prisma's better-sqlite3 adapter serialises transactions against each other, but a statement
 * sent outside a transaction runs on the same connection while another caller's interactive
 * transaction is open: it becomes part of that transaction, reads its uncommitted rows and is
 * rolled back with it. Here every statement outside a transaction waits at the gate, and an open
 * transaction holds the gate until it commits or rolls back, so no caller's statement can ever
 * land inside someone else's transaction.
 *
 * Code inside `db.$transaction(async (tx) => …)` must therefore use `tx`, never `db`: a `db` call
 * there would wait for its own transaction (Prisma then times the transaction out).
 */
function gatedAdapter(inner: SqlDriverAdapter, gate: ConnectionGate): SqlDriverAdapter {
	return {
		provider: inner.provider,
		adapterName: inner.adapterName,
		queryRaw: (query: SqlQuery) => gate.run(() => inner.queryRaw(query)),
		executeRaw: (query: SqlQuery) => gate.run(() => inner.executeRaw(query)),
		executeScript: (script: string) => gate.run(() => inner.executeScript(script)),
		getConnectionInfo: inner.getConnectionInfo?.bind(inner),
		dispose: () => inner.dispose(),
		async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
			await gate.acquire()
			let transaction: Transaction
			try {
				transaction = await inner.startTransaction(isolationLevel)
			} catch (error) {
				gate.release()
				throw error
			}
			return gatedTransaction(transaction, gate)
		},
	}
}

function gatedTransaction(inner: Transaction, gate: ConnectionGate): Transaction {
	let open = true
	const finish = async (end: () => Promise<void>) => {
		try {
			await end()
		} finally {
			if (open) {
				open = false
				gate.release()
			}
		}
	}
	return {
		provider: inner.provider,
		adapterName: inner.adapterName,
		options: inner.options,
		queryRaw: (query) => inner.queryRaw(query),
		executeRaw: (query) => inner.executeRaw(query),
		commit: () => finish(() => inner.commit()),
		rollback: () => finish(() => inner.rollback()),
		createSavepoint: inner.createSavepoint?.bind(inner),
		rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
		releaseSavepoint: inner.releaseSavepoint?.bind(inner),
	}
}

const STATEMENT_CACHE_SIZE = 500

/**
 * The adapter prepares every statement anew, and preparing is a large part of a short query's
 * cost. Prisma sends the same few hundred SQL strings again and again, so the prepared
 * statements are kept (least recently used out first). better-sqlite3 allows `bind()` once per
 * statement, so the adapter's `prepare(sql).bind(args)` is answered with a view that passes the
 * arguments on each call instead.
 */
function cacheStatements(client: Database.Database): void {
	const prepare = client.prepare.bind(client)
	const cache = new Map<string, Database.Statement>()
	const cached = (sql: string): Database.Statement => {
		let statement = cache.get(sql)
		if (statement) {
			cache.delete(sql)
		} else {
			statement = prepare(sql)
			if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
		}
		cache.set(sql, statement)
		return statement
	}
	const view = (statement: Database.Statement, args: unknown[]) => ({
		reader: statement.reader,
		columns: () => statement.columns(),
		run: () => statement.run(args),
		raw: () => ({ all: () => statement.raw(true).all(args) }),
	})
	const patched = (sql: string) => {
		const statement = cached(sql)
		// The adapter also runs argument-less statements (BEGIN) without bind().
		return { ...view(statement, []), bind: (args: unknown[]) => view(statement, args) }
	}
	;(client as unknown as { prepare: typeof patched }).prepare = patched
}

/** Prisma's better-sqlite3 adapter with the connection gate and a statement cache. */
export function createSqliteAdapter(options: { url: string; timeout: number }): SqlMigrationAwareDriverAdapterFactory {
	const factory = new PrismaBetterSqlite3(options)
	const prepare = (adapter: SqlDriverAdapter) => {
		cacheStatements((adapter as unknown as { client: Database.Database }).client)
		return gatedAdapter(adapter, new ConnectionGate())
	}
	return {
		provider: factory.provider,
		adapterName: factory.adapterName,
		connect: async () => prepare(await factory.connect()),
		connectToShadowDb: async () => prepare(await factory.connectToShadowDb()),
	}
}
