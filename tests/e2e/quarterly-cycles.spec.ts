// A quarter's review cycle as a moderator and a member live it: Mona finds "Reviews" in her
// group, creates this quarter's cycle, looks at its questions and opens it; Max is told, writes
// his update (a draft saved on the server as he types, still there after a reload), and submits
// it; Mona's completion page, open all along, counts his draft and then his update live, without
// a reload; her cycle page lists it. Every page passes axe.
import { expect, test, waitForHydration } from './fixtures.ts'

async function groupOf(moderatorId: string, memberIds: string[]) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({ name: `Reviews ${Math.random().toString(36).slice(2, 8)}`, description: '', creatorId: moderatorId })
	for (const userId of memberIds) await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	return group
}

// The refused submit (no key numbers) is a 400 the browser logs.
test.use({ allowedConsoleErrors: [/status of 400 \(Bad Request\) \(.*\/reviews\/[^/]+\.data\)$/] })

test('a moderator creates and opens a cycle; a member drafts, submits, and the moderator reads it', async ({ browser, login, axe }) => {
	// Two people, seven pages, each checked with axe: longer than one page's test.
	test.slow()
	const monaContext = await browser.newContext()
	const maxContext = await browser.newContext()
	const mona = await login(monaContext, { name: 'Mona Facilitator', company: 'Peer Groups Ltd' })
	const max = await login(maxContext, { name: 'Max Member', company: 'Max Logistics' })
	const group = await groupOf(mona.id, [max.id])
	const monaPage = await monaContext.newPage()
	const maxPage = await maxContext.newPage()

	// 1. Mona: the group's reviews, empty at first; a new cycle; its questions; open it.
	await monaPage.goto(`/g/${group.slug}`)
	await monaPage.getByRole('navigation', { name: 'Group' }).getByRole('link', { name: 'Reviews' }).click()
	await expect(monaPage.getByText('No quarterly review yet')).toBeVisible()
	await axe(monaPage, 'reviews (empty)')
	await monaPage.getByRole('link', { name: 'New cycle' }).click()
	await expect(monaPage.getByRole('heading', { level: 1, name: 'New review cycle' })).toBeVisible()
	await axe(monaPage, 'new cycle')
	const quarter = await monaPage.getByLabel('Quarter').inputValue()
	await monaPage.getByLabel('Who reads the updates').selectOption('moderators')
	await monaPage.getByRole('button', { name: 'Create draft cycle' }).click()
	await expect(monaPage.getByRole('heading', { level: 1, name: `Edit the ${quarter} review` })).toBeVisible()
	await expect(monaPage.getByRole('list', { name: 'Questions' }).getByRole('listitem')).toHaveCount(10)
	await axe(monaPage, 'edit cycle')
	await monaPage.getByRole('button', { name: 'Open the cycle now' }).click()
	await expect(monaPage.getByRole('heading', { level: 1, name: `The ${quarter} review` })).toBeVisible()
	await expect(monaPage.getByText('Open: it closes by itself')).toBeVisible()
	await axe(monaPage, 'cycle (moderator)')
	// Mona keeps the completion page open while Max writes: nothing sent yet.
	await monaPage.getByRole('navigation', { name: 'Review cycle' }).getByRole('link', { name: 'Completion' }).click()
	const counts = monaPage.getByTestId('completion-counts')
	const count = (label: string) => counts.locator('div').filter({ hasText: label }).locator('dd')
	await expect(count('Not started')).toHaveText('1')
	await expect(count('Submitted')).toHaveText('0')
	await waitForHydration(monaPage, 'form[method="post"]')

	// 2. Max was told; he writes, the draft is saved as he types and survives a reload.
	await maxPage.goto('/notifications')
	await maxPage.getByRole('link', { name: new RegExp(`the ${quarter} review`) }).click()
	await expect(maxPage.getByRole('heading', { level: 1, name: `The ${quarter} review` })).toBeVisible()
	await waitForHydration(maxPage, 'form[method="post"]')
	await maxPage.getByLabel('Revenue this quarter (USD)').fill('1200000')
	await maxPage.getByLabel('Wins').fill('Two new warehouse clients.')
	await expect(maxPage.getByTestId('autosave-status')).toHaveText('Draft saved')
	// Live on Mona's completion page: Max has a draft.
	await expect(count('Draft saved')).toHaveText('1')
	await expect(count('Not started')).toHaveText('0')
	await axe(maxPage, 'cycle (member)')
	await maxPage.reload()
	await expect(maxPage.getByLabel('Wins')).toHaveValue('Two new warehouse clients.')
	await expect(maxPage.getByLabel('Revenue this quarter (USD)')).toHaveValue('1200000')

	// A submit without the key numbers is refused, field by field, and nothing typed is lost.
	await maxPage.getByRole('button', { name: 'Submit update' }).click()
	await expect(maxPage.getByText('Gross margin: enter a number')).toBeVisible()
	await expect(maxPage.getByLabel('Wins')).toHaveValue('Two new warehouse clients.')
	await maxPage.getByLabel('Gross margin (%)').fill('38')
	await maxPage.getByLabel('Recurring revenue, as a share of revenue (%)').fill('55')
	await maxPage.getByLabel('Cash on hand, in days of expenses (days)').fill('75')
	await maxPage.getByLabel('Headcount (people)').fill('23')
	await maxPage.getByLabel('Your main blocker').selectOption('sales')
	await maxPage.getByLabel('What you ask of the group').fill('An introduction to a freight forwarder.')
	await maxPage.getByRole('button', { name: 'Submit update' }).click()
	await expect(maxPage.getByText(/^Submitted\. You can change it until/)).toBeVisible()
	await expect(maxPage.getByRole('button', { name: 'Save changes' })).toBeVisible()
	await axe(maxPage, 'cycle (submitted)')

	// 3. Live on Mona's completion page, without a reload: Max has submitted.
	await expect(count('Submitted')).toHaveText('1')
	await expect(count('Draft saved')).toHaveText('0')
	await axe(monaPage, 'completion')

	// Mona's cycle page lists Max's update, and she reads it.
	await monaPage.getByRole('navigation', { name: 'Review cycle' }).getByRole('link', { name: 'Cycle', exact: true }).click()
	const updates = monaPage.getByRole('list', { name: 'Updates' })
	await expect(updates.getByRole('link', { name: 'Max Member' })).toBeVisible()
	await updates.getByRole('link', { name: 'Max Member' }).click()
	await expect(monaPage.getByRole('heading', { level: 1, name: `Max Member’s ${quarter} update` })).toBeVisible()
	await expect(monaPage.getByText('1,200,000 USD')).toBeVisible()
	await expect(monaPage.getByText('An introduction to a freight forwarder.')).toBeVisible()
	await axe(monaPage, 'update')

	await monaContext.close()
	await maxContext.close()
})

