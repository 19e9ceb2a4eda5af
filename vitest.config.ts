import { defineConfig } from 'vitest/config'

// Vitest only; Playwright specs live in tests/e2e and are run by `npm run test:e2e`.
export default defineConfig({
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'tests/integration/**/*.test.ts', 'scripts/**/*.test.ts'],
		globalSetup: ['./tests/setup/global-setup.ts'],
		setupFiles: ['./tests/setup/setup-test-env.ts'],
		pool: 'forks',
		testTimeout: 20_000,
		hookTimeout: 60_000,
	},
})
