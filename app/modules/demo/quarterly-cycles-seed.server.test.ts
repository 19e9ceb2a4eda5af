// The demo's review cycles: last quarter closed with every member's numbers, this quarter open
// with updates submitted and drafts; what the scheduler would do to them now is nothing; twice
// seeded, once there.
import { expect, test } from 'vitest'
import { cycleSchedulerJob } from '#app/modules/quarterly/cycle-scheduler.server.ts'
import { readAnswers } from '#app/modules/quarterly/question-list.ts'
import { METRICS } from '#app/modules/quarterly/questions.ts'
import { runJobs } from '#app/modules/scheduler/scheduler.server.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import { seedQuarterlyCycles } from './quarterly-cycles-seed.server.ts'
import { seedDemo } from './seed.server.ts'

test('last quarter closed with every member’s numbers; this quarter open with submitted updates and drafts; once', async () => {
	const { context } = await seedDemo()
	const now = new Date('2026-12-01T10:00:00Z')
	await seedQuarterlyCycles(context, now)
	await seedQuarterlyCycles(context, now)
	const cycles = await db.reviewCycle.findMany({
		where: { groupId: context.group.id },
		orderBy: { quarter: 'asc' },
		select: { quarter: true, status: true, submissions: { select: { status: true, answers: true } } },
	})
	expect(cycles.map((c) => [c.quarter, c.status])).toEqual([
		['2026-Q3', 'closed'],
		['2026-Q4', 'open'],
	])
	const [last, current] = cycles
	expect(last!.submissions).toHaveLength(context.members.length)
	for (const submission of last!.submissions) {
		expect(submission.status).toBe('submitted')
		const answers = readAnswers(submission.answers)
		for (const metric of METRICS) expect(typeof answers[metric]).toBe('number')
	}
	const states = current!.submissions.map((s) => s.status).sort()
	expect(states).toEqual(['draft', 'draft', 'submitted', 'submitted', 'submitted'])
	// The scheduler, run now, leaves both as they are.
	await runJobs([cycleSchedulerJob], { now, realtime: offlinePublisher })
	expect((await db.reviewCycle.findMany({ where: { groupId: context.group.id }, orderBy: { quarter: 'asc' }, select: { status: true } })).map((c) => c.status)).toEqual(['closed', 'open'])
})
