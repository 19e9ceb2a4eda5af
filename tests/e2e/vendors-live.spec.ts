// A vendor program as two members rate it: Ann rates it with the full form (by keyboard) and sees
// the average and the distribution change; Ben rates it from the program page, and Ann's open page
// follows without a reload. Every page passes axe.
import type { Page } from '@playwright/test'
import { expect, test, waitForHydration } from './fixtures.ts'

async function programForGroup(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const tag = Math.random().toString(36).slice(2, 8)
	const group = await createGroup({
		name: `Vendors ${tag}`,
		description: '',
		creatorId: moderatorId,
	})
	for (const userId of memberIds)
		await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const vendor = await db.vendor.create({
		data: { slug: `northwind-${tag}`, name: `Northwind ${tag}` },
	})
	return db.vendorProgram.create({
		data: {
			vendorId: vendor.id,
			name: `Northwind co-op funds ${tag}`,
			kind: 'marketing_funds',
			state: 'approved',
			proposedById: moderatorId,
			benefitAmount: 2500,
			benefitCurrency: 'USD',
			description: 'Quarterly co-op funds for joint campaigns.',
		},
		select: { id: true, name: true },
	})
}

/** Marks the page's window: if the page reloads, the mark is gone. */
async function markWindow(page: Page) {
	await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true))
}
async function stayed(page: Page) {
	return page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed === true)
}

/** Chooses a radio of a group by keyboard, as a member without a mouse would. */
async function choose(page: Page, group: string, option: string) {
	const radio = page
		.getByRole('group', { name: group, exact: true })
		.getByRole('radio', { name: option, exact: true })
	await radio.focus()
	await page.keyboard.press('Space')
	await expect(radio).toBeChecked()
}

test('a rating updates the figures, and another member’s rating reaches an open page live', async ({
	browser,
	login,
	axe,
}) => {
	test.slow()
	const annContext = await browser.newContext()
	const benContext = await browser.newContext()
	const ann = await login(annContext, { name: 'Ann Rater', company: 'Ann IT' })
	const ben = await login(benContext, { name: 'Ben Rater', company: 'Ben Networks' })
	const program = await programForGroup(ann.id, [ben.id])
	const annPage = await annContext.newPage()
	const benPage = await benContext.newPage()

	// 1. Ann finds the program in the catalogue and rates it with the full form.
	await annPage.goto('/programs')
	await expect(annPage.getByRole('heading', { level: 1 })).toHaveText('Vendor programs')
	await axe(annPage, 'catalogue')
	await annPage.getByRole('link', { name: program.name }).click()
	await expect(annPage.getByRole('heading', { level: 1 })).toHaveText(program.name)
	await expect(annPage.getByText('No ratings yet')).toBeVisible()
	await axe(annPage, 'program page, unrated')
	await annPage.getByRole('link', { name: 'Rate this program' }).click()
	await expect(annPage.getByRole('heading', { level: 1 })).toHaveText(`Rate ${program.name}`)
	await waitForHydration(annPage, 'form#rating')
	await axe(annPage, 'rating form')
	await choose(annPage, 'Overall', '4 stars')
	await choose(annPage, 'Vendor support (optional)', '5 stars')
	await choose(annPage, 'Would you recommend it to a peer?', 'Yes')
	await annPage.getByLabel('Review').fill('Paid out within a month once the proof was in.')
	await annPage.getByLabel('Days from claim to payout').fill('28')
	await annPage.getByRole('button', { name: 'Save rating' }).click()

	await expect(annPage.getByRole('heading', { level: 1 })).toHaveText(program.name)
	await expect(annPage.getByTestId('average')).toContainText('4.0')
	await expect(annPage.getByTestId('rating-count')).toContainText('1 rating')
	const chart = annPage.getByTestId('star-distribution')
	await expect(chart.getByRole('img', { name: 'Ratings by stars' })).toBeVisible()
	await expect(chart).toContainText('1 (100 %)')
	await expect(annPage.getByText('Paid out within a month once the proof was in.')).toBeVisible()
	await expect(annPage.getByRole('link', { name: 'Edit your rating' })).toBeVisible()
	await axe(annPage, 'program page, rated')

	// 2. Ben rates it from the program page; Ann's open page follows without a reload.
	await waitForHydration(annPage, 'main')
	await markWindow(annPage)
	await benPage.goto(`/programs/${program.id}`)
	await waitForHydration(benPage, 'main')
	await choose(benPage, 'Overall', '2 stars')
	await choose(benPage, 'Would you recommend it?', 'No')
	await benPage.getByRole('button', { name: 'Save rating' }).click()
	await expect(benPage.getByTestId('rating-count')).toContainText('2 ratings')

	await expect(annPage.getByTestId('average')).toContainText('3.0')
	await expect(annPage.getByTestId('rating-count')).toContainText('2 ratings')
	await expect(annPage.getByTestId('star-distribution')).toContainText('1 (50 %)')
	await expect(annPage.getByText('Ben Rater, Ben Networks')).toBeVisible()
	expect(await stayed(annPage), 'the reader’s page must not reload').toBe(true)

	await annContext.close()
	await benContext.close()
})
