// `npm run test:postgres`: the Vitest suite on PostgreSQL instead of SQLite. Each test file gets
// its own database, copied from a migrated template and dropped afterwards (tests/setup/test-database.ts).
// Extra arguments go to Vitest: `npm run test:postgres -- tests/integration/auth.test.ts`.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isPostgresReachable, postgresAdminUrl } from '#server/db/throwaway-postgres.ts'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const adminUrl = postgresAdminUrl()
// Only the scheme, host and path: the URL may carry a password.
const where = adminUrl.replace(/\/\/[^@/]*@/, '//')

if (!(await isPostgresReachable(adminUrl))) {
	console.error(
		[
			`PostgreSQL is not reachable at ${where}.`,
			'The PostgreSQL tests need a server where this user may create and drop databases.',
			'  - Start the local one:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
			'  - Or point at another:  DATABASE_URL_POSTGRES_ADMIN=postgres://user@host:5432/postgres npm run test:postgres',
		].join('\n'),
	)
	process.exit(1)
}

console.log(`Running the test suite on PostgreSQL (${where})`)
const vitest = spawn(
	process.execPath,
	[path.join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)],
	{ cwd: projectRoot, stdio: 'inherit', env: { ...process.env, TEST_DATABASE_ENGINE: 'postgresql' } },
)
// Vitest drops its databases when it stops: hand it the signal and wait for it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => vitest.kill(signal))
vitest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
