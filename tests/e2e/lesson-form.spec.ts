// A lesson learned has more required parts than any other thread: a title, the growth blocker
// and its three sections. Sent empty, the form must name every missing part at once (the blocker's
// select included), not one per try; filled in, it posts the lesson.
import { expect, test, waitForHydration } from './fixtures.ts'

const MISSING = [
	'Give the thread a title',
	'Choose the growth blocker this lesson is about',
	'Fill in “What happened”',
	'Fill in “What we learned”',
	'Fill in “What we would do differently”',
]

test('an empty lesson shows every missing part at once; filled in, it posts', async ({
	page,
	context,
	login,
	axe,
}) => {
	const member = await login(context, { name: 'Lena Lesson', company: 'Lena Logistics' })
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const group = await createGroup({
		name: `Lessons ${Math.random().toString(36).slice(2, 8)}`,
		description: '',
		creatorId: member.id,
	})
	const posts: string[] = []
	page.on('request', (request) => {
		if (request.method() === 'POST') posts.push(request.url())
	})

	await page.goto(`/g/${group.slug}/forum/new?kind=lesson`)
	await waitForHydration(page, 'form[method="post"]')
	await expect(page.getByRole('radio', { name: /^Lesson learned/ })).toBeChecked()
	await page.getByRole('button', { name: 'Post thread' }).click()

	for (const message of MISSING)
		await expect(page.getByText(message, { exact: true }), message).toBeVisible()
	await expect(page.getByLabel('Title')).toHaveAccessibleDescription(/Give the thread a title/)
	await expect(page.getByLabel('Growth blocker')).toHaveAttribute('aria-invalid', 'true')
	await expect(page.getByLabel('Growth blocker')).toHaveAccessibleDescription(
		/Choose the growth blocker this lesson is about/,
	)
	await expect(page.getByRole('textbox', { name: 'What happened' })).toHaveAttribute(
		'aria-invalid',
		'true',
	)
	// The browser found them all: nothing was sent.
	expect(posts).toEqual([])
	await axe(page, 'empty lesson refused')

	await page.getByLabel('Title').fill('Invoice on delivery, not at month end')
	await page.getByLabel('Growth blocker').selectOption('cash_flow')
	await page
		.getByRole('textbox', { name: 'What happened' })
		.fill('We invoiced once a month and ran short of cash.')
	await page.getByRole('textbox', { name: 'What we learned' }).fill('Cash follows the invoice.')
	await page
		.getByRole('textbox', { name: 'What we would do differently' })
		.fill('Invoice the day the work is done.')
	// Each message goes as its field is filled.
	for (const message of MISSING)
		await expect(page.getByText(message, { exact: true })).toHaveCount(0)
	await page.getByRole('button', { name: 'Post thread' }).click()
	await page.waitForURL(/\/t\/[^/]+$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Invoice on delivery, not at month end',
	)
	await expect(page.getByText('Cash follows the invoice.')).toBeVisible()
})
