// Demo content of quarterly review cycles: the demo group's cycle of last quarter, closed, with
// every member's key numbers (so the numbers, the quarter-over-quarter change and the charts have
// two quarters to compare), and this quarter's cycle, open, with some updates submitted and some
// still drafts, and the members told it opened. Safe to run again: a quarter's cycle that exists
// is left as it is.
import { recordNotifications } from '#app/modules/notifications/notifications.server.ts'
import { lessonChoices } from '#app/modules/quarterly/lesson-links.server.ts'
import { DAY_MS, startOfDay } from '#app/modules/quarterly/days.ts'
import { formatQuarter, previousQuarter, quarterBounds, quarterOf } from '#app/modules/quarterly/quarters.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { CYCLE_OPENED, QUARTERLY_CYCLE } from '#app/modules/quarterly/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { DemoContext } from './seed.server.ts'

type Numbers = { revenue: number; gross_margin: number; recurring_revenue: number; cash_days: number; headcount: number }
type Words = { wins: string; lesson: string; not_well: string; blocker: string; ask: string }

/** Each member's figures last quarter; this quarter's grow (or slip) from them. */
const LAST_QUARTER: Array<Numbers & Words> = [
	{ revenue: 610_000, gross_margin: 42, recurring_revenue: 64, cash_days: 75, headcount: 18, wins: 'Moved two clients onto the full managed stack.', lesson: 'Price the onboarding, never give it away.', not_well: 'A migration ran three weeks late.', blocker: 'leadership', ask: 'How did you hand over the service desk?' },
	{ revenue: 1_150_000, gross_margin: 36, recurring_revenue: 48, cash_days: 40, headcount: 31, wins: 'Closed the regional hospital contract.', lesson: 'Big projects eat the cash you planned for payroll.', not_well: 'Collections slipped past 60 days.', blocker: 'cash_flow', ask: 'A banker who understands project work.' },
	{ revenue: 420_000, gross_margin: 47, recurring_revenue: 71, cash_days: 110, headcount: 9, wins: 'Three new dental practices signed.', lesson: 'Referrals from accountants close faster.', not_well: 'Marketing spend brought no leads.', blocker: 'marketing', ask: 'Which agency actually delivered for you?' },
	{ revenue: 880_000, gross_margin: 39, recurring_revenue: 55, cash_days: 60, headcount: 15, wins: 'Hired a dispatcher; trucks stopped double-booking.', lesson: 'Write the role before the ad.', not_well: 'Lost a tech to a competitor.', blocker: 'leadership', ask: 'Your first service manager: promoted or hired?' },
	{ revenue: 540_000, gross_margin: 51, recurring_revenue: 82, cash_days: 130, headcount: 11, wins: 'SOC service passed its first audit.', lesson: 'Law firms buy on trust, not on price.', not_well: 'Sales cycle doubled.', blocker: 'sales', ask: 'An introduction to a CPA network.' },
	{ revenue: 300_000, gross_margin: 45, recurring_revenue: 60, cash_days: 90, headcount: 6, wins: 'Renewed the largest client for three years.', lesson: 'Document everything a buyer will ask for.', not_well: 'Too much of the revenue is one client.', blocker: 'strategic_relationships', ask: 'Who values an MSP, and how?' },
]

/** This quarter: some growth, one slip; who has submitted, who has a draft, who has not started. */
const THIS_QUARTER: Array<{ change: number; state: 'submitted' | 'draft' | 'none' }> = [
	{ change: 0.06, state: 'submitted' },
	{ change: 0.03, state: 'submitted' },
	{ change: -0.04, state: 'submitted' },
	{ change: 0.05, state: 'draft' },
	{ change: 0.02, state: 'draft' },
	{ change: 0.0, state: 'none' },
]

function answersOf(base: Numbers & Words, change = 0, only?: Array<keyof (Numbers & Words)>) {
	const numbers: Numbers = {
		revenue: Math.round((base.revenue * (1 + change)) / 1000) * 1000,
		gross_margin: Math.round((base.gross_margin + change * 20) * 10) / 10,
		recurring_revenue: Math.min(100, Math.round(base.recurring_revenue + change * 30)),
		cash_days: Math.max(0, Math.round(base.cash_days * (1 + change * 2))),
		headcount: base.headcount + (change > 0.04 ? 1 : 0),
	}
	const all: Record<string, number | string> = { ...base, ...numbers }
	return JSON.stringify(only ? Object.fromEntries(only.map((key) => [key, all[key]!])) : all)
}

