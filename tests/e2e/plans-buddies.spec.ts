// Annual plans as two buddies live them: Ann writes a plan with two goals and invites Ben; Ben
// accepts; Ann checks in and Ben's dashboard shows it without a reload; Ben confirms it and
// comments, and Ann, reading the check-in, sees both arrive. Every page passes axe.
import type { Page } from '@playwright/test'
import { expect, test, waitForHydration } from './fixtures.ts'

async function groupOf(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({ name: `Plans ${Math.random().toString(36).slice(2, 8)}`, description: '', creatorId: moderatorId })
	for (const userId of memberIds) await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	return group
}

/** Marks the page's window: if the page reloads, the mark is gone. */
async function markWindow(page: Page) {
	await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true))
}
async function stayed(page: Page) {
	return page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed === true)
}

async function addGoal(page: Page, goal: { title: string; target: string; unit: string }) {
	const form = page.locator('form', { has: page.getByRole('button', { name: 'Add goal' }) })
	await form.getByLabel('Goal', { exact: true }).fill(goal.title)
	await form.getByLabel('Measured as').selectOption('number')
	await form.getByLabel('Starting value').fill('0')
	await form.getByLabel('Target').fill(goal.target)
	await form.getByLabel('Unit').fill(goal.unit)
	await form.getByRole('button', { name: 'Add goal' }).click()
	await expect(page.getByRole('link', { name: goal.title })).toBeVisible()
}

test('a buddy sees a check-in arrive live, confirms it with a comment, and the owner sees both live', async ({ browser, login, axe }) => {
	// Two people, a plan with two goals, an invitation, a check-in, a confirmation: a dozen pages, each checked with axe.
	test.slow()
	const annContext = await browser.newContext()
	const benContext = await browser.newContext()
	const ann = await login(annContext, { name: 'Ann Owner', company: 'Ann IT' })
	const ben = await login(benContext, { name: 'Ben Buddy', company: 'Ben Networks' })
	await groupOf(ann.id, [ben.id])
	const annPage = await annContext.newPage()
	const benPage = await benContext.newPage()

	// 1. Ann writes a plan with two goals and invites Ben; Ben accepts.
	await annPage.goto('/plans')
	await axe(annPage, 'plans')
	// This year's (in December, next year's can be started too).
	const thisYear = annPage.getByRole('region', { name: String(new Date().getUTCFullYear()) })
	await thisYear.getByRole('button', { name: 'Start your business plan' }).click()
	await expect(annPage.getByRole('heading', { level: 1 })).toContainText('Business plan')
	await addGoal(annPage, { title: 'Grow recurring revenue', target: '2400000', unit: 'USD' })
	await addGoal(annPage, { title: 'New managed-services clients', target: '12', unit: 'clients' })
	await axe(annPage, 'plan')
	const planPath = new URL(annPage.url()).pathname

	await annPage.goto('/buddies')
	await annPage.getByLabel('Member of your groups').selectOption({ label: 'Ben Buddy' })
	await annPage.getByRole('button', { name: 'Send invitation' }).click()
	await expect(annPage.getByText('Ben Buddy').first()).toBeVisible()

	await benPage.goto('/buddies')
	await benPage.getByRole('button', { name: 'Accept' }).click()
	await expect(benPage.getByRole('link', { name: 'Grow recurring revenue' })).toBeVisible()
	await expect(benPage.getByText('No check-in yet').first()).toBeVisible()
	await axe(benPage, 'buddies')
	await waitForHydration(benPage)
	await markWindow(benPage)

	// 2. Ann checks in; Ben's dashboard shows it without a reload.
	await annPage.goto(planPath)
	await annPage.getByRole('link', { name: 'Grow recurring revenue' }).click()
	await annPage.getByLabel('Value now (USD)').fill('1950000')
	await annPage.getByRole('button', { name: 'Record check-in' }).click()
	await expect(annPage.getByRole('link', { name: 'Discuss' })).toBeVisible()
	await axe(annPage, 'goal')

	await expect(benPage.getByText('Last check-in').first()).toBeVisible()
	expect(await stayed(benPage), 'the buddy’s dashboard must not reload').toBe(true)

	// Ann opens the check-in and waits there, live.
	await annPage.getByRole('link', { name: 'Discuss' }).click()
	await waitForHydration(annPage, 'textarea')
	await markWindow(annPage)

	// 3. Ben confirms it with a comment; Ann sees both arrive.
	await benPage.getByRole('link', { name: /\d{1,2} \w{3} \d{4}/ }).first().click()
	await waitForHydration(benPage, 'textarea')
	await axe(benPage, 'check-in')
	await benPage.getByRole('radio', { name: 'Confirmed' }).check()
	await benPage.getByRole('button', { name: 'Save verdict' }).click()
	await benPage.getByLabel(/Add a comment/).fill('Right on plan, well done.')
	await benPage.getByRole('button', { name: 'Post comment' }).click()
	await expect(benPage.getByText('Right on plan, well done.')).toBeVisible()

	await expect(annPage.getByText('Progress confirmed by Ben Buddy.')).toBeVisible()
	await expect(annPage.getByText('Right on plan, well done.')).toBeVisible()
	expect(await stayed(annPage), 'the owner’s check-in page must not reload').toBe(true)
	await axe(annPage, 'check-in (owner)')

	await annContext.close()
	await benContext.close()
})
