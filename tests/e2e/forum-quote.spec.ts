// Quoting a post with JavaScript: one click puts the quote in the reply box once, a second quote
// is appended once, the page settles, and the reply with both quotes posts.
import type { Page } from '@playwright/test'
import { expect, test, waitForHydration } from './fixtures.ts'

async function threadWithTwoPosts(moderatorId: string, memberId: string) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { createReply, createThread } = await import('#app/modules/forums/posts.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({ name: `Quote forum ${Math.random().toString(36).slice(2, 8)}`, description: '', creatorId: moderatorId })
	await db.membership.create({ data: { userId: memberId, groupId: group.id, role: 'member' } })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, include: { categories: true } })
	const { threadId } = await createThread(
		{ id: moderatorId, isSiteAdmin: false },
		forum.id,
		{ kind: 'discussion', title: 'Who renews the insurance?', categoryId: forum.categories[0]!.id, tags: [], body: 'We renew in March.\nThe broker calls us.' },
		offlinePublisher,
		'unpaced',
	)
	await createReply({ id: memberId, isSiteAdmin: false }, threadId, { body: 'We switched brokers last year.' }, offlinePublisher, 'unpaced')
	return threadId
}

const FIRST_QUOTE = '> **Quinn Quoted** wrote:\n>\n> We renew in March.\n> The broker calls us.'
const SECOND_QUOTE = '> **Rory Replier** wrote:\n>\n> We switched brokers last year.'

function occurrences(text: string, part: string): number {
	return text.split(part).length - 1
}

async function scrollSettles(page: Page): Promise<number> {
	// Two reads a while apart: a box refilled on every render keeps scrolling the page to it.
	const first = await page.evaluate(() => window.scrollY)
	await page.waitForTimeout(800)
	const second = await page.evaluate(() => window.scrollY)
	expect(second, 'the page keeps scrolling after one quote').toBe(first)
	return second
}

test('Quote puts the quote in the reply box once, and a second quote is appended once', async ({ page, context, login, axe }) => {
	const member = await login(context, { name: 'Rory Replier' })
	const { db } = await import('#app/utils/db.server.ts')
	const quinn = await db.user.create({
		data: { name: 'Quinn Quoted', handle: `quinn-${Math.random().toString(36).slice(2, 8)}`, email: `quinn-${Date.now()}@example.com`, company: 'Q', passwordHash: 'x' },
	})
	try {
		const threadId = await threadWithTwoPosts(quinn.id, member.id)
		await page.goto(`/t/${threadId}`)
		const box = page.getByLabel('Your reply')
		await waitForHydration(page, 'textarea[name="body"]')

		await page.locator('article[data-post-number="1"]').getByRole('link', { name: 'Quote', exact: true }).click()
		await expect(box).toHaveValue(new RegExp(FIRST_QUOTE.replace(/[*]/g, '\\*')))
		// A moment for any further renders to (wrongly) add copies.
		await page.waitForTimeout(1000)
		let value = await box.inputValue()
		expect(occurrences(value, FIRST_QUOTE), value.slice(0, 300)).toBe(1)
		await expect(box).toBeFocused()
		await scrollSettles(page)

		await page.locator('article[data-post-number="2"]').getByRole('link', { name: 'Quote', exact: true }).click()
		await expect(box).toHaveValue(new RegExp(SECOND_QUOTE.replace(/[*]/g, '\\*')))
		await page.waitForTimeout(1000)
		value = await box.inputValue()
		expect(occurrences(value, FIRST_QUOTE), value.slice(0, 300)).toBe(1)
		expect(occurrences(value, SECOND_QUOTE), value.slice(0, 300)).toBe(1)
		expect(value.indexOf(FIRST_QUOTE)).toBeLessThan(value.indexOf(SECOND_QUOTE))
		await scrollSettles(page)

		// The draft autosave must not bring the quote back either (it answers after ~800 ms).
		await expect(page.getByText('Draft saved')).toBeVisible()
		expect(occurrences(await box.inputValue(), SECOND_QUOTE)).toBe(1)

		await box.press('End')
		await box.pressSequentially('Both good points.')
		await page.getByRole('button', { name: 'Post reply' }).click()
		const reply = page.locator('article[data-post-number="3"]')
		await expect(reply).toContainText('Both good points.')
		await expect(reply.locator('blockquote')).toHaveCount(2)
		await expect(box).toHaveValue('')
		await axe(page, 'thread after quoting')
	} finally {
		await db.user.delete({ where: { id: quinn.id } }).catch(() => {})
	}
})