async function cycleExists(groupId: string, quarter: string) {
	return (await db.reviewCycle.count({ where: { groupId, quarter } })) > 0
}

/**
 * Seeds the demo group's review cycles as of `now`: last quarter's (closed, every member's numbers)
 * and this quarter's (open, three updates submitted, two drafts, one not started).
 */
export async function seedQuarterlyCycles(context: DemoContext, now: Date = new Date()): Promise<void> {
	const { group, moderator, members } = context
	const questions = JSON.stringify(DEFAULT_QUESTIONS)
	const today = startOfDay(now)
	const current = quarterOf(now)
	const last = previousQuarter(current)
	const lastEnd = quarterBounds(last).end

	const lastQuarter = formatQuarter(last)
	if (!(await cycleExists(group.id, lastQuarter))) {
		// Opened three weeks before the quarter ended, due on its last day, closed the day after.
		const opensOn = new Date(lastEnd.getTime() - 21 * DAY_MS)
		const dueOn = new Date(lastEnd.getTime() - DAY_MS)
		const cycle = await db.reviewCycle.create({
			data: { groupId: group.id, quarter: lastQuarter, opensOn, dueOn, status: 'closed', visibility: 'group', questions, createdById: moderator.id, openedAt: opensOn, closedAt: lastEnd, createdAt: new Date(opensOn.getTime() - 7 * DAY_MS) },
			select: { id: true },
		})
		await db.reviewSubmission.createMany({
			data: members.map((member, index) => {
				const submittedAt = new Date(opensOn.getTime() + (3 + index * 2) * DAY_MS)
				return { cycleId: cycle.id, memberId: member.id, status: 'submitted', submittedAt, answers: answersOf(LAST_QUARTER[index % LAST_QUARTER.length]!), createdAt: submittedAt }
			}),
		})
	}

	const thisQuarter = formatQuarter(current)
	if (!(await cycleExists(group.id, thisQuarter))) {
		// Opened five days ago, due in nine, the group meeting three days after: a moderator can
		// remind, read and build the agenda now.
		const opensOn = new Date(today.getTime() - 5 * DAY_MS)
		const dueOn = new Date(today.getTime() + 9 * DAY_MS)
		const meetingOn = new Date(dueOn.getTime() + 3 * DAY_MS)
		const cycle = await db.reviewCycle.create({
			data: { groupId: group.id, quarter: thisQuarter, opensOn, dueOn, meetingOn, meetingPlace: 'Hyatt Regency, Dallas', status: 'open', visibility: 'group', questions, createdById: moderator.id, openedAt: opensOn, createdAt: new Date(opensOn.getTime() - 2 * DAY_MS) },
			select: { id: true },
		})
		for (const [index, member] of members.entries()) {
			const plan = THIS_QUARTER[index % THIS_QUARTER.length]!
			if (plan.state === 'none') continue
			const base = LAST_QUARTER[index % LAST_QUARTER.length]!
			const lesson = (await lessonChoices(member, group.id, thisQuarter))[0]
			const updatedAt = new Date(opensOn.getTime() + (1 + index) * DAY_MS / 2)
			await db.reviewSubmission.create({
				data: {
					cycleId: cycle.id,
					memberId: member.id,
					status: plan.state,
					submittedAt: plan.state === 'submitted' ? updatedAt : null,
					// A draft is half written: the first numbers and the wins.
					answers: plan.state === 'submitted' ? answersOf(base, plan.change) : answersOf(base, plan.change, ['revenue', 'gross_margin', 'wins']),
					lessonThreadId: plan.state === 'submitted' ? (lesson?.id ?? null) : null,
					createdAt: updatedAt,
				},
			})
		}
		await recordNotifications(db, {
			subject: { kind: QUARTERLY_CYCLE, id: cycle.id },
			actorId: moderator.id,
			recipients: members.map((member) => ({ userId: member.id, type: CYCLE_OPENED })),
		})
	}
}
