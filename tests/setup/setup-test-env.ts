import { afterAll, beforeAll, inject } from 'vitest'
import { createTestDatabase } from './test-database.ts'

process.env.NODE_ENV = 'test'
process.env.LOG_LEVEL ??= 'silent'

// Every test file gets its own database, so files can run in parallel and in any order.
let dispose: (() => Promise<void>) | undefined
beforeAll(async () => {
	const database = await createTestDatabase(inject('templateDatabaseUrl'))
	process.env.DATABASE_URL = database.url
	dispose = database.dispose
})

afterAll(async () => {
	const { disconnectDb } = await import('#app/utils/db.server.ts')
	await disconnectDb()
	await dispose?.()
})
