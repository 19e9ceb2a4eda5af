// The forum as two members live it: one replies, the other sees it arrive without reloading,
// with typing and readers shown; hostile markdown renders inert.
import type { Page } from '@playwright/test'
import { expect, test, waitForHydration } from './fixtures.ts'

async function groupWithForum(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({ name: `Live forum ${Math.random().toString(36).slice(2, 8)}`, description: '', creatorId: moderatorId })
	for (const userId of memberIds) await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	return { group, forum }
}

async function startThread(authorId: string, forumId: string, categoryId: string, title: string, body: string) {
	const { createThread } = await import('#app/modules/forums/posts.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	return createThread({ id: authorId, isSiteAdmin: false }, forumId, { kind: 'discussion', title, categoryId, tags: [], body }, offlinePublisher)
}

/** Marks the page's window: if the page reloads, the mark is gone. */
async function markWindow(page: Page) {
	await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true))
}
async function stayed(page: Page) {
	return page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed === true)
}

test('a reply appears for another reader without a reload, with typing and readers shown', async ({ browser, login, axe }) => {
	const aliceContext = await browser.newContext()
	const bobContext = await browser.newContext()
	const alice = await login(aliceContext, { name: 'Alice Reader', company: 'Alice IT' })
	const bob = await login(bobContext, { name: 'Bob Writer', company: 'Bob Networks' })
	const { forum } = await groupWithForum(alice.id, [bob.id])
	const { threadId } = await startThread(alice.id, forum.id, forum.categories[0]!.id, 'Distributor rebates: who tracks them?', 'We lost one last year.')

	const alicePage = await aliceContext.newPage()
	const bobPage = await bobContext.newPage()
	await alicePage.goto(`/t/${threadId}`)
	await bobPage.goto(`/t/${threadId}`)
	await waitForHydration(alicePage, 'textarea[name="body"]')
	await waitForHydration(bobPage, 'textarea[name="body"]')
	await markWindow(alicePage)

	await expect(alicePage.getByTestId('readers')).toHaveText('2 members reading')
	await axe(alicePage, 'thread page')

	await bobPage.getByLabel('Your reply').pressSequentially('We put every deadline in one calendar', { delay: 20 })
	await expect(alicePage.getByTestId('typing')).toHaveText('Bob Writer is typing…')

	await bobPage.getByRole('button', { name: 'Post reply' }).click()
	const arrived = alicePage.locator('article[data-post-number="2"]')
	await expect(arrived).toContainText('We put every deadline in one calendar')
	await expect(arrived).toContainText('Bob Writer')
	expect(await stayed(alicePage), 'the reader’s page must not reload').toBe(true)

	// Bob's own page shows his reply after posting, and his box is empty again.
	await expect(bobPage.locator('article[data-post-number="2"]')).toBeVisible()
	await expect(bobPage.getByLabel('Your reply')).toHaveValue('')

	await bobPage.close()
	await expect(alicePage.getByTestId('readers')).toHaveText('1 member reading')
	await aliceContext.close()
	await bobContext.close()
})

test('a post with script tags, javascript: links and event handlers renders inert', async ({ page, context, login, axe }) => {
	const author = await login(context, { name: 'Mallory Markdown' })
	const { forum } = await groupWithForum(author.id, [])
	const hostile = [
		'Before <script>window.__xss = "script"</script> after',
		'',
		'<img src="x" onerror="window.__xss = \'onerror\'">',
		'',
		'[click me](javascript:window.__xss=%22link%22)',
		'',
		'<a href="javascript:window.__xss=1" onclick="window.__xss=2">raw link</a>',
		'',
		'<svg onload="window.__xss = \'svg\'"></svg>',
	].join('\n')
	const { threadId } = await startThread(author.id, forum.id, forum.categories[0]!.id, 'Hostile markdown check', hostile)
	let dialogs = 0
	page.on('dialog', (dialog) => {
		dialogs += 1
		void dialog.dismiss()
	})
	await page.goto(`/t/${threadId}`)
	await waitForHydration(page, 'textarea[name="body"]')
	const post = page.locator('article[data-post-number="1"]')
	await expect(post).toContainText('Before')
	const link = post.getByText('click me')
	if (await link.count()) await link.click()
	const rawLink = post.getByText('raw link')
	if (await rawLink.count()) await rawLink.click()
	expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined()
	expect(dialogs).toBe(0)
	const html = await post.innerHTML()
	expect(html).not.toMatch(/<script/i)
	expect(html).not.toMatch(/\son\w+=/i)
	expect(html).not.toMatch(/javascript:/i)
	await axe(page, 'thread with hostile markdown')
})

test('the forum list shows a new thread from another member without a reload', async ({ browser, login, axe }) => {
	const readerContext = await browser.newContext()
	const writerContext = await browser.newContext()
	const reader = await login(readerContext, { name: 'Rita List' })
	const writer = await login(writerContext, { name: 'Walt Poster' })
	const { group } = await groupWithForum(reader.id, [writer.id])

	const page = await readerContext.newPage()
	await page.goto(`/g/${group.slug}/forum`)
	await expect(page.getByText('No threads yet')).toBeVisible()
	await axe(page, 'empty forum')
	await waitForHydration(page, 'main')
	await markWindow(page)

	const writerPage = await writerContext.newPage()
	await writerPage.goto(`/g/${group.slug}/forum/new`)
	await writerPage.getByLabel('Title').fill('Quarterly numbers template')
	await writerPage.getByRole('textbox', { name: 'Post', exact: true }).fill('Here is the template we agreed on.')
	await writerPage.getByRole('button', { name: 'Post thread' }).click()
	await writerPage.waitForURL(/\/t\//)

	await expect(page.getByRole('link', { name: 'Quarterly numbers template' })).toBeVisible()
	expect(await stayed(page), 'the list must update without a reload').toBe(true)
	await axe(page, 'forum with a thread')
	await readerContext.close()
	await writerContext.close()
})
