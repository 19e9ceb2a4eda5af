import { randomUUID } from 'node:crypto'
import { isUniqueViolation } from './db-errors.ts'
import { db, type DbTransaction } from './db.server.ts'

/**
 * Submitting a form once, even when it is sent twice.
 *
 * A page that renders a form puts a fresh key in it (`IDEMPOTENCY_FIELD`). When the answer to a
 * post is lost (a dropped connection, a server restart, a double click, the browser's "resend"),
 * the member sends the same form again with the same key, and gets the first answer, a redirect to
 * what was created, instead of a duplicate.
 *
 * The key is claimed in memory while the work runs, and written with the result's location in the
 * result's own transaction (one commit): a crash leaves either both or neither. A key row still
 * without a location (claimed by another process, or by an earlier version that wrote claims
 * first) is either being handled (a resend waits for it) or was abandoned: then `recover` looks
 * for what that attempt may have saved.
 */
export const IDEMPOTENCY_FIELD = 'idempotencyKey'

/** A fresh key for a form about to be rendered. */
export function newIdempotencyKey(): string {
	return randomUUID()
}

/** Keys are only worth remembering for a day: nobody resends a form after that. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000
/** A claim this old without a result was left by a process that stopped before finishing. */
export const ABANDONED_AFTER_MS = 30_000
/** How long a resend waits for the first attempt, still running, to finish. */
const WAIT_FOR_FIRST_MS = 5_000
const POLL_MS = 100

/** The answer to a resend whose first sending is still being handled. */
export const STILL_SENDING = 'This is still being sent. Wait a moment, then reload the page to see it.'

const KEY_FORMAT = /^[A-Za-z0-9_-]{16,64}$/

export type Once<R> = { location: string } | { refusal: R }

/**
 * Given to the work: records where it led inside the work's own transaction, so the result and its
 * key are committed together (one commit fewer per submission, and no window in which a result
 * is saved but its key does not lead to it). Work that does not call it is recorded after.
 */
export type RecordLocation = (tx: DbTransaction, location: string) => Promise<void>

type Options<R> = {
	/** The answer while the first attempt is still running (it has not finished in a few seconds). */
	busy: () => R
	/**
	 * What an abandoned first attempt saved, if anything: the location of a result created by this
	 * user since `claimedAt`, or null when nothing was saved and the work may run again.
	 */
	recover?: (claimedAt: Date) => Promise<string | null>
	now?: () => Date
}


let lastSweep = 0
/** Forgets expired keys, at most once a minute per process (cheap: createdAt is indexed). */
async function sweep(now: Date): Promise<void> {
	if (now.getTime() - lastSweep < 60_000) return
	lastSweep = now.getTime()
	await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEY_LIFETIME_MS) } } })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Sendings being handled by this process, by user and key. The first claims its key here, in
// memory, and writes the key's row only with its result, in the result's own transaction: one
// commit per submission instead of three (claim, result, answer). On globalThis: the server and
// the app's build each hold a copy of this module.
const globalForKeys = globalThis as unknown as { __peerpowerSendings?: Map<string, Promise<void>> }
const sendings = (globalForKeys.__peerpowerSendings ??= new Map())

/**
 * Runs `work` once per (user, key). `work` answers with the location of what it created, or a
 * refusal; a refusal (or an error thrown) frees the key, so the member can correct the form and
 * send it again. A missing or malformed key (a page rendered before keys existed, a script) runs
 * the work unprotected rather than refusing it.
 *
 * A resend handled by the same process waits for the first sending; the unique key row decides
 * between processes (a second one's transaction fails on it and leads to the first's result).
 * A key row without a location was claimed by another process (or by a version of PeerPower that
 * claimed keys first): it is waited for, or taken over when abandoned, as before.
 */
export async function once<R>(
	userId: string,
	rawKey: FormDataEntryValue | null | undefined,
	work: (record: RecordLocation) => Promise<Once<R>>,
	options: Options<R>,
): Promise<Once<R>> {
	const key = typeof rawKey === 'string' && KEY_FORMAT.test(rawKey) ? rawKey : null
	if (!key) return work(async () => undefined)
	const now = options.now ?? (() => new Date())
	await sweep(now())

	const sending = `${userId}\n${key}`
	const deadline = now().getTime() + WAIT_FOR_FIRST_MS
	let done!: () => void
	for (;;) {
		const running = sendings.get(sending)
		if (!running) break
		const wait = deadline - now().getTime()
		if (wait <= 0) return { refusal: options.busy() }
		await Promise.race([running, sleep(wait)])
	}
	// Claimed in this process, synchronously after the check: a concurrent resend waits above.
	sendings.set(sending, new Promise<void>((resolve) => (done = resolve)))
	try {
		return await claimAndRun(userId, key, work, options, now, deadline)
	} finally {
		sendings.delete(sending)
		done()
	}
}

async function claimAndRun<R>(
	userId: string,
	key: string,
	work: (record: RecordLocation) => Promise<Once<R>>,
	options: Options<R>,
	now: () => Date,
	deadline: number,
): Promise<Once<R>> {
	let claimedAt: Date = now()
	// Whether a row for the key exists (taken over from an abandoned claim): the result updates it.
	let rowExists = false
	for (;;) {
		const attempt = now()
		const existing = await db.idempotencyKey.findUnique({
			where: { userId_key: { userId, key } },
			select: { location: true, createdAt: true },
		})
		if (!existing) {
			claimedAt = attempt
			break
		}
		if (existing.location) return { location: existing.location }
		if (attempt.getTime() - existing.createdAt.getTime() >= ABANDONED_AFTER_MS) {
			// Take over the abandoned claim; only one of several resends wins (same createdAt matched).
			const taken = await db.idempotencyKey.updateMany({
				where: { userId, key, location: null, createdAt: existing.createdAt },
				data: { createdAt: attempt },
			})
			if (taken.count === 0) continue
			const saved = await options.recover?.(existing.createdAt)
			if (saved) {
				await db.idempotencyKey.update({ where: { userId_key: { userId, key } }, data: { location: saved } })
				return { location: saved }
			}
			claimedAt = attempt
			rowExists = true
			break
		}
		if (attempt.getTime() >= deadline) return { refusal: options.busy() }
		await sleep(POLL_MS)
	}

	const write = (client: DbTransaction, location: string) =>
		rowExists
			? client.idempotencyKey.update({ where: { userId_key: { userId, key } }, data: { location }, select: { id: true } })
			: client.idempotencyKey.create({ data: { userId, key, location, createdAt: claimedAt }, select: { id: true } })
	let recorded: string | null = null
	const record: RecordLocation = async (tx, location) => {
		await write(tx, location)
		recorded = location
	}
	let outcome: Once<R>
	try {
		outcome = await work(record)
	} catch (error) {
		if (rowExists) await release(userId, key)
		// Another process recorded this key first: its transaction won, ours was rolled back.
		if (isUniqueViolation(error)) {
			const first = await db.idempotencyKey.findUnique({ where: { userId_key: { userId, key } }, select: { location: true } })
			if (first?.location) return { location: first.location }
		}
		throw error
	}
	if ('location' in outcome) {
		if (recorded !== outcome.location) await write(db, outcome.location)
	} else if (rowExists) {
		await release(userId, key)
	}
	return outcome
}

async function release(userId: string, key: string): Promise<void> {
	await db.idempotencyKey.deleteMany({ where: { userId, key, location: null } })
}
