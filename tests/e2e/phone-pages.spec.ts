// Every page a member uses, on a phone (the phone project: 390 × 844, touch): none is wider than
// the screen, their buttons and fields are large enough to tap, and each passes axe. The data
// (a group with a forum, a lesson, a flag, an invitation, a plan with a buddy, an open quarterly
// review with an update, a vendor program) is written through the server modules first.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { expectFitsPhone, expectTappable, groupWithThread } from './phone.ts'

const LONG_WORD = 'Supercalifragilisticexpialidocious-managed-services-agreement-renewal'

async function community(moderatorId: string, memberId: string, posterId: string) {
	const { db } = await import('#app/utils/db.server.ts')
	const { createReply, createThread, toggleBookmark } =
		await import('#app/modules/forums/posts.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { group, forum, threadId } = await groupWithThread(moderatorId, 'Phone pages')
	for (const userId of [memberId, posterId])
		await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const member = { id: memberId, isSiteAdmin: false }
	// The member's own thread, answered by the moderator (a notification for the member).
	const own = await createThread(
		member,
		forum.id,
		{
			kind: 'discussion',
			title: `Renewing the ${LONG_WORD} with our biggest client`,
			categoryId: forum.categories[0]!.id,
			tags: ['contracts'],
			body: `Our ${LONG_WORD} is up for renewal: https://example.com/contracts/2026/very-long-path/that/keeps/going/and/going.pdf`,
		},
		offlinePublisher,
		'unpaced',
	)
	const { postId: answerId } = await createReply(
		{ id: moderatorId, isSiteAdmin: false },
		own.threadId,
		{ body: `We renewed ours for three years; ask for a ${LONG_WORD} price cap.` },
		offlinePublisher,
		'unpaced',
	)
	await toggleBookmark(member, answerId)
	// A lesson, for the lessons page and the search.
	await createThread(
		member,
		forum.id,
		{
			kind: 'lesson',
			title: 'We priced per seat and lost money on small clients',
			categoryId: forum.categories[0]!.id,
			tags: [],
			blocker: 'cash_flow',
			lessonHappened: 'Small clients used more hours than their seats paid for.',
			lessonLearned: `A floor price per client, whatever the ${LONG_WORD} says.`,
			lessonDifferently: 'Start with the floor price.',
		},
		offlinePublisher,
		'unpaced',
	)
	// Another member's reply, flagged by the member: the moderator's queue has it.
	const { postId: flaggedId } = await createReply(
		{ id: posterId, isSiteAdmin: false },
		threadId,
		{
			body: 'Buy our PSA tool now at https://example.com/buy-now-limited-offer-for-peer-groups-only!',
		},
		offlinePublisher,
		'unpaced',
	)
	const { createFlag } = await import('#app/modules/moderation/flags.server.ts')
	await createFlag(
		member,
		{ kind: 'post', id: flaggedId, reason: 'spam', note: `Advertising, again: ${LONG_WORD}` },
		offlinePublisher,
	)
	const { createInvitation } = await import('#app/modules/groups/invitations.server.ts')
	await createInvitation({
		groupId: group.id,
		createdById: moderatorId,
		expiresInDays: 7,
		singleUse: true,
		note: `For the ${LONG_WORD} people`,
	})
	return { group, threadId, ownThreadId: own.threadId }
}

async function planWithBuddy(ownerId: string, buddyId: string) {
	const { startPlan } = await import('#app/modules/plans/plans.server.ts')
	const { addGoal } = await import('#app/modules/plans/goals.server.ts')
	const { recordCheckIn } = await import('#app/modules/plans/check-ins.server.ts')
	const { inviteBuddy, respondToInvitation } = await import('#app/modules/plans/buddies.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const plan = await startPlan(ownerId, new Date().getUTCFullYear())
	const goal = await addGoal(plan.id, {
		title: `Grow recurring revenue from the ${LONG_WORD}`,
		area: 'financial',
		measure: 'number',
		unit: 'USD',
		startValue: 0,
		targetValue: 2_400_000,
		dueQuarter: 4,
		why: 'It pays for the second engineer.',
	})
	await addGoal(plan.id, {
		title: 'Hire a service manager',
		area: 'sales',
		measure: 'milestone',
		dueQuarter: 2,
	})
	const checkIn = await recordCheckIn(
		plan.id,
		goal.id,
		{ value: 1_950_000, status: 'at_risk', note: `Slower than hoped: ${LONG_WORD}.` },
		offlinePublisher,
	)
	const invitation = await inviteBuddy({ inviterId: buddyId, inviteeId: ownerId })
	if (!invitation.ok) throw new Error(`the buddy invitation was refused: ${invitation.reason}`)
	await respondToInvitation({ userId: ownerId, pairId: invitation.pairId, accept: true })
	return { planId: plan.id, goalId: goal.id, checkInId: checkIn.id }
}

async function openCycleWithUpdate(groupId: string, moderatorId: string, memberId: string) {
	const { db } = await import('#app/utils/db.server.ts')
	const { DEFAULT_QUESTIONS } = await import('#app/modules/quarterly/questions.ts')
	const now = new Date()
	const cycle = await db.reviewCycle.create({
		data: {
			groupId,
			quarter: `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`,
			opensOn: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
			dueOn: new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 31)),
			status: 'open',
			visibility: 'group',
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: moderatorId,
		},
		select: { id: true },
	})
	await db.reviewSubmission.create({
		data: {
			cycleId: cycle.id,
			memberId,
			status: 'submitted',
			submittedAt: now,
			answers: JSON.stringify({
				revenue: 1_200_000,
				gross_margin: 38,
				blocker: 'sales',
				wins: `Signed the ${LONG_WORD}.`,
				ask: 'An introduction to a freight forwarder.',
			}),
		},
	})
	return cycle.id
}

