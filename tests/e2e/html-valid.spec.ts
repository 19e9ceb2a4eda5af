// The member pages' server HTML, checked with html-validate: the markup a browser without
// JavaScript (or a screen reader, or a search engine) gets must be valid on its own, with forms
// that can be submitted and ARIA that means something. axe checks the rendered page; this checks
// what the server sent.
import type { BrowserContext } from '@playwright/test'
import { HtmlValidate, type ConfigData } from 'html-validate'
import { expect, test } from './fixtures.ts'

const config: ConfigData = {
	extends: ['html-validate:recommended'],
	rules: {
		// Rules below object only to how React serialises the markup, which none of our code
		// chooses; each was seen on our pages. Rules about real faults stay on.
		// React writes void elements as `<meta …/>` and `<input …/>`: the same element to HTML.
		'void-style': 'off',
		// React keeps the JSX casing of some attributes (`charSet`, `maxLength`, `dateTime`,
		// `noValidate`, `inputMode`); HTML attribute names are case-insensitive.
		'attr-case': 'off',
		// React writes boolean attributes with an empty value (`required=""`, `selected=""`,
		// `async=""` on its module script): the same value to HTML.
		'attribute-boolean-style': 'off',
		// Likewise for attributes that may be empty (`hidden=""`, `download=""`).
		'attribute-empty-style': 'off',
		// Strict mode wants HTML4 ids; HTML5 allows any id without whitespace. React's own ids
		// (`_R_…` from useId, `B:0`/`S:0` of streamed Suspense boundaries) and Conform's ids of
		// nested fields (`…-answers.wins`) are valid HTML5. Relaxed mode still refuses empty ids
		// and ids with whitespace.
		'valid-id': ['error', { relaxed: true }],
	},
}

const validator = new HtmlValidate(config)

/** Every finding of html-validate on `html`, one readable line each. */
async function findings(html: string, label: string): Promise<string[]> {
	const report = await validator.validateString(html, label)
	return report.results.flatMap((result) =>
		result.messages.map((message) => {
			const at = html
				.slice(Math.max(0, message.offset - 20), message.offset + Math.min(message.size, 120) + 20)
				.replace(/\s+/g, ' ')
			return `${label}:${message.line}:${message.column} [${message.ruleId}] ${message.message}\n    …${at}…`
		}),
	)
}

async function check(context: BrowserContext, path: string, label = path): Promise<string[]> {
	const response = await context.request.get(path)
	// A page that is not there is a finding too: the list below must stay the member's real pages.
	if (response.status() !== 200) return [`${label}: status ${response.status()}`]
	return findings(await response.text(), label)
}

