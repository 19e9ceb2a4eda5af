import { format } from 'node:util'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { createTestDatabase } from './test-database.ts'

process.env.NODE_ENV = 'test'
process.env.LOG_LEVEL ??= 'silent'
// Tests post in quick succession as the same member; the posting gap has its own tests.
process.env.POST_MIN_GAP_SECONDS ??= '0'
process.env.NEW_ACCOUNT_POST_MIN_GAP_SECONDS ??= '0'
// Tests run the scheduler's work themselves, with a fixed clock, instead of on a timer.
process.env.SCHEDULER_TICK_SECONDS ??= '0'

// Every test file gets its own database, so files can run in parallel and in any order.
let dispose: (() => Promise<void>) | undefined
beforeAll(async () => {
	const database = await createTestDatabase(inject('templateDatabaseUrl'))
	// In process.env too: child processes (a spawned server, a backup) inherit it.
	process.env.DATABASE_URL = database.url
	// The one parse of this file's environment, as startServer gets it in production.
	const { configure, parseEnv } = await import('#app/utils/env.server.ts')
	configure(parseEnv())
	dispose = database.dispose
})

afterAll(async () => {
	const { disconnectDb } = await import('#app/utils/db.server.ts')
	const { closeMarkdownPool } = await import('#app/modules/markdown/renderer.server.ts')
	const { closeSearchPool } = await import('#app/modules/search/search-pool.server.ts')
	await Promise.all([disconnectDb(), closeMarkdownPool(), closeSearchPool()])
	await dispose?.()
})

// A console error in a test is a failure (a React warning, an unhandled rejection logged by a
// library, a forgotten debug line): the test that caused it fails and shows it.
const consoleErrors: string[] = []
const originalConsoleError = console.error
console.error = (...args: unknown[]) => {
	consoleErrors.push(format(...args))
	originalConsoleError(...args)
}
afterEach(() => {
	const logged = consoleErrors.splice(0)
	if (logged.length > 0) {
		throw new Error(`console.error was called during this test:\n${logged.map((line) => `  ${line}`).join('\n')}`)
	}
})
