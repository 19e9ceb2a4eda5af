// Flags as members and moderators live them: a member flags a post from the thread, the group's
// moderator hides it from the queue, and the member finds the outcome in their notifications.
import { expect, test } from './fixtures.ts'

async function groupWith(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({
		name: `Flags ${Math.random().toString(36).slice(2, 8)}`,
		description: '',
		creatorId: moderatorId,
	})
	for (const userId of memberIds)
		await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	return { group, forum }
}

async function threadWithReply(
	forum: { id: string; categories: Array<{ id: string }> },
	authorId: string,
	replierId: string,
) {
	const { createThread, createReply } = await import('#app/modules/forums/posts.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { threadId } = await createThread(
		{ id: authorId, isSiteAdmin: false },
		forum.id,
		{
			kind: 'discussion',
			title: 'Pricing the maintenance contracts',
			categoryId: forum.categories[0]!.id,
			tags: [],
			body: 'How do you price them?',
		},
		offlinePublisher,
		'unpaced',
	)
	await createReply(
		{ id: replierId, isSiteAdmin: false },
		threadId,
		{ body: 'Our client Contoso pays 12% a year, here is their contract.' },
		offlinePublisher,
		'unpaced',
	)
	return threadId
}

test('a member flags a post; the moderator hides it from the queue; the member is told', async ({
	browser,
	login,
	axe,
}) => {
	// Three people's pages and two accessibility checks: past 60 s on a loaded machine.
	test.slow()
	const monaContext = await browser.newContext()
	const aliceContext = await browser.newContext()
	const bobContext = await browser.newContext()
	const mona = await login(monaContext, { name: 'Mona Moderator' })
	const alice = await login(aliceContext, { name: 'Alice Flagger' })
	const bob = await login(bobContext, { name: 'Bob Poster' })
	const { group, forum } = await groupWith(mona.id, [alice.id, bob.id])
	const threadId = await threadWithReply(forum, alice.id, bob.id)

	// Alice flags Bob's reply from the thread page.
	const alicePage = await aliceContext.newPage()
	await alicePage.goto(`/t/${threadId}`)
	await alicePage.getByRole('link', { name: 'Flag post #2' }).click()
	await expect(alicePage.getByRole('heading', { name: 'Flag this post' })).toBeVisible()
	await axe(alicePage, 'flag page')
	await alicePage.getByLabel('Breaks confidentiality').check()
	await alicePage.getByLabel(/Note for the moderators/).fill('Names a client and their terms')
	await alicePage.getByRole('button', { name: 'Flag', exact: true }).click()
	await expect(alicePage).toHaveURL(new RegExp(`/t/${threadId}`))
	await expect(alicePage.getByText('Flagged for the moderators')).toBeVisible()

	// Mona finds it in the group's queue and hides it with a reason.
	const monaPage = await monaContext.newPage()
	await monaPage.goto(`/g/${group.slug}/flags`)
	const item = monaPage.getByTestId('flagged-item')
	await expect(item).toHaveCount(1)
	await expect(item.getByTestId('flag-count')).toHaveText('1 flag')
	await expect(item).toContainText('Names a client and their terms')
	await axe(monaPage, 'flag queue')
	await item
		.getByLabel('Reason shown to the author')
		.fill('Names a client: please share without names')
	await item.getByRole('button', { name: 'Hide', exact: true }).click()
	await expect(monaPage.getByText('Nothing flagged')).toBeVisible()

	// Alice is told; Bob sees the reason on his post.
	await alicePage.goto('/notifications')
	await expect(alicePage.getByText('hid what you flagged:')).toBeVisible()
	await expect(alicePage.getByText('a moderator hid it')).toBeVisible()
	const bobPage = await bobContext.newPage()
	await bobPage.goto(`/t/${threadId}`)
	await expect(bobPage.getByTestId('hidden-reason')).toHaveText(
		'Hidden by a moderator: Names a client: please share without names',
	)

	for (const context of [monaContext, aliceContext, bobContext]) await context.close()
})
