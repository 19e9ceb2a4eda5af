// Stored XSS, tried as a hostile member would: a corpus of payloads typed into every field that
// other people see, through the real forms, then every page that shows them opened in Chromium
// as other members. The test fails if a payload's marker runs, a dialog opens, the browser
// reports a blocked inline script (a Content-Security-Policy may be present or not: the markers
// must stay silent either way), or the page carries anything executable from a payload.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import {
	payloadsAsMarkdown,
	SHORT_PAYLOADS,
	splitPayloads,
	XSS_PAYLOADS,
} from '../fixtures/xss-payloads.ts'
import { expect, failOnPageErrors, test, waitForHydration, type TestUser } from './fixtures.ts'

// Payload images point nowhere (404 here, blocked requests elsewhere); a CSP may refuse them too.
// None of that is a script running. A refused *script* is reported separately, and fails.
// zod probes whether `new Function` is allowed (unless configured jitless); a strict CSP refuses
// it and says so. A payload could only call eval after running already, which is caught itself.
const HARMLESS_CONSOLE_ERRORS = [
	/Failed to load resource/,
	/Refused to (load the image|load media|frame|load the stylesheet|load plugin|connect)/,
	/Refused to evaluate a string as JavaScript/,
]
const SCRIPT_REFUSED =
	/Refused to (execute|run|load the script)|inline (script|event handler)|JavaScript URL/i
// A form refused for going too fast (posting limits) is waited out, not treated as a failure.
const SLOW_DOWN = /wait|slow down|too (many|fast|soon)|again in/i

type Watch = { findings: string[]; pages: Set<string>; closers: Array<() => void> }

/** Defines the marker in every frame of the context and reports blocked scripts; other hosts are unreachable. */
async function armContext(context: BrowserContext, origin: string) {
	await context.addInitScript(() => {
		const report = (line: string) => console.warn(line)
		;(window as unknown as { __xss: (n: unknown) => void }).__xss = (n) =>
			report(`XSS-MARKER ${String(n)}`)
		document.addEventListener('securitypolicyviolation', (event) => {
			const evalProbe = event.blockedURI === 'eval' || event.blockedURI === 'wasm-eval'
			if (
				!evalProbe &&
				(event.effectiveDirective.startsWith('script-src') || event.blockedURI === 'inline')
			) {
				report(
					`XSS-CSP ${event.effectiveDirective} blocked ${event.blockedURI} sample ${event.sample}`,
				)
			}
		})
	})
	await context.route(
		(url) => url.origin !== origin,
		(route) => route.abort(),
	)
}

/** Records markers, dialogs and refused scripts on a page; other page errors fail the test at the end. */
function watchPage(page: Page, who: string, watch: Watch) {
	page.on('console', (message) => {
		const text = message.text()
		if (text.startsWith('XSS-')) watch.findings.push(`${who} on ${page.url()}: ${text}`)
		else if (SCRIPT_REFUSED.test(text))
			watch.findings.push(`${who} on ${page.url()}: refused script: ${text}`)
	})
	page.on('dialog', (dialog) => {
		watch.findings.push(`${who} on ${page.url()}: a ${dialog.type()} opened: ${dialog.message()}`)
		void dialog.dismiss()
	})
	watch.closers.push(failOnPageErrors(page, [...HARMLESS_CONSOLE_ERRORS, SCRIPT_REFUSED]))
}

/**
 * Everything in the document that could run a payload: event-handler attributes (React never
 * writes any), dangerous URL schemes, frames, objects, base and refresh elements, scripts that
 * carry a marker, CSS that calls script. Runs in the page.
 */
