// Writes that were acknowledged stay written: a statement sent by one caller never runs inside
// another caller's open transaction (on SQLite both share one connection).
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { db, dbEngine, prepareDb } from '#app/utils/db.server.ts'
import { createUser } from '#tests/helpers.ts'

/** A transaction that writes, then waits to be told to fail. */
function transactionThatWillRollBack(userId: string) {
	let fail!: () => void
	const failing = new Promise<void>((resolve) => (fail = resolve))
	let wrote!: () => void
	const written = new Promise<void>((resolve) => (wrote = resolve))
	const done = db.$transaction(
		async (tx) => {
			await tx.user.update({ where: { id: userId }, data: { company: 'Uncommitted Ltd' } })
			wrote()
			await failing
			throw new Error('the transaction gives up')
		},
		{ timeout: 10_000 },
	)
	return { written, fail, done }
}

describe('statements outside a transaction', () => {
	test('an update acknowledged while another caller’s transaction is open survives that transaction’s rollback', async () => {
		const [inTransaction, bystander] = await Promise.all([createUser(), createUser({ company: 'Before' })])
		const transaction = transactionThatWillRollBack(inTransaction.id)
		await transaction.written

		let acknowledged = false
		const update = db.user
			.update({ where: { id: bystander.id }, data: { company: 'Acknowledged' } })
			.then(() => (acknowledged = true))
		// Give the update every chance to run now; it must not land inside the open transaction.
		await sleep(50)
		transaction.fail()
		await expect(transaction.done).rejects.toThrow('the transaction gives up')
		await update
		expect(acknowledged).toBe(true)

		const after = await db.user.findUniqueOrThrow({ where: { id: bystander.id }, select: { company: true } })
		expect(after.company).toBe('Acknowledged')
		const rolledBack = await db.user.findUniqueOrThrow({ where: { id: inTransaction.id }, select: { company: true } })
		expect(rolledBack.company).not.toBe('Uncommitted Ltd')
	})

	test('a read while another caller’s transaction is open never sees its uncommitted write', async () => {
		const user = await createUser({ company: 'Committed Co' })
		const transaction = transactionThatWillRollBack(user.id)
		await transaction.written

		const read = db.user.findUniqueOrThrow({ where: { id: user.id }, select: { company: true } })
		await sleep(20)
		transaction.fail()
		await expect(transaction.done).rejects.toThrow()
		expect((await read).company).toBe('Committed Co')
	})

	test('a creation racing a rolled-back transaction is kept', async () => {
		const owner = await createUser()
		const transaction = transactionThatWillRollBack(owner.id)
		await transaction.written
		const created = createUser({ name: 'Racing Newcomer' })
		await sleep(20)
		transaction.fail()
		await expect(transaction.done).rejects.toThrow()
		const newcomer = await created
		expect(await db.user.findUnique({ where: { id: newcomer.id }, select: { name: true } })).toEqual({ name: 'Racing Newcomer' })
	})

	test('many concurrent writers and failing transactions lose no acknowledged write', async () => {
		const users = await Promise.all(Array.from({ length: 5 }, () => createUser({ company: 'v0' })))
		const acknowledged = new Map<string, string>()
		const work: Promise<unknown>[] = []
		for (let round = 1; round <= 20; round += 1) {
			const target = users[round % users.length]!
			work.push(
				db
					.$transaction(async (tx) => {
						await tx.user.update({ where: { id: users[0]!.id }, data: { name: `doomed ${round}` } })
						await sleep(1)
						throw new Error('doomed')
					})
					.catch(() => undefined),
			)
			const value = `v${round}`
			work.push(db.user.update({ where: { id: target.id }, data: { company: value } }).then(() => acknowledged.set(target.id, value)))
		}
		await Promise.all(work)
		for (const [id, company] of acknowledged) {
			const row = await db.user.findUniqueOrThrow({ where: { id }, select: { company: true } })
			expect(row.company).toBe(company)
		}
		expect(acknowledged.size).toBe(users.length)
	})
})

test('SQLite commits reach the disk before they are acknowledged (synchronous FULL, WAL)', async () => {
	if (dbEngine() !== 'sqlite') return
	await prepareDb()
	const [sync] = await db.$queryRawUnsafe<Array<{ synchronous: number | bigint }>>('PRAGMA synchronous')
	const [journal] = await db.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode')
	expect(Number(sync!.synchronous)).toBe(2)
	expect(journal!.journal_mode).toBe('wal')
})
