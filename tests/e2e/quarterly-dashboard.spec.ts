// A moderator's quarterly dashboard in the browser: the completion of the cycle, reminding those
// pending (and being told when the next reminder is possible), drawing the agenda from the updates
// and shaping it, the key numbers a member sees, the print page and the CSV export. Every page
// passes axe. (That the completion view updates live as members submit is tested over real sockets
// in tests/integration/quarterly-dashboard.test.ts.)
import { expect, test } from './fixtures.ts'

const QUARTER = '2026-Q4'

async function setUp(people: { moderatorId: string; memberIds: string[] }) {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const { DEFAULT_QUESTIONS } = await import('#app/modules/quarterly/questions.ts')
	const group = await createGroup({ name: `Reviews ${Math.random().toString(36).slice(2, 8)}`, description: '', creatorId: people.moderatorId })
	for (const userId of people.memberIds) await db.membership.create({ data: { userId, groupId: group.id, role: 'member' } })
	const cycle = await db.reviewCycle.create({
		data: {
			groupId: group.id,
			quarter: QUARTER,
			opensOn: new Date(Date.UTC(2026, 9, 1)),
			dueOn: new Date(Date.UTC(2026, 11, 31)),
			status: 'open',
			visibility: 'moderators',
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: people.moderatorId,
		},
		select: { id: true },
	})
	return { group, cycleId: cycle.id, db }
}

