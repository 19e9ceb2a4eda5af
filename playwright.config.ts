import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// Playwright evaluates this file in its main process and again in every worker. The port and the
// database are chosen once, in the main process, and handed to the workers through the environment.
function freePort(): string {
	// Synchronous on purpose (the config is loaded synchronously): a child process asks the OS for a free port.
	const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
	return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()
}

process.env.E2E_PORT ??= freePort()
// Each run has its own folder under tests/.tmp (git-ignored), removed by the global teardown: a
// throwaway SQLite database, and a build of the current code that no other build can replace mid-run.
process.env.E2E_RUN_DIR ??= path.resolve('tests/.tmp', `e2e-${randomBytes(4).toString('hex')}`)
process.env.E2E_DATABASE_URL ??= `file:${path.join(process.env.E2E_RUN_DIR, 'peerpower.db')}`
// Traces and screenshots of failures, per run too: Playwright empties its output folder at start,
// which would delete the artifacts of another run going on in the same checkout.
process.env.E2E_OUTPUT_DIR ??= path.resolve('test-results', path.basename(process.env.E2E_RUN_DIR))

const port = process.env.E2E_PORT
const baseURL = `http://127.0.0.1:${port}`

const chromium = {
	...devices['Desktop Chrome'],
	// Playwright cannot download its browsers here: Debian's chromium, see /work/shared/STACK.md.
	launchOptions: {
		executablePath: '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	},
}

// A phone's screen (390 × 844 CSS pixels, an iPhone 14's) in the same browser; one device pixel
// per CSS pixel keeps screenshots and rendering light on small CI machines.
const phone = {
	...chromium,
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 1,
	isMobile: true,
	hasTouch: true,
}
const PHONE_SPECS = /\/phone[^/]*\.spec\.ts$/

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: process.env.E2E_OUTPUT_DIR,
	fullyParallel: true,
	forbidOnly: Boolean(process.env.CI),
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	// Generous: CI machines are small and busy, and every page also runs axe.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	globalTeardown: './tests/e2e/global-teardown.ts',
	use: {
		baseURL,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
	},
	projects: [
		// The first run of a new installation needs an empty database (the first sign-up becomes
		// site admin), so it runs before everything else.
		{ name: 'first-run', testMatch: /onboarding\.spec\.ts$/, use: chromium },
		{ name: 'chromium', testIgnore: [/onboarding\.spec\.ts$/, PHONE_SPECS], dependencies: ['first-run'], use: chromium },
		// A member on a phone: the member pages at 390 × 844, none wider than the screen.
		{ name: 'phone', testMatch: PHONE_SPECS, dependencies: ['first-run'], use: phone },
	],
	webServer: {
		// The production server, as `npm start` runs it, on a fresh build of the current code.
		command: 'node --import tsx scripts/start.ts --build',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: port,
			HOST: '127.0.0.1',
			DATABASE_URL: process.env.E2E_DATABASE_URL,
			PEERPOWER_BUILD_DIR: path.join(process.env.E2E_RUN_DIR, 'build'),
			LOG_LEVEL: 'warn',
			// Every browser of the run signs up from 127.0.0.1: the per-IP limits are not under test here.
			AUTH_RATE_LIMIT_EXEMPT_IPS: '127.0.0.1,::1,::ffff:127.0.0.1',
			// Specs post as new members in quick succession: the posting gap has its own tests.
			POST_MIN_GAP_SECONDS: '0',
			NEW_ACCOUNT_POST_MIN_GAP_SECONDS: '0',
		},
	},
})
