// `npm run db:migrate`: applies the committed migrations to DATABASE_URL.
import { migrateDatabase } from '#server/db/migrate.ts'

const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/peerpower.db'

try {
	const { applied } = await migrateDatabase(databaseUrl)
	// Only the scheme and path: a PostgreSQL URL may carry a password.
	const where = databaseUrl.replace(/\/\/[^@/]*@/, '//')
	console.log(
		applied.length === 0 ? `${where}: up to date` : `${where}: applied ${applied.join(', ')}`,
	)
	// On PostgreSQL the schema engine leaves a 10 s timer behind (its lock timeout): don't wait for it.
	process.exit(0)
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exit(1)
}