function scanDocument(): string[] {
	const problems: string[] = []
	const URL_ATTRIBUTES = new Set([
		'href',
		'src',
		'action',
		'formaction',
		'xlink:href',
		'data',
		'background',
		'poster',
		'ping',
		'lowsrc',
		'dynsrc',
		'codebase',
		'cite',
		'srcset',
	])
	const FORBIDDEN_ELEMENTS = new Set([
		'iframe',
		'frame',
		'frameset',
		'object',
		'embed',
		'applet',
		'base',
		'isindex',
		'keygen',
		'portal',
	])
	const describe = (element: Element) =>
		`<${element.tagName.toLowerCase()}> ${element.outerHTML.slice(0, 120)}`
	if (typeof (window as unknown as { __xss?: unknown }).__xss !== 'function')
		problems.push('window.__xss was clobbered')
	for (const element of document.querySelectorAll('*')) {
		const tag = element.tagName.toLowerCase()
		if (FORBIDDEN_ELEMENTS.has(tag)) problems.push(`element ${describe(element)}`)
		if (tag === 'meta' && element.getAttribute('http-equiv')?.toLowerCase() === 'refresh')
			problems.push(`refresh ${describe(element)}`)
		if (
			tag === 'script' &&
			// React Router's own scripts carry loader data, payloads included, inside string
			// literals: only a marker outside any string is code that a payload brought in.
			/__xss|alert\(|confirm\(|prompt\(/.test(
				`${(element.textContent ?? '').replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')} ${element.getAttribute('src') ?? ''}`,
			)
		) {
			problems.push(`script ${describe(element)}`)
		}
		if (
			(tag === 'script' || tag === 'link') &&
			element.getAttribute(tag === 'script' ? 'src' : 'href')
		) {
			const url = new URL(element.getAttribute(tag === 'script' ? 'src' : 'href')!, location.href)
			if (url.origin !== location.origin) problems.push(`foreign ${describe(element)}`)
		}
		if (tag === 'style' && /__xss|javascript:|expression\(/i.test(element.textContent ?? ''))
			problems.push(`style ${describe(element)}`)
		for (const attribute of element.attributes) {
			const name = attribute.name.toLowerCase()
			// Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
			// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
			const value = attribute.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()
			if (name.startsWith('on')) problems.push(`handler ${name} on ${describe(element)}`)
			if (name === 'srcdoc') problems.push(`srcdoc on ${describe(element)}`)
			if (URL_ATTRIBUTES.has(name) && /(^|,)(javascript|vbscript|livescript|data):/.test(value))
				problems.push(`${name}=${value.slice(0, 60)} on ${describe(element)}`)
			if (name === 'style' && /expression\(|javascript:|behavior:|url\(/.test(value))
				problems.push(`style on ${describe(element)}`)
		}
	}
	return problems
}

/** The words of `locator` with whitespace collapsed, and which of `texts` it does not contain. */
async function missingTexts(locator: Locator, texts: string[]): Promise<string[]> {
	const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
	const shown = collapse((await locator.allTextContents()).join(' '))
	return texts.filter((text) => !shown.includes(collapse(text)))
}

/**
 * Checks the page as it is now: loaded, hydrated, images settled, every element of the content
 * hovered and focused; then no marker, no dialog, nothing executable, and the expected text shown.
 */
async function checkRendered(
	page: Page,
	label: string,
	watch: Watch,
	expectations: Array<{ in: Locator; texts: string[] }> = [],
) {
	await waitForHydration(page, 'main')
	await page.waitForFunction(() => [...document.images].every((image) => image.complete))
	await page.evaluate(() => {
		for (const element of document.querySelectorAll('main *')) {
			for (const type of [
				'mouseover',
				'mouseenter',
				'focus',
				'focusin',
				'pointerover',
				'animationstart',
			]) {
				element.dispatchEvent(new Event(type))
			}
		}
	})
	// Handlers fire in later tasks (image errors, autofocus, toggle): give them a moment.
	await page.waitForTimeout(250)
	expect(await page.evaluate(scanDocument), `executable content on ${label}`).toEqual([])
	for (const expectation of expectations) {
		expect(
			await missingTexts(expectation.in, expectation.texts),
			`text not shown (escaped) on ${label}`,
		).toEqual([])
	}
	expect(watch.findings, `payloads ran on ${label}`).toEqual([])
	watch.pages.add(label)
}

async function visit(
	page: Page,
	path: string,
	label: string,
	watch: Watch,
	expectations: (page: Page) => Array<{ in: Locator; texts: string[] }> = () => [],
) {
	const response = await page.goto(path)
	expect(response?.status(), `status of ${label}`).toBe(200)
	await checkRendered(page, label, watch, expectations(page))
	// A payload must not have moved the reader elsewhere (meta refresh, base, form).
	expect(new URL(page.url()).pathname).toBe(new URL(path, page.url()).pathname)
}

/** Clicks `button` until `done` resolves; a refusal for posting too fast is waited out. */
async function submit(page: Page, button: Locator, done: () => Promise<unknown>) {
	for (let attempt = 1; ; attempt++) {
		await button.click()
		const slow = page.getByRole('alert').filter({ hasText: SLOW_DOWN }).first()
		const outcome = await Promise.race([
			done().then(() => 'done' as const),
			slow.waitFor({ timeout: 20_000 }).then(
				() => 'slow' as const,
				() => 'timeout' as const,
			),
		])
		if (outcome === 'done') return
		if (outcome === 'timeout' || attempt === 4)
			throw new Error(`the form did not go through (${outcome})`)
		const seconds = Number(
			/(\d+)\s*(s|sec|second)/i.exec((await slow.textContent()) ?? '')?.[1] ?? '10',
		)
		await page.waitForTimeout(Math.min(seconds + 1, 90) * 1000)
	}
}

type Thread = { id: string; title: string; label: string }

async function newThread(
	page: Page,
	watch: Watch,
	slug: string,
	fields: {
		title: string
		category?: string
		tags?: string
		body?: string
		lesson?: [string, string, string]
	},
): Promise<string> {
	await page.goto(`/g/${slug}/forum/new`)
	await waitForHydration(page, 'form')
	if (fields.lesson)
		await page.getByRole('radio', { name: /^Lesson learned/ }).check({ force: true })
	await page.getByLabel('Title').fill(fields.title)
	if (fields.category) await page.getByLabel('Category').selectOption({ label: fields.category })
	// Always filled: a draft of an earlier form may have been restored into the fields.
	await page.getByLabel('Tags').fill(fields.tags ?? '')
	if (fields.lesson) {
		await page.getByLabel('Growth blocker').selectOption('cash_flow')
		await page.getByRole('textbox', { name: 'What happened' }).fill(fields.lesson[0])
		await page.getByRole('textbox', { name: 'What we learned' }).fill(fields.lesson[1])
		await page.getByRole('textbox', { name: 'What we would do differently' }).fill(fields.lesson[2])
	} else {
		await page.getByRole('textbox', { name: 'Post', exact: true }).fill(fields.body ?? '')
	}
	await submit(page, page.getByRole('button', { name: 'Post thread' }), () =>
		page.waitForURL(/\/t\/[^/]+$/, { timeout: 20_000 }),
	)
	// The author lands on their own thread: the first reader of what they wrote.
	await checkRendered(page, `own thread ${new URL(page.url()).pathname} (author)`, watch, [
		{ in: page.locator('h1'), texts: [fields.title] },
	])
	return new URL(page.url()).pathname.split('/')[2]!
}

async function openAs(
	browser: Browser,
	origin: string,
	login: (
		context: BrowserContext,
		options?: { name?: string; isSiteAdmin?: boolean },
	) => Promise<TestUser>,
	who: string,
	options: { name: string; isSiteAdmin?: boolean },
	watch: Watch,
) {
	const context = await browser.newContext()
	await armContext(context, origin)
	const user = await login(context, options)
	const page = await context.newPage()
	watchPage(page, who, watch)
	return { context, user, page }
}

test('payloads typed into every shared field stay inert on every page that shows them', async ({
	browser,
	login,
	baseURL,
}) => {
	test.setTimeout(300_000)
	const { db } = await import('#app/utils/db.server.ts')
	const origin = new URL(baseURL!).origin
	const watch: Watch = { findings: [], pages: new Set(), closers: [] }
	const run = Math.random().toString(36).slice(2, 6)

	// Mallory writes the payloads: a site admin (to name a group) and its moderator (to name categories).
	const mallory = await openAs(
		browser,
		origin,
		login,
		'author',
		{ name: 'Mallory Author', isSiteAdmin: true },
		watch,
	)
	// Mia reads them as a plain member; Otto as a moderator and site admin (history, categories, admin pages).
	const mia = await openAs(browser, origin, login, 'member', { name: 'Mia Member' }, watch)
	const otto = await openAs(
		browser,
		origin,
		login,
		'moderator',
		{ name: 'Otto Overseer', isSiteAdmin: true },
		watch,
	)
	const miaHandle = (
		await db.user.findUniqueOrThrow({ where: { id: mia.user.id }, select: { handle: true } })
	).handle
	const author = mallory.page
	const allPayloads = payloadsAsMarkdown()
	const allShows = XSS_PAYLOADS.flatMap((payload) => (payload.shows ? [payload.shows] : []))
	const groupName = `${SHORT_PAYLOADS.groupName} ${run}`

	try {
		await test.step('the check itself notices a payload that runs, a dialog and a handler', async () => {
			// Straight into the DOM, bypassing the server: what the rest of the test must never see.
			// With a strict CSP the handlers are refused instead of run, which is noticed too.
			const page = mia.page
			await page.goto('/')
			await waitForHydration(page, 'main')
			await page.evaluate(() => {
				document
					.querySelector('main')!
					.insertAdjacentHTML(
						'beforeend',
						'<img src="x" onerror="__xss(0)"><img src="x" onerror="alert(0)">',
					)
			})
			await expect.poll(() => watch.findings.length).toBeGreaterThanOrEqual(2)
			expect(await page.evaluate(scanDocument)).toEqual([
				expect.stringContaining('handler onerror'),
				expect.stringContaining('handler onerror'),
			])
			watch.findings.length = 0
			await page.goto('/')
		})

		await test.step('the author puts payloads in their name, company and bio', async () => {
			await author.goto('/settings/profile')
			await waitForHydration(author, 'form')
			await author.getByLabel('Name', { exact: true }).fill(SHORT_PAYLOADS.name)
			await author.getByLabel('Company').fill(SHORT_PAYLOADS.company)
			await author
				.getByLabel('About you')
				.fill(payloadsAsMarkdown(XSS_PAYLOADS.filter((p) => p.text.length < 60).slice(0, 12)))
			await submit(author, author.getByRole('button', { name: 'Save profile' }), () =>
				author.getByText('Profile saved').waitFor({ timeout: 20_000 }),
			)
			await checkRendered(author, 'profile settings (author)', watch)
			await expect(author.getByLabel('Name', { exact: true })).toHaveValue(SHORT_PAYLOADS.name)
		})

		let slug = ''
		await test.step('the author creates a group with a hostile name and description', async () => {
			await author.goto('/admin/groups')
			await waitForHydration(author, 'form')
			await author.getByLabel('Name', { exact: true }).fill(groupName)
			await author.getByLabel('Description').fill(SHORT_PAYLOADS.groupDescription)
			await submit(author, author.getByRole('button', { name: 'Create group' }), () =>
				author.waitForURL(/\/g\/[^/]+$/, { timeout: 20_000 }),
			)
			slug = new URL(author.url()).pathname.split('/')[2]!
			await checkRendered(author, 'group home after creation (author)', watch, [
				{ in: author.locator('h1'), texts: [groupName] },
			])
			const group = await db.group.findUniqueOrThrow({ where: { slug } })
			await db.membership.createMany({
				data: [
					{ groupId: group.id, userId: mia.user.id, role: 'member' },
					{ groupId: group.id, userId: otto.user.id, role: 'moderator' },
				],
			})
		})

		await test.step('the author adds categories with hostile names', async () => {
			await author.goto(`/g/${slug}/forum/categories`)
			for (const category of SHORT_PAYLOADS.categories) {
				await waitForHydration(author, 'form')
				await author.locator('#new-name').fill(category.name)
				await author.locator('#new-description').fill(category.description)
				await submit(author, author.getByRole('button', { name: 'Add category' }), () =>
					expect
						.poll(
							() =>
								author
									.locator('input[name="name"]')
									.evaluateAll((inputs) =>
										inputs.map((input) => (input as HTMLInputElement).value),
									),
							{ timeout: 20_000 },
						)
						.toContain(category.name),
				)
			}
			await checkRendered(author, 'categories (author)', watch)
		})

		const threads: Thread[] = []
		let main: Thread
		await test.step('hostile tags are refused with a message, then the thread with every payload is posted', async () => {
			const body = `@${miaHandle} look at this\n\n${allPayloads}`
			const title = SHORT_PAYLOADS.title[0]!
			await author.goto(`/g/${slug}/forum/new`)
			await waitForHydration(author, 'form')
			await author.getByLabel('Title').fill(title)
			await author.getByLabel('Tags').fill(SHORT_PAYLOADS.tags)
			await author.getByRole('textbox', { name: 'Post', exact: true }).fill(body)
			await author.getByRole('button', { name: 'Post thread' }).click()
			await expect(author.getByText('Tags can be at most 30 characters')).toBeVisible()
			await expect(author.getByText('Tags use letters, digits and dashes')).toBeVisible()
			await checkRendered(author, 'new thread form refusing tags (author)', watch)
			const id = await newThread(author, watch, slug, {
				title,
				category: SHORT_PAYLOADS.categories[0].name,
				tags: 'xss-check, payloads',
				body,
			})
			main = { id, title, label: 'thread with every payload' }
			threads.push(main)
		})

		await test.step('more threads carry payloads in their titles, and a lesson in its three parts', async () => {
			for (const [index, title] of SHORT_PAYLOADS.title.slice(1).entries()) {
				const id = await newThread(author, watch, slug, {
					title,
					category: SHORT_PAYLOADS.categories[1].name,
					body: `Title check ${index + 2}. @${miaHandle}`,
				})
				threads.push({ id, title, label: `thread with title payload ${index + 2}` })
			}
			const parts = splitPayloads(3).map((group) => payloadsAsMarkdown(group)) as [
				string,
				string,
				string,
			]
			const id = await newThread(author, watch, slug, {
				title: SHORT_PAYLOADS.lessonTitle,
				lesson: parts,
			})
			threads.push({ id, title: SHORT_PAYLOADS.lessonTitle, label: 'lesson with every payload' })
		})

		let replyId = ''
		await test.step('a reply with every payload arrives live on a member’s open thread page', async () => {
			await mia.page.goto(`/t/${main.id}`)
			await waitForHydration(mia.page, 'textarea[name="body"]')
			await author.goto(`/t/${main.id}`)
			await waitForHydration(author, 'textarea[name="body"]')
			await author.getByLabel('Your reply').fill(`@${miaHandle} and again:\n\n${allPayloads}`)
			await submit(author, author.getByRole('button', { name: 'Post reply' }), () =>
				author.locator('article[data-post-number="2"]').waitFor({ timeout: 20_000 }),
			)
			const arrived = mia.page.locator('article[data-post-number="2"]')
			await expect(arrived).toBeVisible()
			await checkRendered(mia.page, 'thread page, reply arrived live (member)', watch, [
				{ in: arrived, texts: allShows },
			])
			replyId = (
				await db.post.findFirstOrThrow({
					where: { threadId: main.id, number: 2 },
					select: { id: true },
				})
			).id
		})

		await test.step('the author edits the reply, adding more payloads', async () => {
			await author.goto(`/t/${main.id}/edit/${replyId}`)
			await waitForHydration(author, 'form')
			const box = author.getByRole('textbox', { name: 'Post', exact: true })
			await box.fill(`${await box.inputValue()}${SHORT_PAYLOADS.edit}`)
			await submit(author, author.getByRole('button', { name: 'Save changes' }), () =>
				author.waitForURL((url) => !url.pathname.includes('/edit/'), { timeout: 20_000 }),
			)
		})

		await test.step('every payload was stored as typed', async () => {
			const normalise = (text: string) => text.replace(/\r\n/g, '\n')
			const posts = await db.post.findMany({
				where: { threadId: main.id },
				orderBy: { number: 'asc' },
				select: { body: true },
			})
			expect(posts).toHaveLength(2)
			for (const post of posts) {
				const missing = XSS_PAYLOADS.filter(
					(payload) => !normalise(post.body).includes(payload.text),
				).map((payload) => payload.n)
				expect(missing, 'payloads missing from a stored post').toEqual([])
			}
			const lesson = await db.thread.findUniqueOrThrow({ where: { id: threads.at(-1)!.id } })
			const lessonText = normalise(
				[lesson.lessonHappened, lesson.lessonLearned, lesson.lessonDifferently].join('\n'),
			)
			expect(
				XSS_PAYLOADS.filter((payload) => !lessonText.includes(payload.text)).map(
					(payload) => payload.n,
				),
				'payloads missing from the lesson',
			).toEqual([])
			const titles = await db.thread.findMany({
				where: { id: { in: threads.map((thread) => thread.id) } },
				select: { title: true },
			})
			expect(titles.map((thread) => thread.title).sort()).toEqual(
				threads.map((thread) => thread.title).sort(),
			)
			const stored = await db.user.findUniqueOrThrow({ where: { id: mallory.user.id } })
			expect([stored.name, stored.company]).toEqual([SHORT_PAYLOADS.name, SHORT_PAYLOADS.company])
		})

		await test.step('a member bookmarks the hostile posts', async () => {
			const page = mia.page
			await page.goto(`/t/${main.id}`)
			await waitForHydration(page, 'main')
			for (const number of [1, 2]) {
				const post = page.locator(`article[data-post-number="${number}"]`)
				await post.getByRole('button', { name: 'Bookmark' }).click()
				await expect(post.getByRole('button', { name: 'Bookmarked' })).toBeVisible()
			}
		})

		const member = mia.page
		await test.step('a member sees every page that shows the payloads', async () => {
			const byline = [SHORT_PAYLOADS.name, SHORT_PAYLOADS.company]
			await visit(member, `/t/${main.id}`, 'thread page (member)', watch, (page) => [
				{ in: page.locator('h1'), texts: [main.title] },
				{
					in: page.locator('nav[aria-label="Breadcrumb"]'),
					texts: [groupName, SHORT_PAYLOADS.categories[0].name],
				},
				{ in: page.locator('article[data-post-number="1"]'), texts: [...byline, ...allShows] },
				{
					in: page.locator('article[data-post-number="2"]'),
					texts: [...allShows, 'Edited:', 'edit link'],
				},
			])
			for (const thread of threads.slice(1)) {
				const lesson = thread === threads.at(-1)
				await visit(member, `/t/${thread.id}`, `${thread.label} (member)`, watch, (page) => [
					{ in: page.locator('h1'), texts: [thread.title] },
					...(lesson
						? [{ in: page.locator('article[data-post-number="1"]'), texts: allShows }]
						: []),
				])
			}
			await visit(member, `/g/${slug}/forum`, 'group forum list (member)', watch, (page) => [
				{ in: page.locator('main'), texts: threads.map((thread) => thread.title) },
			])
			const category = await db.category.findFirstOrThrow({
				where: { name: SHORT_PAYLOADS.categories[1].name },
				select: { slug: true },
			})
			await visit(
				member,
				`/g/${slug}/forum?category=${category.slug}`,
				'forum list by hostile category (member)',
				watch,
				(page) => [
					{
						in: page.locator('main'),
						texts: [SHORT_PAYLOADS.categories[1].name, threads[1]!.title],
					},
				],
			)
			await visit(
				member,
				`/g/${slug}/forum/new`,
				'new thread form with hostile categories (member)',
				watch,
				(page) => [
					{ in: page.getByLabel('Category'), texts: SHORT_PAYLOADS.categories.map((c) => c.name) },
				],
			)
			await visit(member, `/g/${slug}`, 'group home (member)', watch, (page) => [
				{ in: page.locator('main'), texts: [groupName, SHORT_PAYLOADS.groupDescription] },
			])
			await visit(member, '/', 'home (member)', watch, (page) => [
				{ in: page.locator('main'), texts: [groupName] },
			])
			await visit(member, '/lessons', 'lessons (member)', watch, (page) => [
				{ in: page.locator('main'), texts: [SHORT_PAYLOADS.lessonTitle] },
			])
			await visit(member, `/u/${mallory.user.id}`, 'author profile (member)', watch, (page) => [
				{ in: page.locator('main'), texts: byline },
			])
			await visit(member, '/notifications', 'notifications (member)', watch, (page) => [
				{ in: page.locator('main'), texts: [SHORT_PAYLOADS.name, main.title] },
			])
			await visit(member, '/bookmarks', 'bookmarks (member)', watch, (page) => [
				{ in: page.locator('main'), texts: [main.title] },
			])
			// The words of the payloads, searched for: snippets show them escaped.
			for (const words of [
				'onerror',
				'javascript',
				'script',
				'svg onload',
				'iframe srcdoc',
				'constructor',
				'title',
				'happened',
				'xss',
			]) {
				const query = new URLSearchParams({ q: words })
				await visit(member, `/search?${query}`, `search "${words}" (member)`, watch, (page) => [
					{ in: page.locator('main'), texts: [words.split(' ')[0]!] },
				])
				await expect(
					member.locator('main mark').first(),
					`search "${words}" found something`,
				).toBeVisible()
			}
		})

		await test.step('a moderator and site admin sees the pages only they see', async () => {
			const page = otto.page
			await visit(page, `/t/${main.id}`, 'thread page (moderator)', watch, (p) => [
				{ in: p.locator('article[data-post-number="2"]'), texts: allShows },
			])
			await visit(
				page,
				`/t/${main.id}/history/${replyId}`,
				'edit history (moderator)',
				watch,
				(p) => [
					{
						in: p.locator('main'),
						texts: [
							XSS_PAYLOADS[0]!.text,
							SHORT_PAYLOADS.edit.trim(),
							main.title,
							SHORT_PAYLOADS.name,
						],
					},
				],
			)
			await visit(page, `/t/${main.id}/edit/${replyId}`, 'edit form (moderator)', watch)
			await expect(page.getByRole('textbox', { name: 'Post', exact: true })).toHaveValue(
				/__xss\(1\)/,
			)
			await visit(page, `/g/${slug}/forum/categories`, 'categories (moderator)', watch)
			await visit(
				page,
				`/t/${threads.at(-1)!.id}/edit-lesson`,
				'lesson edit form (moderator)',
				watch,
			)
			await visit(page, `/g/${slug}/invitations`, 'invitations (moderator)', watch, (p) => [
				{ in: p.locator('main'), texts: [] },
			])
			await visit(page, '/admin/groups', 'admin groups (site admin)', watch, (p) => [
				{ in: p.locator('main'), texts: [groupName, SHORT_PAYLOADS.groupDescription] },
			])
		})

		expect(watch.findings).toEqual([])
		for (const close of watch.closers) close()
		const short = JSON.stringify(SHORT_PAYLOADS).match(/(__xss|alert)\(10\d\d\)/g)!.length
		console.log(
			`XSS corpus: ${XSS_PAYLOADS.length} payloads (each in a thread, a reply, an edit and a lesson) and ${short} short ones ` +
				`in titles, names, company, bio, group, categories and tags; ${watch.pages.size} pages checked in Chromium.`,
		)
	} finally {
		await Promise.all([mallory.context.close(), mia.context.close(), otto.context.close()])
	}
})
