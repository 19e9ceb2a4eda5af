// The demo content: what `npm run demo` promises at start must be true, and seeding twice adds nothing.
import { beforeAll, expect, test } from 'vitest'
import { verifyLogin } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { parseEnv } from '#app/utils/env.server.ts'
import { programStatus } from '#app/modules/vendors/status.ts'
import { changeEnv } from '#tests/helpers.ts'
import {
	DEMO_GROUP,
	DEMO_PASSWORD,
	demoLogins,
	demoSeeders,
	formatDemoLogins,
	seedDemo,
} from './seed.server.ts'

beforeAll(() => {
	// The demo is seeded under the production posting limits (the test setup turns them off).
	const { POST_MIN_GAP_SECONDS, NEW_ACCOUNT_POST_MIN_GAP_SECONDS } = parseEnv({})
	return changeEnv({ POST_MIN_GAP_SECONDS, NEW_ACCOUNT_POST_MIN_GAP_SECONDS })
})

test('seeds a site admin and a demo group with a moderator and members, once', async () => {
	const first = await seedDemo()
	expect(first.created).toBe(true)

	const group = await db.group.findUniqueOrThrow({
		where: { slug: first.context.group.slug },
		select: {
			name: true,
			memberships: {
				select: { role: true, user: { select: { email: true, company: true, bio: true } } },
			},
		},
	})
	expect(group.name).toBe(DEMO_GROUP.name)
	expect(group.memberships.filter((m) => m.role === 'moderator').map((m) => m.user.email)).toEqual([
		'marcus@example.com',
	])
	expect(group.memberships.filter((m) => m.role === 'member')).toHaveLength(6)
	for (const { user } of group.memberships) {
		expect(user.company).not.toBe('')
		expect(user.bio).not.toBe('')
	}
	const admin = await db.user.findUniqueOrThrow({
		where: { email: 'admin@example.com' },
		select: { isSiteAdmin: true },
	})
	expect(admin.isSiteAdmin).toBe(true)

	const second = await seedDemo()
	expect(second.created).toBe(false)
	expect(second.context.group.id).toBe(first.context.group.id)
	expect(await db.user.count()).toBe(demoLogins().length)
	expect(await db.membership.count({ where: { groupId: first.context.group.id } })).toBe(7)
	// The first seed writes every feature's content (and hashes the password): slow on a busy machine.
}, 60_000)

test('every printed login works with the printed password', async () => {
	await seedDemo()
	const printed = formatDemoLogins({
		url: 'http://localhost:3000',
		groupSlug: 'great-lakes-it-owners',
	})
	expect(printed).toContain(DEMO_PASSWORD)
	for (const login of demoLogins()) {
		expect(printed).toContain(login.email)
		expect(await verifyLogin(login.email, DEMO_PASSWORD), login.email).not.toBeNull()
	}
})

test('later seeders run after the people and the group exist, also when they already did', async () => {
	const seen: string[] = []
	demoSeeders.push({ name: 'probe', seed: async (context) => void seen.push(context.group.name) })
	try {
		await seedDemo()
		await seedDemo()
	} finally {
		demoSeeders.pop()
	}
	expect(seen).toEqual([DEMO_GROUP.name, DEMO_GROUP.name])
})

test('the forums get living demo threads once: replies, an answered question, lessons marked helpful, a pinned meeting thread', async () => {
	await seedDemo()
	const threads = await db.thread.count()
	expect(threads).toBeGreaterThanOrEqual(5)
	expect(
		await db.thread.count({ where: { kind: 'lesson', helpfulCount: { gt: 0 } } }),
	).toBeGreaterThanOrEqual(2)
	expect(
		await db.thread.count({ where: { kind: 'question', acceptedPostId: { not: null } } }),
	).toBe(1)
	expect(await db.thread.count({ where: { pinned: true } })).toBe(1)
	expect(await db.thread.count({ where: { forumId: 'community' } })).toBeGreaterThanOrEqual(1)
	expect(await db.searchDocument.count({ where: { subjectKind: 'forum.post' } })).toBe(
		await db.post.count(),
	)
	await seedDemo()
	expect(await db.thread.count()).toBe(threads)
})

