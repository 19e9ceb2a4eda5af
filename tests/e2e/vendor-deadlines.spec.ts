// A member who follows vendor programs: the month's deadlines by day, the empty month that says
// how to follow, and the calendar settings that make a private link (shown once, to copy) and
// revoke it. Every page passes axe.
import { expect, test } from './fixtures.ts'

test('a member sees the month’s deadlines and makes, then revokes, a calendar link', async ({
	page,
	context,
	login,
	axe,
}) => {
	// Five pages, each checked with axe: longer than one page's test on a loaded machine.
	test.slow()
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const member = await login(context, { name: 'Dana Follower', company: 'Dana IT' })
	await createGroup({
		name: `Deadlines ${Math.random().toString(36).slice(2, 8)}`,
		description: '',
		creatorId: member.id,
	})
	const vendor = await db.vendor.upsert({
		where: { slug: 'e2e-hp' },
		create: { slug: 'e2e-hp', name: 'E2E HP' },
		update: {},
	})
	const now = new Date()
	const inMonth = (day: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), day))
	const program = await db.vendorProgram.create({
		data: {
			vendorId: vendor.id,
			name: 'Flex MDF',
			kind: 'marketing_funds',
			state: 'approved',
			proposedById: member.id,
			enrollClosesOn: inMonth(20),
			proofDueOn: inMonth(27),
		},
	})
	try {
		await page.goto('/programs/deadlines?month=1999-01')
		await expect(page.getByText('You follow no programs yet')).toBeVisible()
		await axe()

		await db.programFollow.create({ data: { programId: program.id, userId: member.id } })
		await page.goto('/programs/deadlines')
		await expect(
			page.getByRole('heading', { level: 1, name: 'Deadlines this month' }),
		).toBeVisible()
		await expect(page.getByRole('link', { name: 'Flex MDF' }).first()).toHaveAttribute(
			'href',
			`/programs/${program.id}`,
		)
		await expect(page.getByText('Proof of performance due')).toBeVisible()
		await axe()

		await page.getByRole('link', { name: 'Add to your calendar' }).click()
		await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible()
		await axe()
		await page.getByRole('button', { name: 'Make my calendar link' }).click()
		const link = page.getByLabel('Your private calendar link')
		await expect(link).toHaveValue(/\/calendar\/[a-z2-7]+\/deadlines\.ics$/)
		await axe()
		const feed = await page.request.get(await link.inputValue())
		expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8')
		expect(await feed.text()).toContain('SUMMARY:E2E HP Flex MDF: Enrollment closes')

		await page.goto('/settings/calendar')
		await expect(page.getByText('You have a calendar link')).toBeVisible()
		await page.getByRole('button', { name: 'Revoke the link' }).click()
		await expect(page.getByText('You have no calendar link yet')).toBeVisible()
	} finally {
		await db.vendorProgram.delete({ where: { id: program.id } })
	}
})
