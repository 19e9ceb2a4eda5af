import { defineConfig } from 'vitest/config'
import base from './vitest.config.ts'

// The durability suite: the production server killed with SIGKILL mid-write, again and again.
// `npm run test:durability` runs the short form (CI); DURABILITY_FULL=1 the full one.
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['tests/durability/**/*.test.ts'],
		testTimeout: 30 * 60_000,
	},
})