test('a moderator follows completion, reminds those pending, builds the agenda, prints and exports', async ({ browser, login, axe }) => {
	// Several pages, each checked with axe: longer than one page's flow.
	test.setTimeout(180_000)
	const moderatorContext = await browser.newContext()
	const memberContext = await browser.newContext()
	const mona = await login(moderatorContext, { name: 'Mona Facilitator' })
	const bea = await login(memberContext, { name: 'Bea Pending' })
	// Five members submitted (enough for quartiles), Bea has a draft, one more has not started.
	const others = await Promise.all(
		['Ari Submitted', 'Cy Submitted', 'Di Submitted', 'Ed Submitted', 'Flo Submitted', 'Gus Idle'].map(async (name) => login(await browser.newContext(), { name })),
	)
	const { group, cycleId, db } = await setUp({ moderatorId: mona.id, memberIds: [bea.id, ...others.map((o) => o.id)] })
	const revenues = [800_000, 950_000, 1_200_000, 1_500_000, 2_100_000]
	const blockers = ['cash_flow', 'cash_flow', 'sales', 'cash_flow', 'marketing']
	for (const [index, person] of others.slice(0, 5).entries()) {
		await db.reviewSubmission.create({
			data: {
				cycleId,
				memberId: person.id,
				status: 'submitted',
				submittedAt: new Date(Date.UTC(2026, 11, 1, 9, index)),
				answers: JSON.stringify({ revenue: revenues[index], blocker: blockers[index], ask: index === 0 ? 'An introduction to a banker' : '' }),
			},
		})
	}
	await db.reviewSubmission.create({ data: { cycleId, memberId: bea.id, status: 'draft', answers: JSON.stringify({ revenue: 700_000 }) } })
	const base = `/g/${group.slug}/reviews/${cycleId}`

	// Completion.
	const page = await moderatorContext.newPage()
	await page.goto(`${base}/dashboard`)
	await expect(page).toHaveTitle(/Completion, 2026-Q4/)
	const counts = page.getByTestId('completion-counts')
	await expect(counts.getByText('Submitted').locator('xpath=..')).toContainText('5')
	await expect(counts.getByText('Draft saved').locator('xpath=..')).toContainText('1')
	await expect(counts.getByText('Not started').locator('xpath=..')).toContainText('1')
	await expect(page.getByRole('row', { name: /Bea Pending/ })).toContainText('Draft saved')
	await expect(page.getByRole('row', { name: /Gus Idle/ })).toContainText('Not started')
	await axe(page, 'completion')

	// Remind: once, then refused with the time the next one is possible.
	await page.getByRole('button', { name: 'Remind 2 pending' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Reminder sent to 2 members' })).toBeVisible()
	await expect(page.getByText(/Next possible after/)).toBeVisible()
	await page.getByRole('button', { name: 'Remind 2 pending' }).click()
	await expect(page.getByRole('status').filter({ hasText: /the next reminder is possible after \d\d:\d\d UTC tomorrow/ })).toBeVisible()
	const memberPage = await memberContext.newPage()
	await memberPage.goto('/notifications')
	await expect(memberPage.getByText(/reminded you to send your update for/)).toBeVisible()

	// The agenda: generated, reordered, annotated, extended; regenerating asks first.
	const tabs = page.getByRole('navigation', { name: 'Review cycle' })
	await tabs.getByRole('link', { name: 'Agenda' }).click()
	await expect(page.getByText('No agenda yet')).toBeVisible()
	await page.getByRole('button', { name: 'Generate the agenda' }).click()
	const items = page.getByRole('list', { name: 'Agenda' }).getByRole('heading', { level: 3 })
	await expect(items.first()).toHaveText('Common blocker: Cash flow (3 members)')
	await expect(page.getByRole('heading', { name: 'Ari Submitted asks: An introduction to a banker' })).toBeVisible()
	await axe(page, 'agenda')
	await page.getByRole('button', { name: 'Move “Common blocker: Cash flow (3 members)” down' }).click()
	await expect(items.nth(1)).toHaveText('Common blocker: Cash flow (3 members)')
	const cashFlow = page.locator('li', { has: page.getByRole('heading', { name: 'Common blocker: Cash flow (3 members)' }) })
	await cashFlow.getByLabel('Note').fill('Start with invoicing terms')
	await cashFlow.getByLabel('Minutes').fill('20')
	await cashFlow.getByRole('button', { name: /^Save/ }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Item saved' })).toBeVisible()
	await expect(cashFlow.getByLabel('Note')).toHaveValue('Start with invoicing terms')
	await expect(cashFlow).toContainText('20 min')
	const addForm = page.locator('form', { has: page.getByRole('button', { name: 'Add item' }) })
	await addForm.getByLabel('Title').fill('Round of wins')
	await addForm.getByRole('button', { name: 'Add item' }).click()
	await expect(items.last()).toHaveText('Round of wins')
	await page.getByRole('button', { name: 'Regenerate from updates…' }).click()
	await expect(page.getByRole('alertdialog', { name: 'Replace the agenda?' })).toBeVisible()
	await page.getByRole('link', { name: 'Keep this agenda' }).click()
	await expect(items.last()).toHaveText('Round of wins')

	// The key numbers: the moderator's table and charts.
	await tabs.getByRole('link', { name: 'Key numbers' }).click()
	await expect(page.getByTestId('numbers-table')).toContainText('Ari Submitted')
	await expect(page.getByRole('img', { name: 'Revenue: the group’s median by quarter' })).toBeVisible()
	await axe(page, 'numbers (moderator)')

	// A member who submitted sees the quartiles and where they stand, nobody's figure.
	const ari = others[0]!
	const ariContext = await browser.newContext()
	const { createSession, SESSION_COOKIE } = await import('#app/modules/auth/sessions.server.ts')
	const { token } = await createSession(ari.id, { userAgent: 'playwright', ipAddress: '127.0.0.1' })
	await ariContext.addCookies([{ name: SESSION_COOKIE, value: token, url: new URL(page.url()).origin, httpOnly: true, sameSite: 'Lax' }])
	const ariPage = await ariContext.newPage()
	await ariPage.goto(`${base}/numbers`)
	const revenueRow = ariPage.getByTestId('quartiles').getByRole('row', { name: /Revenue/ })
	await expect(revenueRow).toContainText('$950K')
	await expect(revenueRow).toContainText('lowest quarter')
	await expect(ariPage.getByTestId('numbers-table')).toHaveCount(0)
	await expect(ariPage.getByText('Flo Submitted')).toHaveCount(0)
	await axe(ariPage, 'numbers (member)')
	// The moderators' pages are not theirs.
	expect((await ariPage.goto(`${base}/dashboard`))?.status()).toBe(403)

	// Print and export.
	await page.goto(`${base}/print`)
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${QUARTER} review`)
	await expect(page.getByRole('heading', { name: 'Flo Submitted' })).toBeVisible()
	await page.emulateMedia({ media: 'print' })
	await expect(page.getByRole('navigation', { name: 'Review cycle' })).toBeHidden()
	await page.emulateMedia({ media: 'screen' })
	await axe(page, 'print')
	const csv = await page.request.get(`${base}/export.csv`)
	expect(csv.status()).toBe(200)
	const text = await csv.text()
	expect(text.split('\n')[0]).toContain('Member,Status,Submitted at,Revenue this quarter')
	expect(text).toContain('Flo Submitted,submitted')
})
