// `npm run seed:demo`: migrates the demo database and fills it with demo content when empty.
// `npm run demo` does the same before starting the server.
import { pathToFileURL } from 'node:url'
import { DEMO_GROUP, formatDemoLogins, seedDemo } from '#app/modules/demo/seed.server.ts'
import { disconnectDb, prepareDb } from '#app/utils/db.server.ts'
import { configure, EnvError, parseEnv, type Env } from '#app/utils/env.server.ts'
import { migrateDatabase } from '#server/db/migrate.ts'

export const DEFAULT_DEMO_DATABASE_URL = 'file:./data/demo.db'

/** The demo has its own database, so trying PeerPower never touches the real one. */
export function demoDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
	return env.DEMO_DATABASE_URL || DEFAULT_DEMO_DATABASE_URL
}

/** Points this process at the environment's (demo) database, migrates it and seeds it; returns what it did. */
export async function prepareDemoDatabase(env: Env): Promise<{ created: boolean; groupSlug: string }> {
	configure(env)
	await migrateDatabase(env.DATABASE_URL)
	await prepareDb()
	const { created, context } = await seedDemo()
	return { created, groupSlug: context.group.slug }
}

function describe(url: string): string {
	// Only the scheme, host and path: a PostgreSQL URL may carry a password.
	return url.replace(/\/\/[^@/]*@/, '//')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const url = demoDatabaseUrl()
	try {
		const { created, groupSlug } = await prepareDemoDatabase(parseEnv({ ...process.env, DATABASE_URL: url }))
		console.log(
			created
				? `Seeded ${describe(url)} with the demo group “${DEMO_GROUP.name}”.`
				: `${describe(url)} already holds the demo group “${DEMO_GROUP.name}”: nothing to add.`,
		)
		console.log(formatDemoLogins({ groupSlug }))
		await disconnectDb()
		// On PostgreSQL the schema engine leaves a 10 s timer behind (its lock timeout): don't wait for it.
		process.exit(0)
	} catch (error) {
		if (error instanceof EnvError) console.error(error.message)
		else console.error(`Could not seed the demo database ${describe(url)}: ${error instanceof Error ? error.message : error}`)
		process.exit(1)
	}
}
