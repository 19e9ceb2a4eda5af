// The search worker's entry: plain JavaScript, so that a worker thread can load it in every
// setting (the server under tsx, the production build, Vitest); it loads the TypeScript search.
import { tsImport } from 'tsx/esm/api'

const { runSqliteSearch } = await tsImport('./sqlite-search.server.ts', import.meta.url)

/** @param {import('./sqlite-search.server.ts').SqliteSearchTask & { started: Int32Array }} task */
export default function search(task) {
	Atomics.store(task.started, 0, 1)
	return runSqliteSearch(task)
}
