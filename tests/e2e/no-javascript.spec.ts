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

	test('sign-up with a short password shows the field error and keeps the typed name', async ({
		page,
	}) => {
		await page.goto('/signup')
		await fillSignup(page, 'short')
		const response = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signup',
		)
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

test.describe('small forms without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a thread’s notification level is saved with its button; the top bar’s search is sent with its own', async ({
		page,
		context,
		login,
	}) => {
		const member = await login(context, { name: 'Nora Noscript' })
		const { createGroup } = await import('#app/modules/groups/groups.server.ts')
		const { createThread } = await import('#app/modules/forums/posts.server.ts')
		const { offlinePublisher } = await import('#app/utils/realtime.ts')
		const { db } = await import('#app/utils/db.server.ts')
		const group = await createGroup({
			name: `No script ${Math.random().toString(36).slice(2, 8)}`,
			description: '',
			creatorId: member.id,
		})
		const forum = await db.forum.findUniqueOrThrow({
			where: { groupId: group.id },
			include: { categories: true },
		})
		const title = `Quiet thread ${Math.random().toString(36).slice(2, 8)}`
		const { threadId } = await createThread(
			{ id: member.id, isSiteAdmin: false },
			forum.id,
			{
				kind: 'discussion',
				title,
				categoryId: forum.categories[0]!.id,
				tags: [],
				body: 'Nothing to hear here.',
			},
			offlinePublisher,
			'unpaced',
		)

		await page.goto(`/t/${threadId}`)
		const level = page.getByRole('combobox', { name: 'Notifications' })
		await expect(level).toHaveValue('watching')
		await level.selectOption('muted')
		await page.locator('form', { has: level }).getByRole('button', { name: 'Save' }).click()
		await expect(page.getByText('Notifications: muted')).toBeVisible()
		await expect(page.getByRole('combobox', { name: 'Notifications' })).toHaveValue('muted')
		const state = await db.threadUserState.findFirst({
			where: { userId: member.id, threadId },
			select: { level: true },
		})
		expect(state?.level).toBe('muted')

		const search = page.getByRole('search', { name: 'Site' })
		await search.getByRole('searchbox', { name: 'Search' }).fill('quiet')
		await search.getByRole('button', { name: 'Search' }).click()
		await expect(page).toHaveURL(/\/search\?q=quiet$/)
		await expect(page.getByRole('link', { name: title })).toBeVisible()
	})
})
