// The live quarterly meeting in three browsers: the moderator starts it while two members wait on
// the page, steps to the next item and both members follow without a reload; a member adds to the
// parking lot and everyone sees it. The meeting page passes axe.
import type { Page } from '@playwright/test'
import { expect, test, waitForHydration } from './fixtures.ts'

async function meetingOf(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { DEFAULT_QUESTIONS } = await import('#app/modules/quarterly/questions.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({ name: `Meeting ${Math.random().toString(36).slice(2, 8)}`, description: '', creatorId: moderatorId })
	for (const userId of memberIds) await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const cycle = await db.reviewCycle.create({
		data: {
			groupId: group.id,
			quarter: '2026-Q4',
			opensOn: new Date(Date.UTC(2026, 9, 1)),
			dueOn: new Date(Date.UTC(2026, 11, 31)),
			status: 'open',
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: moderatorId,
		},
		select: { id: true },
	})
	const titles = ['Opening round', 'Cash flow in the slow months', 'Commitments']
	for (const [i, title] of titles.entries()) await db.agendaItem.create({ data: { cycleId: cycle.id, position: i + 1, kind: 'custom', title, minutes: 10 } })
	return `/g/${group.slug}/reviews/${cycle.id}/meeting`
}

/** Marks the page's window: if the page reloads, the mark is gone. */
async function markWindow(page: Page) {
	await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true))
}
async function stayed(page: Page) {
	return page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed === true)
}

test('the moderator advances and both members follow; a parked item reaches everyone', async ({ browser, login, axe }) => {
	const monaContext = await browser.newContext()
	const annContext = await browser.newContext()
	const benContext = await browser.newContext()
	const mona = await login(monaContext, { name: 'Mona Moderator' })
	const ann = await login(annContext, { name: 'Ann Member' })
	const ben = await login(benContext, { name: 'Ben Member' })
	const path = await meetingOf(mona.id, [ann.id, ben.id])
	const monaPage = await monaContext.newPage()
	const annPage = await annContext.newPage()
	const benPage = await benContext.newPage()

	// The members wait on the page before the meeting starts.
	for (const page of [annPage, benPage]) {
		await page.goto(path)
		await expect(page.getByText('The meeting has not started')).toBeVisible()
		await waitForHydration(page, 'main')
	}
	await axe(annPage, 'meeting (not started)')

	await monaPage.goto(path)
	await monaPage.getByRole('button', { name: 'Start the meeting' }).click()
	await expect(monaPage.getByTestId('current-item')).toHaveText('Opening round')
	for (const page of [annPage, benPage]) {
		await expect(page.getByTestId('current-item')).toHaveText('Opening round')
		await expect(page.getByRole('timer')).toBeVisible()
		await markWindow(page)
	}
	// Everyone is in the room: the moderator sees all three.
	await expect(monaPage.getByTestId('presence')).toContainText('Ann Member')
	await expect(monaPage.getByTestId('presence')).toContainText('Ben Member')
	await axe(monaPage, 'meeting (moderator)')

	await monaPage.getByRole('button', { name: 'Next item →' }).click()
	await expect(monaPage.getByTestId('current-item')).toHaveText('Cash flow in the slow months')
	for (const page of [annPage, benPage]) {
		await expect(page.getByTestId('current-item')).toHaveText('Cash flow in the slow months')
		await expect(page.getByRole('listitem').filter({ hasText: 'Cash flow in the slow months' }).first()).toHaveAttribute('aria-current', 'step')
		expect(await stayed(page), 'a member’s page must follow without reloading').toBe(true)
	}

	await annPage.getByLabel('Park something for later').fill('Compare cyber insurance renewals')
	await annPage.getByRole('button', { name: 'Add to the parking lot' }).click()
	for (const page of [annPage, benPage, monaPage]) await expect(page.getByTestId('parking-lot')).toContainText('Compare cyber insurance renewals')
	expect(await stayed(benPage)).toBe(true)
	await axe(annPage, 'meeting (member)')

	await monaContext.close()
	await annContext.close()
	await benContext.close()
})

test('without JavaScript the page shows where the meeting stands and its forms still post', async ({ browser, login }) => {
	const monaContext = await browser.newContext({ javaScriptEnabled: false })
	const annContext = await browser.newContext({ javaScriptEnabled: false })
	const mona = await login(monaContext, { name: 'Mona NoScript' })
	const ann = await login(annContext, { name: 'Ann NoScript' })
	const path = await meetingOf(mona.id, [ann.id])
	const monaPage = await monaContext.newPage()
	const annPage = await annContext.newPage()
	await monaPage.goto(path)
	await monaPage.getByRole('button', { name: 'Start the meeting' }).click()
	await monaPage.getByRole('button', { name: 'Next item →' }).click()
	await expect(monaPage.getByTestId('current-item')).toHaveText('Cash flow in the slow months')

	await annPage.goto(path)
	await expect(annPage.getByTestId('current-item')).toHaveText('Cash flow in the slow months')
	await expect(annPage.getByRole('timer')).toHaveText(/^\d+:\d{2}$/)
	await annPage.getByLabel('Park something for later').fill('Revisit pricing')
	await annPage.getByRole('button', { name: 'Add to the parking lot' }).click()
	await expect(annPage.getByTestId('parking-lot')).toContainText('Revisit pricing')

	await monaContext.close()
	await annContext.close()
})
