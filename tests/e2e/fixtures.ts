// Playwright fixtures for PeerPower: an accessibility check, sessions created straight in the
// database (to skip the log-in form where it is not under test), and pages that fail the test on
// uncaught errors. Every spec imports `test` and `expect` from here.
import { randomBytes } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { configure, parseEnv } from '#app/utils/env.server.ts'

export { expect }

// The fixtures below reach the server's database directly (the run's throwaway SQLite file).
configure(parseEnv({ ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' }))

const BLOCKING_IMPACTS = new Set(['serious', 'critical'])

/** Runs axe on the page as it is now; fails on serious or critical violations, listing them readably. */
export async function checkA11y(page: Page, label = new URL(page.url()).pathname): Promise<void> {
	// Legacy mode runs axe in the page itself instead of opening a helper page per check (about
	// half the time); it only skips cross-origin iframes, and PeerPower has none.
	const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze()
	const blocking = results.violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
	const report = blocking.map(
		(violation) =>
			`[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n` +
			violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
	)
	expect(report, `accessibility violations on ${label}`).toEqual([])
}

/**
 * Fails the test when the page throws or logs an error (hydration mismatches, failed fetches).
 * `allowed` lists console errors the test expects, e.g. the browser's log line for a 400 page.
 */
export function failOnPageErrors(page: Page, allowed: RegExp[] = []): () => void {
	const errors: string[] = []
	page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
	page.on('console', (message) => {
		if (message.type() !== 'error') return
		const line = `console.error: ${message.text()} (${message.location().url})`
		if (!allowed.some((pattern) => pattern.test(line))) errors.push(line)
	})
	return () => expect(errors, `errors on ${page.url()}`).toEqual([])
}

/** Waits until React has hydrated `selector` (React keeps its props on hydrated DOM nodes). */
export async function waitForHydration(page: Page, selector = 'body'): Promise<void> {
	await page.waitForFunction(
		(target) => {
			const element = document.querySelector(target)
			return Boolean(element && Object.keys(element).some((key) => key.startsWith('__reactProps')))
		},
		selector,
	)
}

export function uniqueEmail(prefix = 'member'): string {
	return `${prefix}-${randomBytes(4).toString('hex')}@example.com`
}

export type TestUser = { id: string; name: string; email: string; company: string }
type LoginOptions = { name?: string; email?: string; company?: string; isSiteAdmin?: boolean }

type Fixtures = {
	/** Console errors the test's page may log without failing the test. */
	allowedConsoleErrors: RegExp[]
	/** Checks the page (default: the test's page) with axe. */
	axe: (page?: Page, label?: string) => Promise<void>
	/** Creates a user and a session for it in the database and puts the cookie in `context`. */
	login: (context: BrowserContext, options?: LoginOptions) => Promise<TestUser>
}

export const test = base.extend<Fixtures>({
	allowedConsoleErrors: [[], { option: true }],

	page: async ({ page, allowedConsoleErrors }, use) => {
		const check = failOnPageErrors(page, allowedConsoleErrors)
		await use(page)
		check()
	},

	axe: async ({ page }, use) => {
		await use((target = page, label) => checkA11y(target, label))
	},

	login: async ({ baseURL }, use) => {
		// Loaded here, not at the top: only tests that use the fixture open the database.
		const { db } = await import('#app/utils/db.server.ts')
		const { hashPassword } = await import('#app/modules/auth/password.server.ts')
		const { createSession, SESSION_COOKIE } = await import('#app/modules/auth/sessions.server.ts')
		const { uniqueHandle } = await import('#app/modules/users/handles.server.ts')
		const created: string[] = []
		await use(async (context, options = {}) => {
			const name = options.name ?? 'Test Member'
			const user = await db.user.create({
				data: {
					name,
					handle: await uniqueHandle(name),
					email: options.email ?? uniqueEmail(),
					company: options.company ?? 'Test Company',
					isSiteAdmin: options.isSiteAdmin ?? false,
					passwordHash: await hashPassword(randomBytes(12).toString('hex')),
				},
				select: { id: true, name: true, email: true, company: true },
			})
			created.push(user.id)
			const { token } = await createSession(user.id, { userAgent: 'playwright', ipAddress: '127.0.0.1' })
			await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL!, httpOnly: true, sameSite: 'Lax' }])
			return user
		})
		// Sessions and memberships go with their user (cascade).
		if (created.length > 0) await db.user.deleteMany({ where: { id: { in: created } } })
	},
})
