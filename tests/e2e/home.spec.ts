// The home page: a visitor reads what PeerPower does; a member sees their day (an unread thread,
// a mention, an update to send, a followed program's deadline, a peer recently active), and what
// they read leaves the page. Every page passes axe.
import { expect, test } from './fixtures.ts'

test('a visitor reads what PeerPower does', async ({ page, axe }) => {
	await page.goto('/')
	await expect(
		page.getByRole('heading', { level: 1, name: 'Your peer group, in confidence.' }),
	).toBeVisible()
	await expect(page.getByText('Quarterly reviews.')).toBeVisible()
	if (process.env.SCREENSHOT_DIR)
		await page.screenshot({
			path: `${process.env.SCREENSHOT_DIR}/home-visitor.png`,
			fullPage: true,
		})
	await axe()
})

test('a member sees their day, and what they read leaves it', async ({
	page,
	context,
	browser,
	login,
	axe,
}) => {
	// Three page loads, each checked with axe, after setting up a group's worth of content.
	test.slow()
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { createReply, createThread } = await import('#app/modules/forums/posts.server.ts')
	const { DEFAULT_QUESTIONS } = await import('#app/modules/quarterly/questions.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const DAY = 24 * 60 * 60 * 1000

	const member = await login(context, { name: 'Hana Home', company: 'Hana IT' })
	const peerContext = await browser.newContext()
	const peer = await login(peerContext, { name: 'Piet Peer', company: 'Piet Networks' })
	const group = await createGroup({
		name: `Home ${Math.random().toString(36).slice(2, 8)}`,
		description: '',
		creatorId: member.id,
	})
	await db.membership.create({ data: { userId: peer.id, groupId: group.id } })
	const { handle } = await db.user.findUniqueOrThrow({
		where: { id: member.id },
		select: { handle: true },
	})
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	const title = 'Who renegotiated their PSA contract this year?'
	const { threadId } = await createThread(
		{ id: peer.id, isSiteAdmin: false },
		forum.id,
		{
			kind: 'question',
			title,
			categoryId: forum.categories[0]!.id,
			tags: [],
			body: 'Ours renews in March.',
		},
		offlinePublisher,
		'unpaced',
	)
	await createReply(
		{ id: peer.id, isSiteAdmin: false },
		threadId,
		{ body: `@${handle} you did, how did it go?` },
		offlinePublisher,
		'unpaced',
	)
	const cycle = await db.reviewCycle.create({
		data: {
			groupId: group.id,
			quarter: '2031-Q2',
			opensOn: new Date(Date.now() - 3 * DAY),
			dueOn: new Date(Date.now() + 9 * DAY),
			status: 'open',
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: member.id,
		},
	})
	const vendor = await db.vendor.upsert({
		where: { slug: 'e2e-home' },
		create: { slug: 'e2e-home', name: 'E2E Home' },
		update: {},
	})
	const program = await db.vendorProgram.create({
		data: {
			vendorId: vendor.id,
			name: 'Cloud Rebate',
			kind: 'rebate',
			state: 'approved',
			proposedById: member.id,
			enrollClosesOn: new Date(Math.floor(Date.now() / DAY) * DAY + 7 * DAY),
		},
	})
	await db.programFollow.create({ data: { programId: program.id, userId: member.id } })
	try {
		await page.goto('/')
		await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Hana' })).toBeVisible()
		const unread = page.getByTestId('home-unread')
		await expect(unread.getByRole('link', { name: title })).toHaveAttribute(
			'href',
			`/t/${threadId}?unread=1`,
		)
		await expect(unread.getByText('New')).toBeVisible()
		const mentions = page.getByTestId('home-mentions')
		await expect(mentions.getByText('Piet Peer mentioned you in')).toBeVisible()
		const comingUp = page.getByTestId('home-coming-up')
		await expect(comingUp.getByRole('link', { name: 'Send your 2031-Q2 update' })).toHaveAttribute(
			'href',
			`/g/${group.slug}/reviews/${cycle.id}`,
		)
		await expect(comingUp.getByRole('link', { name: 'E2E Home Cloud Rebate' })).toBeVisible()
		await expect(comingUp.getByText('Enrollment closes in 7 days')).toBeVisible()
		// Who is around: until its socket answers, the page shows who was active lately; then, live,
		// the peer opens a page of the group and is shown online, closes it and is gone.
		const active = page.getByTestId('home-active')
		const peerPage = await peerContext.newPage()
		await peerPage.goto(`/g/${group.slug}`)
		await expect(active.getByText('online now')).toBeVisible()
		await expect(active.getByRole('link', { name: 'Piet Peer' })).toBeVisible()
		await peerPage.close()
		await expect(active.getByText('Nobody else has a page of your groups open.')).toBeVisible()
		// A picture to look at, when asked for (SCREENSHOT_DIR=/some/folder).
		if (process.env.SCREENSHOT_DIR)
			await page.screenshot({
				path: `${process.env.SCREENSHOT_DIR}/home-member.png`,
				fullPage: true,
			})
		await axe()

		await unread.getByRole('link', { name: title }).click()
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
		await axe()

		await page.goto('/')
		await expect(
			page.getByTestId('home-unread').getByText('You are up to date with your forums.'),
		).toBeVisible()
		await expect(
			page.getByTestId('home-mentions').getByText('Nothing new addressed to you.'),
		).toBeVisible()
		await axe()
	} finally {
		await db.vendorProgram.delete({ where: { id: program.id } })
		await peerContext.close()
	}
})