async function vendorProgram(proposerId: string) {
	const { db } = await import('#app/utils/db.server.ts')
	const tag = Math.random().toString(36).slice(2, 8)
	const vendor = await db.vendor.create({
		data: { slug: `northwind-${tag}`, name: `Northwind Distribution ${tag}` },
	})
	const program = await db.vendorProgram.create({
		data: {
			vendorId: vendor.id,
			name: `Northwind co-op funds for the ${LONG_WORD} ${tag}`,
			kind: 'marketing_funds',
			state: 'approved',
			proposedById: proposerId,
			benefitAmount: 2500,
			benefitCurrency: 'USD',
			description: `Quarterly co-op funds for joint campaigns: https://example.com/northwind/programs/co-op/terms-and-conditions-${tag}.pdf`,
		},
		select: { id: true },
	})
	return { vendorId: vendor.id, programId: program.id }
}

/** Opens a page, checks its width and tap targets, and runs axe on it. */
async function visit(
	page: Page,
	path: string,
	label: string,
	axe: (page?: Page, label?: string) => Promise<void>,
) {
	const response = await page.goto(path)
	expect.soft(response?.status(), `${label} (${path}) answers`).toBeLessThan(400)
	await expect(page.locator('main')).toBeVisible()
	await expectFitsPhone(page, label)
	await expectTappable(page, label)
	await axe(page, `${label} on a phone`)
}

test('a member’s forum, search, notification and account pages fit a phone', async ({
	browser,
	page,
	context,
	login,
	axe,
}) => {
	test.slow()
	const max = await login(context, {
		name: 'Max Member',
		company: 'Max Logistics and Managed Services International',
	})
	const mona = await login(await browser.newContext(), { name: 'Mona Moderator' })
	const bo = await login(await browser.newContext(), { name: 'Bo Poster' })
	const { group, threadId, ownThreadId } = await community(mona.id, max.id, bo.id)

	await visit(page, '/', 'the home page', axe)
	await visit(page, `/g/${group.slug}`, 'the group’s page with its members', axe)
	await visit(page, `/g/${group.slug}/forum`, 'the group forum', axe)
	await visit(page, `/t/${threadId}`, 'a thread', axe)
	await visit(page, `/t/${ownThreadId}`, 'a thread with long words', axe)
	await visit(page, `/g/${group.slug}/forum/new`, 'the new thread form', axe)
	await visit(page, `/g/${group.slug}/forum/new?kind=lesson`, 'the new lesson form', axe)
	await visit(page, '/lessons', 'the lessons', axe)
	await visit(page, '/community', 'the community forum', axe)
	await visit(page, '/notifications', 'the notifications', axe)
	await expect(page.locator('main')).toContainText('Mona Moderator')
	await visit(page, '/search?q=renewal', 'the search results', axe)
	await expect(page.locator('main mark').first()).toBeVisible()
	await visit(page, '/bookmarks', 'the bookmarks', axe)
	await expect(page.locator('main')).toContainText('price cap')
	await visit(page, `/u/${max.id}`, 'a member’s profile', axe)
	for (const settings of ['profile', 'password', 'sessions', 'calendar'])
		await visit(page, `/settings/${settings}`, `the ${settings} settings`, axe)
})

