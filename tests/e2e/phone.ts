// What the phone project's specs share: the width check (with screenshots on request), the tap
// target check, and a group forum with a thread whose title and link are long.
import type { Page } from '@playwright/test'
import { expect } from './fixtures.ts'

export const PHONE_WIDTH = 390
export const MIN_TAP_SIZE = 24

export async function groupWithThread(moderatorId: string, name = 'Phone forum') {
	const { createGroup } = await import('#app/modules/groups/groups.server.ts')
	const { createReply, createThread } = await import('#app/modules/forums/posts.server.ts')
	const { offlinePublisher } = await import('#app/utils/realtime.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const group = await createGroup({
		name: `${name} ${Math.random().toString(36).slice(2, 8)}`,
		description: '',
		creatorId: moderatorId,
	})
	const forum = await db.forum.findUniqueOrThrow({
		where: { groupId: group.id },
		include: { categories: true },
	})
	const { threadId } = await createThread(
		{ id: moderatorId, isSiteAdmin: false },
		forum.id,
		{
			kind: 'discussion',
			title: 'Which PSA tool do you use for small teams, and what does it cost per seat?',
			categoryId: forum.categories[0]!.id,
			tags: ['tools', 'pricing'],
			body: 'We pay per seat and it adds up. See https://example.com/a-rather-long-link-to-a-pricing-page-that-goes-on-and-on for ours.',
		},
		offlinePublisher,
		'unpaced',
	)
	await createReply(
		{ id: moderatorId, isSiteAdmin: false },
		threadId,
		{ body: 'Adding: we moved last year.' },
		offlinePublisher,
		'unpaced',
	)
	return { group, forum, threadId }
}

function screenshotName(label: string) {
	return label.replace(/\W+/g, '-').replace(/^-|-$/g, '')
}

/** The innermost elements that reach past the screen's right edge, to say what to fix. */
function overflowingElements(screen: number) {
	const past = (element: Element) => element.getBoundingClientRect().right > screen + 0.5
	const found: string[] = []
	for (const element of document.body.querySelectorAll('*')) {
		if (!past(element) || [...element.children].some(past)) continue
		const classes =
			typeof element.className === 'string'
				? element.className.trim().split(/\s+/).slice(0, 4).join('.')
				: ''
		const text = (element.textContent ?? '').trim().slice(0, 30)
		found.push(
			`${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''} “${text}” ends at ${Math.round(element.getBoundingClientRect().right)} px`,
		)
		if (found.length === 5) break
	}
	return found
}

/** Soft: one run reports every page that is wider than the screen, and what sticks out. */
export async function expectFitsPhone(page: Page, label: string) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth)
	const culprits = width > PHONE_WIDTH ? await page.evaluate(overflowingElements, PHONE_WIDTH) : []
	expect
		.soft(
			width,
			`${label} is ${width} px wide on a ${PHONE_WIDTH} px screen:\n${culprits.join('\n')}`,
		)
		.toBeLessThanOrEqual(PHONE_WIDTH)
	// Screenshots to look at, when asked for (SCREENSHOT_DIR=/some/folder).
	if (process.env.SCREENSHOT_DIR)
		await page.screenshot({
			path: `${process.env.SCREENSHOT_DIR}/${screenshotName(label)}.png`,
			fullPage: true,
		})
}

/**
 * Soft: the page's buttons, menus and fields are at least 24 px tall (WCAG 2.2's minimum target
 * size). Links inside text and radios and checkboxes with their labels are exempt, as in WCAG.
 */
export async function expectTappable(page: Page, label: string) {
	const small = await page.evaluate((min) => {
		const targets = document.querySelectorAll<HTMLElement>(
			'button, select, summary, input:not([type="hidden"], [type="radio"], [type="checkbox"]), textarea',
		)
		const found: string[] = []
		for (const target of targets) {
			const box = target.getBoundingClientRect()
			if (box.width === 0 || box.height === 0 || getComputedStyle(target).visibility === 'hidden')
				continue
			if (target.closest('.sr-only')) continue
			if (box.height < min) {
				const name = (
					target.getAttribute('aria-label') ??
					target.textContent ??
					target.getAttribute('name') ??
					target.tagName
				)
					.trim()
					.slice(0, 40)
				found.push(`${target.tagName.toLowerCase()} “${name}”: ${box.height.toFixed(1)} px`)
			}
		}
		return found
	}, MIN_TAP_SIZE)
	expect.soft(small, `targets under ${MIN_TAP_SIZE} px tall on ${label}`).toEqual([])
}
