// Forms are plain HTML forms first: without JavaScript the server validates and answers with the
// same page, the errors next to their fields and what was typed kept. With JavaScript the same
// schema validates in the browser before anything is sent.
import type { Page } from '@playwright/test'
import { expect, test, uniqueEmail, waitForHydration } from './fixtures.ts'

async function fillSignup(page: Page, password: string) {
	await page.getByLabel('Your name').fill('Grace Hopper')
	await page.getByLabel('Email').fill(uniqueEmail('grace'))
	await page.getByLabel('Company').fill('Cobol Computing')
	await page.getByLabel('Password').fill(password)
}

test.describe('without JavaScript', () => {
	test.use({
		javaScriptEnabled: false,
		// Chromium logs every non-2xx document as a console error; the 400 answer is what we test.
		allowedConsoleErrors: [/status of 400 \(Bad Request\) \(.*\/signup\)$/],
	})

	test('sign-up with a short password shows the field error and keeps the typed name', async ({ page }) => {
		await page.goto('/signup')
		await fillSignup(page, 'short')
		const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup')
		await page.getByRole('button', { name: 'Create account' }).click()
		expect((await response).status()).toBe(400)

		const password = page.getByLabel('Password')
		await expect(page.getByText('Use at least 10 characters')).toBeVisible()
		await expect(password).toHaveAttribute('aria-invalid', 'true')
		await expect(password).toHaveAccessibleDescription(/Use at least 10 characters/)
		// The password is never sent back; everything else is.
		await expect(password).toHaveValue('')
		await expect(page.getByLabel('Your name')).toHaveValue('Grace Hopper')
		await expect(page.getByLabel('Company')).toHaveValue('Cobol Computing')
		// axe cannot run in a page without JavaScript: the test below checks the same error state.
	})
})

test('with JavaScript, the same error shows before anything is sent', async ({ page, axe }) => {
	const posts: string[] = []
	page.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request.url())
	})
	await page.goto('/signup')
	// Before hydration the form would post like the one above: the browser validates only once it is React's.
	await waitForHydration(page, 'form#signup')
	await fillSignup(page, 'short')
	await page.getByRole('button', { name: 'Create account' }).click()
	const password = page.getByLabel('Password')
	await expect(password).toHaveAccessibleDescription(/Use at least 10 characters/)
	await expect(page.getByLabel('Your name')).toHaveValue('Grace Hopper')
	expect(posts).toEqual([])
	await axe()
})
