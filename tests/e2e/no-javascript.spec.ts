// Forms are plain HTML forms first: without JavaScript the server validates and answers with the
// same page, the errors next to their fields and what was typed kept.
import { expect, test, uniqueEmail } from './fixtures.ts'

test.use({ javaScriptEnabled: false })

test('sign-up without JavaScript shows the field error and keeps the typed name', async ({ page, axe }) => {
	await page.goto('/signup')
	await page.getByLabel('Your name').fill('Grace Hopper')
	await page.getByLabel('Email').fill(uniqueEmail('grace'))
	await page.getByLabel('Company').fill('Cobol Computing')
	await page.getByLabel('Password').fill('short')
	const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup')
	await page.getByRole('button', { name: 'Create account' }).click()
	expect((await response).status()).toBe(400)

	const password = page.getByLabel('Password')
	await expect(page.getByText('Use at least 10 characters')).toBeVisible()
	await expect(password).toHaveAttribute('aria-invalid', 'true')
	await expect(password).toHaveAccessibleDescription(/Use at least 10 characters/)
	await expect(password).toHaveValue('')
	await expect(page.getByLabel('Your name')).toHaveValue('Grace Hopper')
	await expect(page.getByLabel('Company')).toHaveValue('Cobol Computing')
	await axe()
})
