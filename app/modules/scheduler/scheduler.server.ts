import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { isUniqueViolation } from '#app/utils/db-errors.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'

// Work that falls due at a time rather than on a request: reminders, deadline notices, cycles that
// open and close, housekeeping. It runs inside the server process (no extra service) on a timer.
// Nothing due is kept in memory: each run finds its work in the database as of "now", so a
// restart loses nothing, and each piece of work that must happen once is recorded under a key in
// the same transaction as the work, so a rerun or a second instance never does it twice.

export type JobContext = {
	/** The scheduler's clock at the start of this run (tests pass a fixed one). */
	now: Date
	realtime: RealtimePublisher
	/**
	 * Does `work` once for ever under `key` (e.g. `vendor-deadline:<programId>:14d`): the key is
	 * recorded in the same transaction, so the work is either done and recorded or neither. Returns
	 * false when it was already done (by an earlier run or another instance). What `work` returns is
	 * called after the commit: live events belong there, never inside the transaction.
	 */
	once(key: string, work: (tx: DbTransaction) => Promise<void | (() => void)>): Promise<boolean>
}

export type ScheduledJob = {
	/** Unique; also the prefix-free label under which its work is recorded and logged. */
	name: string
	/** How often to look for due work. */
	everyMs: number
	run(context: JobContext): Promise<void>
}

export type JobReport = { job: string; ok: boolean; done: number; skipped: number }


/** Records `key` and does `work` in one transaction; false when the key was already recorded. */
async function doOnce(job: string, key: string, now: Date, work: (tx: DbTransaction) => Promise<void | (() => void)>) {
	try {
		const after = await db.$transaction(async (tx) => {
			// First, so that a second instance doing the same work waits here (PostgreSQL) or is
			// refused here, before it has done anything.
			await tx.scheduledWorkDone.create({ data: { key, job, doneAt: now } })
			return work(tx)
		})
		if (typeof after === 'function') after()
		return true
	} catch (error) {
		if (isUniqueViolation(error)) return false
		throw error
	}
}

/** Runs each job once, now, whatever its period: what a tick does for the jobs that are due. */
export async function runJobs(
	jobs: ScheduledJob[],
	options: { now: Date; realtime: RealtimePublisher },
): Promise<JobReport[]> {
	const reports: JobReport[] = []
	for (const job of jobs) {
		const report: JobReport = { job: job.name, ok: true, done: 0, skipped: 0 }
		const context: JobContext = {
			now: options.now,
			realtime: options.realtime,
			once: async (key, work) => {
				const done = await doOnce(job.name, key, options.now, work)
				if (done) report.done += 1
				else report.skipped += 1
				return done
			},
		}
		try {
			await job.run(context)
		} catch (error) {
			// One failing job must not stop the others; its work is found again at the next tick.
			report.ok = false
			logger.error({ err: error, job: job.name }, 'scheduled job failed')
		}
		reports.push(report)
	}
	return reports
}

export type Scheduler = {
	/** Runs the jobs whose period has passed since they last ran (all of them the first time). */
	tick(): Promise<JobReport[]>
	/** Stops the timer and waits for a run in progress. */
	stop(): Promise<void>
}

export function createScheduler(options: {
	jobs: ScheduledJob[]
	realtime: RealtimePublisher
	clock?: () => Date
	/** How often to wake up and see which jobs are due; 0 starts no timer (tests call tick()). */
	tickMs?: number
}): Scheduler {
	const { jobs, realtime, clock = () => new Date(), tickMs = 30_000 } = options
	const names = new Set(jobs.map((job) => job.name))
	if (names.size !== jobs.length) throw new Error('two scheduled jobs share a name')
	const lastRun = new Map<string, number>()
	let running: Promise<JobReport[]> | undefined
	let timer: NodeJS.Timeout | undefined
	let stopped = false

	const tick = (): Promise<JobReport[]> => {
		// Runs never overlap: a slow run delays the next one instead of doubling up.
		running ??= (async () => {
			const now = clock()
			const due = jobs.filter((job) => {
				const last = lastRun.get(job.name)
				return last === undefined || now.getTime() - last >= job.everyMs
			})
			for (const job of due) lastRun.set(job.name, now.getTime())
			return runJobs(due, { now, realtime })
		})().finally(() => {
			running = undefined
		})
		return running
	}

	const schedule = () => {
		if (stopped || tickMs <= 0) return
		timer = setTimeout(() => {
			void tick().finally(schedule)
		}, tickMs)
		// The scheduler never keeps the process alive on its own.
		timer.unref()
	}
	schedule()

	return {
		tick,
		async stop() {
			stopped = true
			clearTimeout(timer)
			await running?.catch(() => {})
		},
	}
}
