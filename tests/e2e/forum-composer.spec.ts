// The reply composer as a member uses it: the toolbar and its shortcuts, the preview rendered by
// the server, @mention suggestions from the forum's readers, and a box that says nothing stale
// once the reply is posted, for its writer and for whoever watched them type.
import { expect, test, waitForHydration } from './fixtures.ts'

async function groupThreadFor(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { createThread } = await import('#app/modules/forums/posts.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({
		name: `Composer ${Math.random().toString(36).slice(2, 8)}`,
		description: '',
		creatorId: moderatorId,
	})
	for (const userId of memberIds)
		await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	const { threadId } = await createThread(
		{ id: moderatorId, isSiteAdmin: false },
		forum.id,
		{
			kind: 'discussion',
			title: 'Which PSA do you use?',
			categoryId: forum.categories[0]!.id,
			tags: [],
			body: 'We are changing ours.',
		},
		offlinePublisher,
		'unpaced',
	)
	return threadId
}

test('preview, toolbar and a mention picked from the suggestions; the box is clean after posting', async ({
	page,
	context,
	browser,
	login,
	axe,
}) => {
	// Two pages and an axe check: slow on a loaded machine, like the other multi-page specs.
	test.slow()
	const writer = await login(context, { name: 'Wendy Writer' })
	const otherContext = await browser.newContext()
	const watcherPage = await otherContext.newPage()
	const watcher = await login(otherContext, { name: 'Theo Watcher' })
	// Someone outside the group, whose handle starts the same way: never suggested.
	const { db } = await import('#app/utils/db.server.ts')
	const outsider = await db.user.create({
		data: {
			name: 'Theodora Outside',
			handle: `theo.outside${Math.random().toString(36).slice(2, 6)}`,
			email: `out-${Date.now()}@example.com`,
			company: 'Elsewhere',
			passwordHash: 'x',
		},
	})
	try {
		const threadId = await groupThreadFor(watcher.id, [writer.id])
		const watcherHandle = (await db.user.findUniqueOrThrow({ where: { id: watcher.id } })).handle
		await page.goto(`/t/${threadId}`)
		await watcherPage.goto(`/t/${threadId}`)
		await waitForHydration(page, 'textarea[name="body"]')
		await waitForHydration(watcherPage, 'textarea[name="body"]')
		const box = page.getByLabel('Your reply')

		// Toolbar from the keyboard: Ctrl+B wraps the selection.
		await box.fill('We moved to HaloPSA')
		await box.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(12, 19))
		await box.press('Control+b')
		await expect(box).toHaveValue('We moved to **HaloPSA**')
		await box.press('End')
		await page
			.getByRole('toolbar', { name: 'Formatting' })
			.getByRole('button', { name: 'Bulleted list' })
			.click()
		await expect(box).toHaveValue(/\n\n- item\n$/)
		await box.fill('We moved to **HaloPSA**. ')

		// A mention: type the start of a handle, pick the member with the keyboard.
		await box.press('End')
		await box.pressSequentially(`@${watcherHandle.slice(0, 3)}`)
		const suggestions = page.getByRole('listbox', { name: 'Members to mention' })
		await expect(suggestions.getByRole('option')).toHaveCount(1)
		await expect(suggestions).toContainText('Theo Watcher')
		await expect(suggestions).not.toContainText(outsider.name)
		await box.press('Enter')
		await expect(box).toHaveValue(`We moved to **HaloPSA**. @${watcherHandle} `)
		await expect(suggestions).toHaveCount(0)

		// The preview is the server's rendering: bold, and the mention linked to the profile.
		await page.getByRole('button', { name: 'Preview' }).click()
		const preview = page.getByTestId('markdown-preview')
		await expect(preview.locator('strong')).toHaveText('HaloPSA')
		await expect(preview.locator(`a[href="/u/${watcher.id}"]`)).toBeVisible()
		await axe(page, 'thread with the reply preview')
		await page.getByRole('button', { name: 'Write' }).click()
		await expect(box).toBeVisible()

		// The watcher sees the writer typing; the notice ends when the reply arrives, not seconds later.
		await box.press('End')
		await box.pressSequentially('What do you think?')
		await expect(watcherPage.getByTestId('typing')).toHaveText('Wendy Writer is typing…')
		await expect(page.getByText('Draft saved')).toBeVisible()
		await page.getByRole('button', { name: 'Post reply' }).click()
		const reply = page.locator('article[data-post-number="2"]')
		await expect(reply.locator('strong')).toHaveText('HaloPSA')
		await expect(box).toHaveValue('')
		await expect(page.getByText('Draft saved')).toHaveCount(0)
		await expect(watcherPage.locator('article[data-post-number="2"]')).toBeVisible()
		await expect(watcherPage.getByTestId('typing')).toHaveText('', { timeout: 1000 })
	} finally {
		await otherContext.close()
		await db.user.delete({ where: { id: outsider.id } }).catch(() => {})
	}
})

test('a quote shows as a block with its author on a line of their own', async ({
	page,
	context,
	login,
}) => {
	const member = await login(context, { name: 'Quentin Quoter' })
	const { db } = await import('#app/utils/db.server.ts')
	const threadId = await groupThreadFor(member.id, [])
	await page.goto(`/t/${threadId}`)
	await waitForHydration(page, 'textarea[name="body"]')
	await page
		.locator('article[data-post-number="1"]')
		.getByRole('link', { name: 'Quote', exact: true })
		.click()
	const box = page.getByLabel('Your reply')
	await box.press('End')
	await box.pressSequentially('Us too.')
	await page.getByRole('button', { name: 'Post reply' }).click()
	const quote = page.locator('article[data-post-number="2"] blockquote')
	await expect(quote.locator('p').first()).toHaveText('Quentin Quoter wrote:')
	await expect(quote.locator('p').nth(1)).toHaveText('We are changing ours.')
	expect(await db.post.count({ where: { threadId } })).toBe(2)
})
