// `npm run db:backup` takes a consistent copy while another process keeps writing.
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { db, disconnectDb, prepareDb } from '#app/utils/db.server.ts'
import { migrateDatabase } from '#server/db/migrate.ts'
import { projectRoot, sqliteFilePath } from '#server/db/engine.ts'
import { testEngine } from '#tests/setup/test-database.ts'
import { backupFileName, backupSqlite } from './backup.ts'

let outDir = ''
beforeAll(async () => {
	outDir = await mkdtemp(path.join(os.tmpdir(), 'peerpower-backup-'))
})
afterAll(async () => {
	await rm(outDir, { recursive: true, force: true })
})

// Another process (as the app would be) writing pairs of rows, each pair in one transaction: a copy
// that holds one row of a pair without the other is not consistent.
const WRITER = `
const Database = require('better-sqlite3')
const db = new Database(process.argv[1], { timeout: 5000 })
db.pragma('journal_mode = WAL')
const pair = db.transaction((i) => {
	db.prepare('INSERT INTO ledger_debit (n, payload) VALUES (?, ?)').run(i, 'x'.repeat(2000))
	db.prepare('INSERT INTO ledger_credit (n, payload) VALUES (?, ?)').run(i, 'y'.repeat(2000))
})
let i = 0
process.stdout.write('ready\\n')
const deadline = Date.now() + 20000
while (Date.now() < deadline) pair(++i)
`

// The suite's PostgreSQL run has no SQLite file to copy.
test.skipIf(testEngine() !== 'sqlite')('a backup taken while writes run is consistent, checked and complete', async () => {
	const url = process.env.DATABASE_URL!
	await prepareDb()
	await db.$executeRawUnsafe('CREATE TABLE ledger_debit (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)')
	await db.$executeRawUnsafe('CREATE TABLE ledger_credit (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)')
	await db.user.count()
	const source = sqliteFilePath(url)

	const writer = spawn(process.execPath, ['-e', WRITER, source], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] })
	const exited = new Promise((resolve) => writer.once('exit', resolve))
	try {
		await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()))
		await new Promise((resolve) => setTimeout(resolve, 500))
		const count = (file: string) => {
			const reader = new Database(file, { readonly: true })
			try {
				return reader.prepare('SELECT COUNT(*) AS n FROM ledger_debit').get() as { n: number }
			} finally {
				reader.close()
			}
		}
		const before = count(source).n
		const backups = []
		for (let i = 0; i < 3; i++) backups.push(await backupSqlite(url, outDir, new Date(Date.UTC(2026, 11, 1, 14, 30, i))))
		const after = count(source).n
		expect(after).toBeGreaterThan(before) // the writer really was writing during the copies

		for (const backup of backups) {
			const copy = new Database(backup.file, { readonly: true })
			try {
				expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
				const debits = (copy.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(n), 0) AS last FROM ledger_debit').get() as { n: number; last: number })
				const credits = (copy.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(n), 0) AS last FROM ledger_credit').get() as { n: number; last: number })
				expect(credits).toEqual(debits)
				expect(debits.n).toBe(debits.last) // no gap: every committed pair up to the copy's moment
				expect(debits.n).toBeGreaterThanOrEqual(before)
				// The app's own tables came along, with the record of applied migrations.
				expect((copy.prepare('SELECT COUNT(*) AS n FROM _prisma_migrations').get() as { n: number }).n).toBeGreaterThan(0)
			} finally {
				copy.close()
			}
			console.log(`backup: ${backup.pages} pages, ${(backup.bytes / 1024).toFixed(0)} KiB in ${backup.ms} ms while writing`)
		}
		expect(backups.map((b) => path.basename(b.file))).toEqual([
			'peerpower-20261201T143000Z.db',
			'peerpower-20261201T143001Z.db',
			'peerpower-20261201T143002Z.db',
		])
		// Only finished copies are left behind: no .partial files.
		expect((await readdir(outDir)).sort()).toEqual(backups.map((b) => path.basename(b.file)).sort())

		// Restoring is copying the file in place: the app opens it and finds nothing to migrate.
		const { applied } = await migrateDatabase(`file:${backups[0]!.file}`)
		expect(applied).toEqual([])
	} finally {
		writer.kill('SIGKILL')
		await exited
		await disconnectDb()
	}
}, 60_000)

test('names sort by time', () => {
	expect(backupFileName(new Date('2026-12-01T14:30:05.123Z'))).toBe('peerpower-20261201T143005Z.db')
})

test('PostgreSQL is pointed to pg_dump', async () => {
	await expect(backupSqlite('postgresql://localhost/x', outDir)).rejects.toThrow(/pg_dump/)
})
