// Demo content of annual plans: four members' business plans for this year, with check-ins spread
// over the months behind (most goals on track, one at risk, one gone quiet), two accountability
// pairs, a buddy's confirmations, a "let's talk" and a comment, so that the plans and the buddy
// dashboard show the feature at once.
import { indexCheckIn, indexGoal } from '#app/modules/plans/plan-search.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { DemoContext, DemoSeeder } from './seed.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000

type Status = 'on_track' | 'at_risk' | 'off_track' | 'done'
/** A check-in `daysAgo` days before the seeding. */
type DemoCheckIn = { daysAgo: number; value?: number; done?: boolean; status: Status; note: string }
type DemoGoal = {
	title: string
	area: string
	measure: 'number' | 'milestone'
	unit?: string
	startValue?: number
	targetValue?: number
	dueQuarter: number
	why: string
	checkIns: DemoCheckIn[]
}
type DemoPlan = {
	owner: (c: DemoContext) => { id: string }
	themeWord: string
	vision: string
	goals: DemoGoal[]
}

const m = (index: number) => (c: DemoContext) => c.members[index]!

const PLANS: DemoPlan[] = [
	{
		owner: m(0),
		themeWord: 'Focus',
		vision:
			'Fewer, better clients on one security baseline, and a service desk that runs without me in it every day.',
		goals: [
			{
				title: 'Grow recurring revenue',
				area: 'financial',
				measure: 'number',
				unit: 'USD',
				startValue: 1_800_000,
				targetValue: 2_400_000,
				dueQuarter: 4,
				why: 'Recurring revenue is what a buyer or a bank will look at first.',
				checkIns: [
					{
						daysAgo: 300,
						value: 1_830_000,
						status: 'on_track',
						note: 'Two small clients moved to the full stack.',
					},
					{
						daysAgo: 240,
						value: 1_920_000,
						status: 'on_track',
						note: 'Price increase went through with one complaint.',
					},
					{
						daysAgo: 180,
						value: 1_990_000,
						status: 'at_risk',
						note: 'Lost the marina account to an in-house hire.',
					},
					{
						daysAgo: 120,
						value: 2_110_000,
						status: 'on_track',
						note: 'Manufacturing referral closed: 140 seats.',
					},
					{
						daysAgo: 60,
						value: 2_200_000,
						status: 'on_track',
						note: 'Security baseline bundle is selling.',
					},
					{ daysAgo: 12, value: 2_290_000, status: 'on_track', note: 'Two renewals signed early.' },
				],
			},
			{
				title: 'New managed-services clients',
				area: 'sales',
				measure: 'number',
				unit: 'clients',
				startValue: 0,
				targetValue: 12,
				dueQuarter: 4,
				why: 'The pipeline was all referrals; I want a repeatable way in.',
				checkIns: [
					{
						daysAgo: 270,
						value: 1,
						status: 'on_track',
						note: 'First client from the chamber of commerce talk.',
					},
					{
						daysAgo: 200,
						value: 3,
						status: 'on_track',
						note: 'Webinar with our distributor brought two.',
					},
					{
						daysAgo: 130,
						value: 5,
						status: 'at_risk',
						note: 'Summer is slow; proposals out but nothing signed.',
					},
					{
						daysAgo: 24,
						value: 7,
						status: 'at_risk',
						note: 'Seven of twelve with two months to go.',
					},
				],
			},
			{
				title: 'Hire a service manager',
				area: 'leadership',
				measure: 'milestone',
				dueQuarter: 2,
				why: 'I am still the escalation point for every ticket that goes sideways.',
				checkIns: [
					{ daysAgo: 280, done: false, status: 'on_track', note: 'Job posted; recruiter engaged.' },
					{ daysAgo: 190, done: true, status: 'done', note: 'Dana started on Monday.' },
				],
			},
		],
	},
	{
		owner: m(1),
		themeWord: 'Discipline',
		vision:
			'Get paid on time, document everything, and stop saying yes to projects we do not do well.',
		goals: [
			{
				title: 'Days sales outstanding',
				area: 'financial',
				measure: 'number',
				unit: 'days',
				startValue: 62,
				targetValue: 35,
				dueQuarter: 3,
				why: 'Cash flow ran us into the line of credit twice last year.',
				checkIns: [
					{
						daysAgo: 250,
						value: 55,
						status: 'on_track',
						note: 'Moved every client to autopay at renewal.',
					},
					{ daysAgo: 160, value: 44, status: 'on_track', note: 'Two slow payers gone.' },
					{
						daysAgo: 28,
						value: 38,
						status: 'on_track',
						note: 'Close. The clinic group still pays at 60.',
					},
				],
			},
			{
				title: 'HIPAA risk assessment at every medical client',
				area: 'operations',
				measure: 'number',
				unit: 'clients',
				startValue: 0,
				targetValue: 18,
				dueQuarter: 4,
				why: 'It is the service our clients need most and buy least.',
				// Quiet for weeks: the goal the buddy dashboard shows first, and can be nudged.
				checkIns: [
					{
						daysAgo: 210,
						value: 4,
						status: 'on_track',
						note: 'Template done, first four delivered.',
					},
					{
						daysAgo: 45,
						value: 9,
						status: 'off_track',
						note: 'Half way, and the team is stretched.',
					},
				],
			},
		],
	},
	{
		owner: m(2),
		themeWord: 'Simplify',
		vision: 'One stack, one price list, and a team that can sell it without me.',
		goals: [
			{
				title: 'Gross margin on managed services',
				area: 'financial',
				measure: 'number',
				unit: '%',
				startValue: 38,
				targetValue: 45,
				dueQuarter: 4,
				why: 'Licensing pass-through has been eating the margin for two years.',
				checkIns: [
					{ daysAgo: 220, value: 39, status: 'on_track', note: 'Dropped two overlapping tools.' },
					{
						daysAgo: 100,
						value: 42,
						status: 'on_track',
						note: 'New price list live for new clients.',
					},
					{
						daysAgo: 20,
						value: 43.5,
						status: 'on_track',
						note: 'Renewals moving to the new price list.',
					},
				],
			},
		],
	},
	{
		owner: m(3),
		themeWord: 'Delegate',
		vision: 'A service manager who owns the board, and my evenings back.',
		goals: [
			{
				title: 'Technician utilisation',
				area: 'operations',
				measure: 'number',
				unit: '%',
				startValue: 58,
				targetValue: 72,
				dueQuarter: 4,
				why: 'We hire before we are busy; that has to stop.',
				checkIns: [
					{ daysAgo: 150, value: 63, status: 'at_risk', note: 'Two new techs still shadowing.' },
					{
						daysAgo: 25,
						value: 68,
						status: 'on_track',
						note: 'Dispatch rules changed; less ping-pong.',
					},
				],
			},
		],
	},
]

