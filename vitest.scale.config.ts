import { defineConfig } from 'vitest/config'
import base from './vitest.config.ts'

// The scale-out suite: two app instances on one PostgreSQL database, sharing live events through
// Redis. Run by `npm run test:scale` (needs the local PostgreSQL and Redis).
process.env.TEST_DATABASE_ENGINE = 'postgresql'

export default defineConfig({
	...base,
	test: { ...base.test, include: ['tests/scale/**/*.test.ts'] },
})
