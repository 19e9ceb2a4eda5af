// `npm run db:backup [-- --out DIR]`: a consistent copy of the SQLite database, taken while the app
// runs, into DIR/peerpower-<UTC time>.db (DIR: --out, else BACKUP_DIR, else backups/).
//
// SQLite's online backup API copies the database page by page through a connection of its own.
// In WAL mode that read never blocks the app's writers, and the copy is one committed state of the
// database: writes made during the copy are either wholly in it or not at all (SQLite restarts the
// copy when another connection writes between two steps, so we copy everything in one step after
// the first). The copy is written under a temporary name and renamed when complete and checked,
// so a backup folder never holds a half-written file that looks like a backup.
// PostgreSQL: use pg_dump (see the README).
import { rename, rm, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { engineOf, projectRoot, sqliteFilePath } from '#server/db/engine.ts'

export type BackupResult = { file: string; bytes: number; pages: number; ms: number }

/** `peerpower-2026-12-01T143005Z.db`: sorts by time, no characters that trouble a shell. */
export function backupFileName(now: Date): string {
	return `peerpower-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.db`
}

export async function backupSqlite(databaseUrl: string, outDir: string, now = new Date()): Promise<BackupResult> {
	if (engineOf(databaseUrl) !== 'sqlite') {
		throw new Error('db:backup copies SQLite databases; for PostgreSQL use pg_dump (see the README, "Backups").')
	}
	const source = sqliteFilePath(databaseUrl)
	await stat(source).catch(() => {
		throw new Error(`No database at ${source} (DATABASE_URL=${databaseUrl})`)
	})
	await mkdir(outDir, { recursive: true })
	const file = path.join(outDir, backupFileName(now))
	const partial = `${file}.partial`
	const started = Date.now()
	const db = new Database(source, { fileMustExist: true, timeout: 5000 })
	let pages = 0
	try {
		await db.backup(partial, {
			progress: ({ totalPages }) => {
				pages = totalPages
				// Everything in the next step: with steady writes, small steps would restart for ever.
				return totalPages
			},
		})
	} catch (error) {
		await rm(partial, { force: true })
		throw error
	} finally {
		db.close()
	}
	// A backup is one self-contained file: the copy leaves WAL mode (the app turns it on again when
	// it opens a restored file), so no -wal/-shm files belong to it.
	const copy = new Database(partial)
	try {
		copy.pragma('journal_mode = DELETE')
		const check = copy.pragma('integrity_check', { simple: true })
		if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`)
		pages ||= copy.pragma('page_count', { simple: true }) as number
	} finally {
		copy.close()
	}
	await rename(partial, file)
	return { file, bytes: (await stat(file)).size, pages, ms: Date.now() - started }
}

function outDirFrom(args: string[]): string {
	const flag = args.indexOf('--out')
	const chosen = flag >= 0 ? args[flag + 1] : process.env.BACKUP_DIR
	if (flag >= 0 && !chosen) throw new Error('--out needs a folder, e.g. npm run db:backup -- --out /var/backups/peerpower')
	return chosen ? path.resolve(process.env.INIT_CWD ?? process.cwd(), chosen) : path.join(projectRoot, 'backups')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	// A relative DATABASE_URL means the same file as for `npm start`, which runs in the project root.
	const out = (() => {
		try {
			return outDirFrom(process.argv.slice(2))
		} catch (error) {
			console.error((error as Error).message)
			process.exit(1)
		}
	})()
	process.chdir(projectRoot)
	backupSqlite(process.env.DATABASE_URL ?? 'file:./data/peerpower.db', out).then(
		(result) => {
			const mb = (result.bytes / 1024 / 1024).toFixed(1)
			console.log(`backed up ${result.pages} pages (${mb} MB) in ${result.ms} ms to ${result.file}`)
		},
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : error)
			process.exit(1)
		},
	)
}
