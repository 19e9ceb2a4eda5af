// The strict Content-Security-Policy of the production build: the pages hydrate under it (React
// Router's inline scripts carry the nonce), nothing of ours is refused, and an inline script
// without the nonce does not run.
import { expect, test, waitForHydration } from './fixtures.ts'

// The one script this test injects is refused, and Chromium logs the refusal.
test.use({ allowedConsoleErrors: [/(Executing|Refused to execute) inline script/] })

test('pages hydrate under the strict policy with no violation, and a script without the nonce is refused', async ({ page, context, login }) => {
	await page.addInitScript(() => {
		const seen: string[] = []
		;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
		document.addEventListener('securitypolicyviolation', (event) => {
			// zod probes once whether it may compile validators with `new Function`; the policy says no
			// (no 'unsafe-eval'), zod catches that and validates without compiling. Not a refusal of ours.
			if (event.blockedURI === 'eval') return
			seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`)
		})
	})
	const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)

	const response = await page.goto('/login')
	expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/)
	await waitForHydration(page, 'form')
	expect(await violations()).toEqual([])

	await login(context, { name: 'Nonce Reader' })
	await page.goto('/settings/profile')
	await waitForHydration(page, 'form')
	// A client-side navigation (React Router's data request) also works under the policy.
	await page.getByRole('link', { name: /sessions/i }).first().click()
	await expect(page).toHaveURL(/\/settings\/sessions/)
	expect(await violations()).toEqual([])

	const ran = await page.evaluate(async () => {
		const script = document.createElement('script')
		script.textContent = 'window.__injectedRan = true'
		document.body.append(script)
		await new Promise((resolve) => setTimeout(resolve, 100))
		return (window as unknown as { __injectedRan?: boolean }).__injectedRan ?? false
	})
	expect(ran).toBe(false)
	expect(await violations()).toEqual([expect.stringMatching(/^script-src/)])
})
