// The scheduler with a fixed clock: work found in the database as of "now", done once per key
// however many runs, restarts or instances, one failing job never stopping the others.
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { expiredSessionsJob } from '#app/modules/auth/expired-sessions.server.ts'
import { createSession, sessionCookieHeader } from '#app/modules/auth/sessions.server.ts'
import { createScheduler, runJobs, type ScheduledJob } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import type { RunningServer } from '#server/index.ts'
import { createUser } from '#tests/helpers.ts'
import { connected, connectSocket, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000

const quietRealtime = offlinePublisher

// A reminder of the kind the coming domains send: "your account is a week old", once per member,
// recorded as an account notice (a real table the app reads at log-in).
function weekOldReminder(userIds: string[], options: { failFor?: string } = {}): ScheduledJob {
	return {
		name: 'test.week-old',
		everyMs: HOUR,
		async run({ now, once }) {
			const due = await db.user.findMany({
				where: { id: { in: userIds }, createdAt: { lte: new Date(now.getTime() - 7 * DAY) } },
				select: { id: true },
			})
			for (const user of due) {
				await once(`test.week-old:${user.id}`, async (tx) => {
					await tx.accountNotice.create({ data: { userId: user.id, kind: 'week_old', lastAt: now } })
					if (user.id === options.failFor) throw new Error('the notice could not be written')
				})
			}
		},
	}
}

async function noticesOf(userIds: string[]) {
	return db.accountNotice.findMany({ where: { userId: { in: userIds }, kind: 'week_old' }, select: { userId: true } })
}

describe('work done once', () => {
	test('nothing before it is due, once when due, never again on a rerun, a restart or a second instance', async () => {
		const start = new Date('2027-03-01T09:00:00Z')
		const early = await createUser()
		const late = await createUser()
		await db.user.update({ where: { id: early.id }, data: { createdAt: start } })
		await db.user.update({ where: { id: late.id }, data: { createdAt: new Date(start.getTime() + 3 * DAY) } })
		const ids = [early.id, late.id]

		let now = new Date(start.getTime() + 6 * DAY)
		const clock = () => now
		const first = createScheduler({ jobs: [weekOldReminder(ids)], realtime: quietRealtime, clock, tickMs: 0 })
		expect(await first.tick()).toEqual([{ job: 'test.week-old', ok: true, done: 0, skipped: 0 }])
		expect(await noticesOf(ids)).toEqual([])

		now = new Date(start.getTime() + 7 * DAY)
		expect(await first.tick()).toEqual([{ job: 'test.week-old', ok: true, done: 1, skipped: 0 }])
		expect(await noticesOf(ids)).toEqual([{ userId: early.id }])

		// The same run again, as after a restart (a new scheduler remembers nothing in memory).
		const restarted = createScheduler({ jobs: [weekOldReminder(ids)], realtime: quietRealtime, clock, tickMs: 0 })
		expect(await restarted.tick()).toEqual([{ job: 'test.week-old', ok: true, done: 0, skipped: 1 }])

		// Two instances wake at the same moment when the second member falls due.
		now = new Date(start.getTime() + 10 * DAY)
		const other = createScheduler({ jobs: [weekOldReminder(ids)], realtime: quietRealtime, clock, tickMs: 0 })
		const [a, b] = await Promise.all([restarted.tick(), other.tick()])
		expect(a[0]!.done + b[0]!.done).toBe(1)
		expect((await noticesOf(ids)).map((row) => row.userId).sort()).toEqual([...ids].sort())
		await Promise.all([first.stop(), restarted.stop(), other.stop()])
	})

	test('work that fails leaves no record, so the next run does it; other jobs run meanwhile', async () => {
		const now = new Date('2027-05-01T09:00:00Z')
		const failing = await createUser()
		const fine = await createUser()
		for (const user of [failing, fine]) {
			await db.user.update({ where: { id: user.id }, data: { createdAt: new Date(now.getTime() - 8 * DAY) } })
		}
		let broken = true
		const brokenJob: ScheduledJob = {
			name: 'test.broken',
			everyMs: HOUR,
			run: async () => {
				if (broken) throw new Error('down')
			},
		}
		const reminder = weekOldReminder([failing.id], { failFor: failing.id })
		const others = weekOldReminder([fine.id])
		const first = await runJobs([brokenJob, reminder, { ...others, name: 'test.week-old-2' }], { now, realtime: quietRealtime })
		expect(first.map((report) => [report.job, report.ok, report.done])).toEqual([
			['test.broken', false, 0],
			['test.week-old', false, 0],
			['test.week-old-2', true, 1],
		])
		// The failed notice rolled back with its key: nothing half-done, nothing marked done.
		expect(await noticesOf([failing.id])).toEqual([])
		expect(await db.scheduledWorkDone.count({ where: { key: `test.week-old:${failing.id}` } })).toBe(0)

		broken = false
		const second = await runJobs([brokenJob, weekOldReminder([failing.id])], { now, realtime: quietRealtime })
		expect(second.map((report) => [report.job, report.ok, report.done])).toEqual([
			['test.broken', true, 0],
			['test.week-old', true, 1],
		])
		expect(await noticesOf([failing.id])).toEqual([{ userId: failing.id }])
	})

	test('a job runs again only when its period has passed; runs never overlap', async () => {
		let runs = 0
		let release: (() => void) | undefined
		const job: ScheduledJob = {
			name: 'test.counting',
			everyMs: HOUR,
			run: async () => {
				runs += 1
				await new Promise<void>((resolve) => (release = resolve))
			},
		}
		let now = new Date('2027-06-01T00:00:00Z')
		const scheduler = createScheduler({ jobs: [job], realtime: quietRealtime, clock: () => now, tickMs: 0 })
		const running = scheduler.tick()
		const overlapping = scheduler.tick()
		await new Promise((resolve) => setTimeout(resolve, 20))
		release!()
		expect(await overlapping).toBe(await running)
		expect(runs).toBe(1)

		now = new Date(now.getTime() + HOUR / 2)
		expect(await scheduler.tick()).toEqual([])
		now = new Date(now.getTime() + HOUR / 2)
		const third = scheduler.tick()
		await new Promise((resolve) => setTimeout(resolve, 20))
		release!()
		expect((await third).map((report) => report.job)).toEqual(['test.counting'])
		expect(runs).toBe(2)
		await scheduler.stop()
	})

	test('two jobs with one name are refused', () => {
		const job: ScheduledJob = { name: 'same', everyMs: HOUR, run: async () => {} }
		expect(() => createScheduler({ jobs: [job, job], realtime: quietRealtime, tickMs: 0 })).toThrow(/share a name/)
	})
})

describe('expired sessions', () => {
	let server: RunningServer
	const sockets: Socket[] = []

	beforeAll(async () => {
		server = await startTestServer()
	}, SERVER_START_TIMEOUT)

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect()
		await server?.close()
	})

	async function liveSession(userId: string) {
		const { token, session } = await createSession(userId, { userAgent: 'vitest', ipAddress: '127.0.0.1' })
		const socket = connectSocket(server.url, { cookie: sessionCookieHeader(token).split(';')[0]! })
		sockets.push(socket)
		await connected(socket)
		return { sessionId: session.id, socket }
	}

	test('are removed and their live connections end; valid ones are kept', async () => {
		const member = await createUser()
		const expiring = await liveSession(member.id)
		const valid = await liveSession(member.id)
		const now = new Date()
		await db.session.update({ where: { id: expiring.sessionId }, data: { expiresAt: new Date(now.getTime() - 1000) } })

		const ended = new Promise<string>((resolve) => expiring.socket.once('disconnect', resolve))
		await runJobs([expiredSessionsJob], { now, realtime: server.realtime.publisher })
		expect(await ended).toBe('io server disconnect')
		expect(await db.session.findUnique({ where: { id: expiring.sessionId } })).toBeNull()
		expect(await db.session.findUnique({ where: { id: valid.sessionId } })).not.toBeNull()
		// Still connected after a round trip through the server.
		await valid.socket.timeout(5_000).emitWithAck('presence:join', { groupId: 'none' }).catch(() => null)
		expect(valid.socket.connected).toBe(true)
	})

	test("the server's own scheduler runs it", async () => {
		const member = await createUser()
		const { session } = await createSession(member.id, { userAgent: 'vitest', ipAddress: '127.0.0.1' })
		await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		const reports = await server.scheduler.tick()
		expect(reports.map((report) => report.job)).toContain('auth.expired-sessions')
		expect(await db.session.findUnique({ where: { id: session.id } })).toBeNull()
	})
})