/** Accountability pairs: [inviter, invitee], both accepted. */
const PAIRS: Array<[(c: DemoContext) => { id: string }, (c: DemoContext) => { id: string }]> = [
	[m(0), m(1)],
	[m(2), m(3)],
]

async function seedPlans(context: DemoContext): Promise<void> {
	const owners = PLANS.map((plan) => plan.owner(context).id)
	if ((await db.plan.count({ where: { ownerId: { in: owners } } })) > 0) return
	const now = Date.now()
	const year = new Date(now).getUTCFullYear()
	const startOfYear = Date.UTC(year, 0, 1)
	// A check-in is never before the plan's year: on an early January start, the older ones are left out.
	const dated = (checkIn: DemoCheckIn) =>
		new Date(Math.max(startOfYear, now - checkIn.daysAgo * DAY_MS))

	await db.$transaction(async (tx) => {
		for (const [inviter, invitee] of PAIRS) {
			await tx.buddyPair.create({
				data: {
					inviterId: inviter(context).id,
					inviteeId: invitee(context).id,
					status: 'accepted',
					respondedAt: new Date(now - 320 * DAY_MS),
				},
			})
		}
		const createdCheckIns = new Map<string, string[]>()
		for (const plan of PLANS) {
			const ownerId = plan.owner(context).id
			const created = await tx.plan.create({
				data: {
					ownerId,
					year,
					kind: 'business',
					themeWord: plan.themeWord,
					vision: plan.vision,
					createdAt: new Date(startOfYear),
				},
			})
			const ids: string[] = []
			for (const [position, goal] of plan.goals.entries()) {
				const { checkIns, ...fields } = goal
				const createdGoal = await tx.goal.create({
					data: { ...fields, planId: created.id, position, createdAt: new Date(startOfYear) },
				})
				await indexGoal(tx, createdGoal)
				for (const checkIn of checkIns) {
					const at = dated(checkIn)
					const row = await tx.checkIn.create({
						data: {
							goalId: createdGoal.id,
							value: checkIn.value ?? null,
							done: checkIn.done ?? false,
							status: checkIn.status,
							note: checkIn.note,
							checkedAt: at,
							createdAt: at,
						},
					})
					ids.push(row.id)
				}
			}
			createdCheckIns.set(ownerId, ids)
		}

		// Tom referees Priya's year; Jamal referees Angela's.
		const priya = context.members[0]!.id
		const tom = context.members[1]!.id
		const angela = context.members[2]!.id
		const jamal = context.members[3]!.id
		const priyas = createdCheckIns.get(priya)!
		const angelas = createdCheckIns.get(angela)!
		const review = (checkInId: string, buddyId: string, verdict: 'confirmed' | 'talk', note = '') =>
			tx.checkInReview.create({ data: { checkInId, buddyId, verdict, note } })
		// Recurring revenue: the last three confirmed.
		for (const checkInId of priyas.slice(3, 6)) await review(checkInId, tom, 'confirmed')
		// New clients, the last check-in: questioned.
		const questioned = priyas[9]!
		await review(
			questioned,
			tom,
			'talk',
			'Seven signed, or seven with a signed proposal? Let’s go through the list at the meeting.',
		)
		await tx.checkInComment.create({
			data: {
				checkInId: questioned,
				authorId: priya,
				body: 'Signed. Two are still onboarding, I’ll bring the contracts.',
			},
		})
		await review(angelas[2]!, jamal, 'confirmed')
		await tx.checkInComment.create({
			data: {
				checkInId: angelas[2]!,
				authorId: jamal,
				body: 'Saw the new price list at the meeting, nice work.',
			},
		})
		// Notes and comments are found by search, like the members' own.
		for (const checkInId of [...createdCheckIns.values()].flat()) await indexCheckIn(tx, checkInId)
	})
}

export const plansDemoSeeder: DemoSeeder = { name: 'plans', seed: seedPlans }