test('a member’s plan, buddies, quarterly review and vendor program pages fit a phone', async ({
	browser,
	page,
	context,
	login,
	axe,
}) => {
	test.slow()
	const max = await login(context, { name: 'Max Member' })
	const mona = await login(await browser.newContext(), { name: 'Mona Moderator' })
	const { group } = await groupWithThread(mona.id, 'Phone plans')
	const { db } = await import('#app/utils/db.server.ts')
	await db.membership.create({ data: { userId: max.id, groupId: group.id, role: 'member' } })
	const { planId, goalId, checkInId } = await planWithBuddy(max.id, mona.id)
	const cycleId = await openCycleWithUpdate(group.id, mona.id, max.id)
	const { vendorId, programId } = await vendorProgram(mona.id)

	await visit(page, '/plans', 'the plans', axe)
	await visit(page, `/plans/${planId}`, 'a plan', axe)
	await visit(page, `/plans/${planId}/edit`, 'the plan’s settings', axe)
	await visit(page, `/plans/${planId}/goals/${goalId}`, 'a goal', axe)
	await visit(page, `/plans/${planId}/check-ins/${checkInId}`, 'a check-in', axe)
	await visit(page, `/plans/${planId}/review`, 'the plan’s review', axe)
	await visit(page, '/buddies', 'the buddies', axe)
	await expect(page.locator('main')).toContainText('Mona Moderator')
	await visit(page, `/g/${group.slug}/reviews`, 'the quarterly reviews', axe)
	await visit(page, `/g/${group.slug}/reviews/${cycleId}`, 'the quarterly update form', axe)
	await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible()
	await visit(page, '/actions', 'the action items', axe)
	await visit(page, '/programs', 'the programs catalogue', axe)
	await visit(page, `/programs/${programId}`, 'a program', axe)
	await visit(page, `/programs/${programId}/rate`, 'the rating form', axe)
	await visit(page, `/vendors/${vendorId}`, 'a vendor', axe)
	await visit(page, '/programs/deadlines', 'the program deadlines', axe)
	await visit(page, '/programs/new', 'the program proposal form', axe)
})

test('a moderator’s pages fit a phone', async ({ browser, page, context, login, axe }) => {
	test.slow()
	const mona = await login(context, { name: 'Mona Moderator' })
	const max = await login(await browser.newContext(), { name: 'Max Member' })
	const bo = await login(await browser.newContext(), { name: 'Bo Poster' })
	const { group, threadId } = await community(mona.id, max.id, bo.id)
	const cycleId = await openCycleWithUpdate(group.id, mona.id, max.id)

	await visit(page, `/g/${group.slug}/flags`, 'the flag queue', axe)
	await expect(page.locator('main')).toContainText('Buy our PSA tool')
	await visit(page, `/g/${group.slug}/invitations`, 'the invitations', axe)
	await visit(page, `/g/${group.slug}/audit`, 'the audit log', axe)
	await visit(page, `/g/${group.slug}/forum/categories`, 'the forum categories', axe)
	await visit(page, `/t/${threadId}/move`, 'moving a thread', axe)
	const reviews = `/g/${group.slug}/reviews/${cycleId}`
	await visit(page, `/g/${group.slug}/reviews/new`, 'the new review cycle form', axe)
	await visit(page, reviews, 'a review cycle (moderator)', axe)
	await visit(page, `${reviews}/updates/${max.id}`, 'a member’s quarterly update', axe)
	await expect(page.locator('main')).toContainText('freight forwarder')
	await visit(page, `${reviews}/dashboard`, 'the review completion', axe)
	await visit(page, `${reviews}/numbers`, 'the group’s numbers', axe)
	await visit(page, `${reviews}/agenda`, 'the meeting agenda', axe)
	await visit(page, `${reviews}/meeting`, 'the meeting', axe)
})