test('annual plans get a year under way once: plans with check-ins over the months, a quiet goal, two buddy pairs, verdicts and comments', async () => {
	await seedDemo()
	const year = new Date().getUTCFullYear()
	const plans = await db.plan.findMany({
		where: { year },
		select: { id: true, goals: { select: { checkIns: { select: { checkedAt: true } } } } },
	})
	expect(plans).toHaveLength(4)
	expect(await db.buddyPair.count({ where: { status: 'accepted' } })).toBe(2)
	expect(await db.checkInReview.count({ where: { verdict: 'confirmed' } })).toBeGreaterThanOrEqual(
		3,
	)
	expect(await db.checkInReview.count({ where: { verdict: 'talk' } })).toBe(1)
	expect(await db.checkInComment.count()).toBe(2)
	// No check-in lies in the future or before the plan's year.
	const checkIns = plans.flatMap((plan) =>
		plan.goals.flatMap((goal) => goal.checkIns.map((c) => c.checkedAt)),
	)
	for (const at of checkIns) {
		expect(at.getTime()).toBeLessThanOrEqual(Date.now())
		expect(at.getUTCFullYear()).toBe(year)
	}
	// Exactly one goal that is not done has gone quiet for more than 30 days (what the buddy dashboard shows first).
	const goals = await db.goal.findMany({
		where: { plan: { year } },
		select: {
			checkIns: {
				orderBy: { checkedAt: 'desc' },
				take: 1,
				select: { checkedAt: true, status: true },
			},
		},
	})
	const staleMs = 30 * 24 * 60 * 60 * 1000
	const quiet = goals.filter(
		({ checkIns: [last] }) =>
			last && last.status !== 'done' && Date.now() - last.checkedAt.getTime() > staleMs,
	)
	expect(quiet).toHaveLength(1)

	await seedDemo()
	expect(await db.plan.count()).toBe(4)
	expect(await db.buddyPair.count()).toBe(2)
})

test('quarterly reviews are ready for a moderator at once: last quarter closed with every member’s numbers, this quarter open with updates and drafts, an agenda, last quarter’s meeting and its action items', async () => {
	const { context } = await seedDemo()
	const cycles = await db.reviewCycle.findMany({
		where: { groupId: context.group.id },
		orderBy: { quarter: 'asc' },
		select: {
			id: true,
			status: true,
			submissions: { select: { status: true } },
			_count: { select: { agendaItems: true } },
			meeting: { select: { status: true, _count: { select: { actionItems: true } } } },
		},
	})
	expect(cycles.map((c) => c.status)).toEqual(['closed', 'open'])
	const [last, current] = cycles
	expect(last!.submissions).toHaveLength(context.members.length)
	expect(last!.submissions.every((s) => s.status === 'submitted')).toBe(true)
	expect(last!.meeting).toMatchObject({ status: 'ended' })
	expect(last!.meeting!._count.actionItems).toBeGreaterThanOrEqual(1)
	const statuses = current!.submissions.map((s) => s.status)
	expect(statuses).toContain('submitted')
	expect(statuses).toContain('draft')
	expect(current!._count.agendaItems).toBeGreaterThan(0)
	expect(current!.meeting).toBeNull()
	// Submitted updates are found by search; drafts are not indexed.
	const submitted = [...last!.submissions, ...current!.submissions].filter(
		(s) => s.status === 'submitted',
	).length
	expect(await db.searchDocument.count({ where: { subjectKind: 'quarterly.submission' } })).toBe(
		submitted,
	)
	// Seeding again adds nothing.
	await seedDemo()
	expect(await db.reviewCycle.count({ where: { groupId: context.group.id } })).toBe(2)
	expect(await db.agendaItem.count({ where: { cycleId: current!.id } })).toBe(
		current!._count.agendaItems,
	)
})

test('the vendor programs catalogue: three groups’ ratings (group-only ones too), programs in every status, discussions and proposals, once', async () => {
	await seedDemo()
	const programs = await db.vendorProgram.findMany({
		where: { state: 'approved' },
		select: {
			id: true,
			discussionThreadId: true,
			enrollOpensOn: true,
			enrollClosesOn: true,
			claimOpensOn: true,
			claimClosesOn: true,
			proofDueOn: true,
		},
	})
	expect(programs.length).toBeGreaterThanOrEqual(15)
	const statuses = new Set(programs.map((p) => programStatus(p, new Date())))
	expect([...statuses].sort()).toEqual(['ended', 'ending_soon', 'open', 'upcoming'])
	expect(programs.filter((p) => p.discussionThreadId).length).toBeGreaterThanOrEqual(3)
	expect(await db.vendorProgram.count({ where: { state: 'proposed' } })).toBe(2)
	const raters = await db.programRating.groupBy({ by: ['groupId'], _count: { _all: true } })
	expect(raters.length).toBe(3)
	const groupOnly = await db.programRating.groupBy({
		by: ['programId', 'groupId'],
		where: { visibility: 'group' },
	})
	const groupsPerProgram = new Map<string, number>()
	for (const row of groupOnly)
		groupsPerProgram.set(row.programId, (groupsPerProgram.get(row.programId) ?? 0) + 1)
	expect(Math.max(...groupsPerProgram.values())).toBeGreaterThanOrEqual(3)
	expect(await db.programRating.count({ where: { amountPaid: { not: null } } })).toBeGreaterThan(5)
	expect(await db.programRating.count({ where: { rejected: true } })).toBeGreaterThan(0)
	const ratings = await db.programRating.count()
	await seedDemo()
	expect(await db.vendorProgram.count({ where: { state: 'approved' } })).toBe(programs.length)
	expect(await db.programRating.count()).toBe(ratings)
})