test('without JavaScript a member saves a draft and submits with plain buttons', async ({ browser, login }) => {
	test.slow()
	const { createCycle, openCycleNow } = await import('#app/modules/quarterly/cycles.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const plainContext = await browser.newContext({ javaScriptEnabled: false })
	const moderatorContext = await browser.newContext()
	const mona = await login(moderatorContext, { name: 'Mona Plain' })
	const nina = await login(plainContext, { name: 'Nina No-Script' })
	const group = await groupOf(mona.id, [nina.id])
	const cycle = await createCycle(group.id, mona.id, { quarter: '2026-Q4', opensOn: '2026-10-01', dueOn: '2099-12-31', visibility: 'group' })
	await openCycleNow(cycle.id, { now: new Date(), actorId: mona.id, realtime: offlinePublisher })
	const page = await plainContext.newPage()
	await page.goto(`/g/${group.slug}/reviews`)
	await page.getByRole('link', { name: 'Write your update' }).click()
	await page.getByLabel('Wins').fill('Written without scripts.')
	await page.getByRole('button', { name: 'Save draft' }).click()
	await expect(page.getByLabel('Wins')).toHaveValue('Written without scripts.')
	await page.goto(`/g/${group.slug}/reviews`)
	await expect(page.getByRole('link', { name: 'Finish your update' })).toBeVisible()
	await page.getByRole('link', { name: 'Finish your update' }).click()
	for (const [label, value] of [
		['Revenue this quarter (USD)', '500000'],
		['Gross margin (%)', '40'],
		['Recurring revenue, as a share of revenue (%)', '50'],
		['Cash on hand, in days of expenses (days)', '60'],
		['Headcount (people)', '8'],
	] as const)
		await page.getByLabel(label).fill(value)
	await page.getByLabel('Your main blocker').selectOption('cash_flow')
	await page.getByRole('button', { name: 'Submit update' }).click()
	await expect(page.getByText(/^Submitted\. You can change it until/)).toBeVisible()
	await plainContext.close()
	await moderatorContext.close()
})

test('a moderator sets the meeting day; a day passed is refused; the member sees it on the cycle and at home', async ({ browser, login, axe }) => {
	test.slow()
	const { createCycle, openCycleNow } = await import('#app/modules/quarterly/cycles.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { isoDay } = await import('#app/utils/iso-day.ts')
	const monaContext = await browser.newContext()
	const maxContext = await browser.newContext()
	const mona = await login(monaContext, { name: 'Mona Planner' })
	const max = await login(maxContext, { name: 'Max Attendee' })
	const group = await groupOf(mona.id, [max.id])
	const cycle = await createCycle(group.id, mona.id, { quarter: '2026-Q4', opensOn: '2026-10-01', dueOn: '2099-12-31', visibility: 'group' })
	await openCycleNow(cycle.id, { now: new Date(), actorId: mona.id, realtime: offlinePublisher })
	const day = (offset: number) => isoDay(new Date(Date.now() + offset * 24 * 60 * 60 * 1000))

	const page = await monaContext.newPage()
	await page.goto(`/g/${group.slug}/reviews/${cycle.id}`)
	await waitForHydration(page, 'form#meeting-day')
	await page.getByLabel('Meeting day').fill(day(-1))
	await page.getByRole('button', { name: 'Set the meeting day' }).click()
	await expect(page.getByText('The meeting day has passed: choose today or a later day')).toBeVisible()
	await expect(page.getByLabel('Meeting day')).toHaveValue(day(-1))
	await page.getByLabel('Meeting day').fill(day(10))
	await page.getByLabel('Where (optional)').fill('Hyatt Regency, Dallas')
	await page.getByRole('button', { name: 'Set the meeting day' }).click()
	await expect(page.getByText('The meeting day is saved')).toBeVisible()
	await expect(page.getByText(/The group meets on .*, Hyatt Regency, Dallas\./)).toBeVisible()
	await expect(page.getByRole('button', { name: 'Save the meeting day' })).toBeVisible()
	await axe(page, 'cycle (meeting day set)')

	const maxPage = await maxContext.newPage()
	await maxPage.goto('/')
	const comingUp = maxPage.getByTestId('home-coming-up')
	await expect(comingUp.getByRole('link', { name: `${group.name}: 2026-Q4 meeting` })).toBeVisible()
	await expect(comingUp.getByText(/in 10 days · Hyatt Regency, Dallas/)).toBeVisible()
	await comingUp.getByRole('link', { name: `${group.name}: 2026-Q4 meeting` }).click()
	await expect(maxPage.getByText(/The group meets on .*, Hyatt Regency, Dallas\./)).toBeVisible()
	// A member reads the day but gets no form to change it.
	await expect(maxPage.getByLabel('Meeting day')).toHaveCount(0)
	await monaContext.close()
	await maxContext.close()
})
