// A member on a phone (390 × 844): no page is wider than the screen, the header's links are in a
// menu that opens (without JavaScript too, it is a <details>), and a thread's controls are large
// enough to tap. The other member pages are in phone-pages.spec.ts.
import { expect, test, waitForHydration } from './fixtures.ts'
import { expectFitsPhone, groupWithThread, MIN_TAP_SIZE as MIN_TAP_HEIGHT } from './phone.ts'

// The phone project (playwright.config.ts) gives these tests a 390 × 844 touch screen.

test('thread, forum and home pages fit a phone; the header menu opens and its links work', async ({ page, context, login, axe }) => {
	const member = await login(context, { name: 'Pat Phone', company: 'Pocket IT' })
	const { group, threadId } = await groupWithThread(member.id)

	await page.goto(`/t/${threadId}`)
	await waitForHydration(page, 'textarea[name="body"]')
	await expectFitsPhone(page, 'the thread page')
	await expect.soft(page.getByRole('combobox', { name: 'Notifications' })).toBeInViewport({ ratio: 1 })
	await axe(page, 'thread page on a phone')

	await page.goto(`/g/${group.slug}/forum`)
	await expectFitsPhone(page, 'the forum list')
	await axe(page, 'forum list on a phone')

	await page.goto('/')
	await expectFitsPhone(page, 'the home page')

	// The header fits on one row: its height is that of one bar.
	const header = page.getByRole('banner').first()
	expect((await header.boundingBox())!.height).toBeLessThan(72)

	const nav = page.getByRole('navigation', { name: 'Main' })
	// The section links are in the menu, not in the bar.
	await expect(nav.getByRole('link', { name: 'Plans', exact: true })).toBeHidden()
	await nav.getByText('Menu', { exact: true }).click()
	const plans = nav.getByRole('link', { name: 'Plans', exact: true })
	await expect(plans).toBeVisible()
	await expect(nav.getByRole('link', { name: group.name })).toBeVisible()
	await expectFitsPhone(page, 'the home page with the menu open')
	await axe(page, 'home page with the menu open')
	await plans.click()
	await expect(page).toHaveURL(/\/plans$/)
	await expectFitsPhone(page, 'the plans page')

	await nav.getByText('Menu', { exact: true }).click()
	await nav.getByRole('link', { name: 'Search', exact: true }).click()
	await expect(page).toHaveURL(/\/search/)
})

test('a thread’s actions are large enough to tap', async ({ page, context, login }) => {
	const member = await login(context, { name: 'Tia Tapper' })
	const { threadId } = await groupWithThread(member.id)
	await page.goto(`/t/${threadId}`)
	await waitForHydration(page, 'textarea[name="body"]')

	const targets = page.locator('main article footer :is(a, button), main header :is(a, button, select), #reply button')
	const count = await targets.count()
	// Helpful is not offered on one's own posts; bookmark, quote, edit, delete, hide are; and the
	// moderator's lock and pin, the notification level, and Post reply.
	expect(count).toBeGreaterThanOrEqual(12)
	const small: string[] = []
	const heights: number[] = []
	for (let i = 0; i < count; i++) {
		const target = targets.nth(i)
		if (!(await target.isVisible())) continue
		const box = (await target.boundingBox())!
		heights.push(Math.round(box.height))
		if (box.height < MIN_TAP_HEIGHT) small.push(`${(await target.innerText()).trim() || (await target.getAttribute('name'))}: ${box.height.toFixed(1)} px`)
	}
	expect(small, `tap targets under ${MIN_TAP_HEIGHT} px tall`).toEqual([])
	// The post's action row aims for the recommended 44 px.
	for (const name of ['Quote', 'Bookmark', 'Edit']) {
		const box = (await page.locator('article[data-post-number="2"] footer').getByRole(name === 'Bookmark' ? 'button' : 'link', { name, exact: true }).boundingBox())!
		expect(box.height, `${name} is ${box.height} px tall`).toBeGreaterThanOrEqual(44)
	}
	test.info().annotations.push({ type: 'tap target heights', description: heights.join(', ') })
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('the notification level saves with its Save button, and the header menu opens', async ({ page, context, login }) => {
		const member = await login(context, { name: 'Noa Noscript' })
		const { threadId } = await groupWithThread(member.id)
		await page.goto(`/t/${threadId}`)
		await expectFitsPhone(page, 'the thread page without JavaScript')
		const level = page.getByRole('combobox', { name: 'Notifications' })
		await expect(level).toHaveValue('watching')
		await level.selectOption('muted')
		await page.getByRole('button', { name: 'Save', exact: true }).click()
		await expect(page.getByText('Notifications: muted')).toBeVisible()
		await expect(level).toHaveValue('muted')
		const { getThreadState } = await import('#app/modules/forums/reading.server.ts')
		expect((await getThreadState(member.id, threadId)).level).toBe('muted')

		const nav = page.getByRole('navigation', { name: 'Main' })
		await nav.getByText('Menu', { exact: true }).click()
		await nav.getByRole('link', { name: 'Lessons', exact: true }).click()
		await expect(page).toHaveURL(/\/lessons$/)
	})
})

test('with JavaScript the Save button is hidden: a change of level saves at once', async ({ page, context, login }) => {
	const member = await login(context, { name: 'Jo Script' })
	const { threadId } = await groupWithThread(member.id)
	await page.goto(`/t/${threadId}`)
	await waitForHydration(page, '#notification-level')
	await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeHidden()
	await page.getByRole('combobox', { name: 'Notifications' }).selectOption('tracking')
	await expect(page.getByText('Notifications: tracking')).toBeVisible()
	const { getThreadState } = await import('#app/modules/forums/reading.server.ts')
	expect((await getThreadState(member.id, threadId)).level).toBe('tracking')
})