test('the member pages’ server HTML is valid', async ({ browser, context, login }) => {
	// About forty pages, each fetched and validated, after writing the content they show.
	test.slow()
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { createThread, createReply } = await import('#app/modules/forums/posts.server.ts')
	const { startPlan } = await import('#app/modules/plans/plans.server.ts')
	const { addGoal } = await import('#app/modules/plans/goals.server.ts')
	const { createCycle, openCycleNow } = await import('#app/modules/quarterly/cycles.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { db } = await import('#app/utils/db.server.ts')

	const moderatorContext = await browser.newContext()
	const moderator = await login(moderatorContext, {
		name: 'Vera Validator',
		company: 'Valid Markup Ltd',
	})
	const member = await login(context, { name: 'Hector Markup', company: 'Hector Hosting' })
	const run = Math.random().toString(36).slice(2, 8)
	const group = await createGroup({
		name: `Markup ${run}`,
		description: 'Peers who close their tags.',
		creatorId: moderator.id,
	})
	await db.membership.create({ data: { userId: member.id, groupId: group.id, role: 'member' } })
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	const category = forum.categories[0]!
	const memberViewer = { id: member.id, isSiteAdmin: false }
	const moderatorViewer = { id: moderator.id, isSiteAdmin: false }

	const vendor = await db.vendor.upsert({
		where: { slug: 'e2e-markup' },
		create: { slug: 'e2e-markup', name: 'E2E Markup' },
		update: {},
	})
	const program = await db.vendorProgram.create({
		data: {
			vendorId: vendor.id,
			name: `Markup MDF ${run}`,
			kind: 'marketing_funds',
			state: 'approved',
			proposedById: member.id,
		},
	})
	try {
		// The member's thread, with replies (one mentions them: a notification).
		const { threadId } = await createThread(
			memberViewer,
			forum.id,
			{
				kind: 'question',
				title: `Which backup vendor ${run}?`,
				categoryId: category.id,
				tags: ['backup'],
				body: 'We are **changing** ours.',
			},
			offlinePublisher,
			'unpaced',
		)
		const memberHandle = (
			await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { handle: true } })
		).handle
		await createReply(
			moderatorViewer,
			threadId,
			{ body: `We use Veeam, @${memberHandle}.` },
			offlinePublisher,
			'unpaced',
		)
		await createReply(
			memberViewer,
			threadId,
			{ body: 'Thanks, that helps.' },
			offlinePublisher,
			'unpaced',
		)
		const { threadId: lessonId } = await createThread(
			memberViewer,
			forum.id,
			{
				kind: 'lesson',
				title: `Cash flow lesson ${run}`,
				categoryId: category.id,
				tags: [],
				blocker: 'cash_flow',
				lessonHappened: 'We invoiced late.',
				lessonLearned: 'Invoice on delivery.',
				lessonDifferently: 'Automate invoicing.',
				programIds: [program.id],
			},
			offlinePublisher,
			'unpaced',
		)
		const year = new Date().getUTCFullYear()
		const plan = await startPlan(member.id, year)
		const goal = await addGoal(plan.id, {
			title: 'Grow recurring revenue',
			area: 'sales',
			measure: 'number',
			unit: 'USD',
			startValue: 0,
			targetValue: 100_000,
			dueQuarter: 4,
		})
		const quarter = `${year}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`
		const today = new Date().toISOString().slice(0, 10)
		const cycle = await createCycle(group.id, moderator.id, {
			quarter,
			opensOn: today,
			dueOn: today,
			visibility: 'group',
		})
		await openCycleNow(cycle.id, {
			now: new Date(),
			actorId: moderator.id,
			realtime: offlinePublisher,
		})

		const pages = [
			'/',
			`/g/${group.slug}`,
			`/g/${group.slug}/forum`,
			`/t/${threadId}`,
			`/t/${lessonId}`,
			`/g/${group.slug}/forum/new`,
			`/g/${group.slug}/forum/new?kind=lesson`,
			`/t/${lessonId}/edit-lesson`,
			'/community',
			'/lessons',
			'/notifications',
			`/search?q=${encodeURIComponent('backup')}`,
			'/bookmarks',
			'/settings/profile',
			'/settings/password',
			'/settings/sessions',
			'/settings/calendar',
			`/u/${member.id}`,
			'/plans',
			`/plans/${plan.id}`,
			`/plans/${plan.id}/edit`,
			`/plans/${plan.id}/goals/${goal.id}`,
			`/plans/${plan.id}/review`,
			'/buddies',
			'/programs',
			`/programs/${program.id}`,
			`/programs/${program.id}/rate`,
			'/programs/new',
			'/programs/deadlines',
			`/g/${group.slug}/reviews`,
			`/g/${group.slug}/reviews/${cycle.id}`,
			'/actions',
		]
		const all: string[] = []
		for (const path of pages) all.push(...(await check(context, path)))
		// The moderator's pages of the same group have more forms (lock, pin, hide, the cycle's settings).
		const moderatorPages = [
			`/g/${group.slug}`,
			`/g/${group.slug}/forum`,
			`/t/${threadId}`,
			`/g/${group.slug}/forum/categories`,
			`/g/${group.slug}/flags`,
			`/g/${group.slug}/invitations`,
			`/g/${group.slug}/reviews/${cycle.id}/edit`,
			`/g/${group.slug}/reviews/${cycle.id}/dashboard`,
			`/g/${group.slug}/reviews/${cycle.id}/numbers`,
			`/g/${group.slug}/reviews/${cycle.id}/agenda`,
			`/g/${group.slug}/reviews/${cycle.id}/meeting`,
		]
		for (const path of moderatorPages)
			all.push(...(await check(moderatorContext, path, `${path} (moderator)`)))
		// The search must have found something: the page with results is the one under test.
		expect(await (await context.request.get('/search?q=backup')).text()).toContain(
			`Which backup vendor ${run}?`,
		)
		expect(all, `html-validate findings (${all.length})`).toEqual([])
	} finally {
		await moderatorContext.close()
		await db.vendorProgram.delete({ where: { id: program.id } }).catch(() => {})
	}
})
