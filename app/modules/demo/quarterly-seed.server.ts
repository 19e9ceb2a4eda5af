// Demo content of quarterly reviews, in the order a quarter runs: last quarter's closed cycle and
// this quarter's open one (quarterly-cycles-seed), this quarter's agenda ready for a meeting
// (quarterly-dashboard-seed), and last quarter's meeting with its action items
// (quarterly-meeting-seed). Each part skips what is already there.
import { formatQuarter, quarterOf } from '#app/modules/quarterly/quarters.ts'
import { indexUpdate } from '#app/modules/quarterly/update-search.server.ts'
import { db } from '#app/utils/db.server.ts'
import { seedQuarterlyCycles } from './quarterly-cycles-seed.server.ts'
import { seedQuarterlyDashboard } from './quarterly-dashboard-seed.server.ts'
import { seedQuarterlyMeeting } from './quarterly-meeting-seed.server.ts'
import type { DemoContext, DemoSeeder } from './seed.server.ts'

async function seedQuarterly(context: DemoContext, now: Date = new Date()): Promise<void> {
	await seedQuarterlyCycles(context, now)
	const current = await db.reviewCycle.findUnique({
		where: { groupId_quarter: { groupId: context.group.id, quarter: formatQuarter(quarterOf(now)) } },
		select: { id: true },
	})
	if (current) await seedQuarterlyDashboard(current.id)
	await seedQuarterlyMeeting(context, now)
	// Submitted updates are found by search, like the members' own.
	const submitted = await db.reviewSubmission.findMany({
		where: { status: 'submitted', cycle: { groupId: context.group.id } },
		select: { id: true },
	})
	await db.$transaction(async (tx) => {
		for (const { id } of submitted) await indexUpdate(tx, id)
	})
}

export const quarterlyDemoSeeder: DemoSeeder = { name: 'quarterly', seed: (context) => seedQuarterly(context) }
