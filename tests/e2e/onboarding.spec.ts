// The first run of a new PeerPower, as its first users live it: the first sign-up becomes site
// admin, creates a peer group, invites a member, and both see each other online without reloading.
import { checkA11y, expect, failOnPageErrors, test, uniqueEmail } from './fixtures.ts'

const PASSWORD = 'a long enough password'

test('first run: admin creates a group, invites a member, both see each other online', async ({ page, browser, axe }) => {
	// Two browsers, two sign-ups and an accessibility check on every page: longer than the default.
	test.setTimeout(180_000)
	// This spec runs first (its own project) on the run's empty database; a retry empties it again.
	const { db } = await import('#app/utils/db.server.ts')
	await db.group.deleteMany()
	await db.user.deleteMany()

	const admin = { name: 'Ada Admin', email: uniqueEmail('ada'), company: 'Lovelace Managed IT' }
	const member = { name: 'Ben Member', email: uniqueEmail('ben'), company: 'Babbage Networks' }
	const groupName = `Lake Erie IT Owners ${Date.now().toString(36)}`

	await test.step('an empty PeerPower invites the first account', async () => {
		await page.goto('/')
		await expect(page.getByRole('heading', { name: 'This PeerPower is empty' })).toBeVisible()
		await axe()
		await page.goto('/login')
		await expect(page.getByRole('heading', { name: 'Log in to PeerPower' })).toBeVisible()
		await axe()
		await page.goto('/')
		await page.getByRole('link', { name: 'Create the first account' }).click()
		await expect(page).toHaveURL(/\/signup$/)
		await expect(page.getByText('The first account becomes the site admin')).toBeVisible()
		await axe()
	})

	await test.step('the first sign-up becomes site admin', async () => {
		await page.getByLabel('Your name').fill(admin.name)
		await page.getByLabel('Email').fill(admin.email)
		await page.getByLabel('Company').fill(admin.company)
		await page.getByLabel('Password').fill(PASSWORD)
		await page.getByRole('button', { name: 'Create account' }).click()
		// Sign-up answers alike whether or not the email had an account: it asks to log in.
		await expect(page).toHaveURL(/\/login\?signedUp=1$/)
		await expect(page.getByRole('status')).toContainText('Thanks for signing up')
		await axe()
		await page.getByLabel('Email').fill(admin.email)
		await page.getByLabel('Password').fill(PASSWORD)
		await page.getByRole('button', { name: 'Log in' }).click()
		await expect(page.getByRole('heading', { name: 'Welcome, Ada' })).toBeVisible()
		await expect(page.getByText('As site admin, start by creating a peer group')).toBeVisible()
		await axe()
	})

	await test.step('the admin creates a peer group and becomes its moderator', async () => {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click()
		await expect(page.getByRole('heading', { name: 'Peer groups', level: 1 })).toBeVisible()
		await axe()
		await page.getByLabel('Name').fill(groupName)
		await page.getByLabel('Description').fill('Owners of MSPs around Lake Erie.')
		await page.getByRole('button', { name: 'Create group' }).click()
		await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible()
		await expect(page.getByTestId('online-members')).toContainText(admin.name)
		await axe()
	})

	let inviteLink = ''
	await test.step('the moderator creates an invitation link', async () => {
		await page.getByRole('navigation', { name: 'Group' }).getByRole('link', { name: 'Invitations' }).click()
		await expect(page.getByRole('heading', { name: 'New invitation link' })).toBeVisible()
		await axe()
		await page.getByRole('button', { name: 'Create link' }).click()
		const link = page.getByLabel('Invitation link')
		await expect(link).toHaveValue(/\/invite\/[a-z2-7]+$/)
		inviteLink = await link.inputValue()
		await axe()
	})

	// The admin waits on the group page: the member's arrival must show up there live.
	await page.getByRole('navigation', { name: 'Group' }).getByRole('link', { name: 'Members' }).click()
	await expect(page.getByRole('heading', { name: 'Online now' })).toBeVisible()
	const adminOnline = page.getByTestId('online-members')
	await expect(adminOnline).toContainText(admin.name)
	await expect(adminOnline).not.toContainText(member.name)
	// A marker that a reload or a document navigation would wipe.
	await page.evaluate(() => ((window as unknown as { __stayed?: boolean }).__stayed = true))

	const memberContext = await browser.newContext()
	const memberPage = await memberContext.newPage()
	const checkMemberErrors = failOnPageErrors(memberPage)
	try {
		await test.step('the invitee signs up through the link and joins', async () => {
			await memberPage.goto(inviteLink)
			await expect(memberPage.getByRole('heading', { name: groupName })).toBeVisible()
			await checkA11y(memberPage, 'invite page (signed out)')
			// The header's Sign up link keeps the invitation, like the page's own button.
			await memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign up' }).click()
			await expect(memberPage).toHaveURL(/\/signup\?redirectTo=/)
			await checkA11y(memberPage, 'signup from an invitation')
			await memberPage.getByLabel('Your name').fill(member.name)
			await memberPage.getByLabel('Email').fill(member.email)
			await memberPage.getByLabel('Company').fill(member.company)
			await memberPage.getByLabel('Password').fill(PASSWORD)
			await memberPage.getByRole('button', { name: 'Create account' }).click()
			await expect(memberPage).toHaveURL(/\/login\?signedUp=1&redirectTo=%2Finvite%2F/)
			await checkA11y(memberPage, 'log in after signing up from an invitation')
			await memberPage.getByLabel('Email').fill(member.email)
			await memberPage.getByLabel('Password').fill(PASSWORD)
			// Logging in is the last step: no second click on Join.
			await memberPage.getByRole('button', { name: 'Log in' }).click()
			await expect(memberPage).toHaveURL(/\/g\/[^/]+\/forum$/)
			await expect(memberPage.getByText(`Welcome to ${groupName}`)).toBeVisible()
			await memberPage.getByRole('navigation', { name: 'Group' }).getByRole('link', { name: 'Members' }).click()
			await expect(memberPage.getByRole('heading', { name: groupName, level: 1 })).toBeVisible()
		})

		await test.step('both see each other in "Online now", live', async () => {
			const memberOnline = memberPage.getByTestId('online-members')
			await expect(memberOnline).toContainText(member.name)
			await expect(memberOnline).toContainText(admin.name)
			await expect(adminOnline).toContainText(member.name)
			expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true)
			await checkA11y(memberPage, 'group page (member)')
		})

		await test.step('the member leaving shows live too', async () => {
			await memberContext.close()
			await expect(adminOnline).not.toContainText(member.name)
		})
	} finally {
		checkMemberErrors()
		await memberContext.close()
	}
})
