// Pages of a signed-in member, reached with a session made in the database (the log-in form is
// covered by the onboarding spec). Each page must pass the accessibility check.
import { expect, test } from './fixtures.ts'

test('a member without a group is told how to join; their settings pages are accessible', async ({ page, context, login, axe }) => {
	const member = await login(context, { name: 'Carla Member', company: 'Carla Consulting' })

	await page.goto('/')
	await expect(page.getByRole('heading', { name: 'Welcome, Carla' })).toBeVisible()
	await expect(page.getByText('You are not in a peer group yet')).toBeVisible()
	await axe()

	await page.goto('/settings/profile')
	await expect(page.getByLabel('Company')).toHaveValue(member.company)
	await axe()

	await page.goto('/settings/sessions')
	await expect(page.getByText('This device')).toBeVisible()
	await axe()

	await page.goto(`/u/${member.id}`)
	await expect(page.getByRole('heading', { name: member.name })).toBeVisible()
	await axe()
})

test.describe('outside the group', () => {
	// Chromium logs the 404 document as a console error; the 404 is what we test.
	test.use({ allowedConsoleErrors: [/status of 404 \(Not Found\) \(.*\/g\/great-lakes-it-owners\)$/] })

	test('a group page is not found for someone outside the group', async ({ page, context, login, axe }) => {
		await login(context)
		const response = await page.goto('/g/great-lakes-it-owners')
		expect(response?.status()).toBe(404)
		await axe()
	})
})
