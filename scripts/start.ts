// `npm start`: runs PeerPower in production mode, building it first when there is no build.
// `npm run demo` (`--demo`): the same on a separate demo database, seeded when empty, with the
// demo logins printed at start. `--build` rebuilds even when a build exists; PEERPOWER_BUILD_DIR
// (default build/) says where the build lives.
//
// The server runs in this process (no child to forward signals to): SIGINT/SIGTERM close it
// gracefully and the process exits 0. Migrations are applied by the server itself. The npm scripts
// `exec` node: without it npm's `sh -c` stays in between, and a SIGTERM sent to npm (a process
// manager stopping the app) kills the shell but never reaches the server.
//
// `npm start` runs this file compiled (build/start.mjs, made by `npm run build`, through the
// launcher scripts/start.mjs); `node --import tsx scripts/start.ts` runs it from source.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '#server/db/engine.ts'

const args = new Set(process.argv.slice(2))
const demo = args.has('--demo')
const forceBuild = args.has('--build')

// Before any app module loads: React and the logger read these when imported.
process.env.NODE_ENV = 'production'
// The server reads build/ and relative SQLite paths from the working directory.
process.chdir(projectRoot)

function build(): void {
	console.log('Building PeerPower (react-router build)…')
	const result = spawnSync(path.join(projectRoot, 'node_modules/.bin/react-router'), ['build'], {
		stdio: 'inherit',
		env: process.env,
	})
	if (result.status !== 0) {
		console.error(`The build failed (exit ${result.status ?? result.signal}).`)
		process.exit(1)
	}
}

// react-router.config.ts reads the same variable, so `build()` writes where we look.
const buildDir = path.resolve(projectRoot, process.env.PEERPOWER_BUILD_DIR || 'build')
const serverBuild = path.join(buildDir, 'server/index.js')
if (forceBuild || !existsSync(serverBuild)) build()

// The demo's seeding (and what it imports) is loaded only for the demo.
const demoTools = demo
	? { ...(await import('./seed-demo.ts')), ...(await import('#app/modules/demo/seed.server.ts')) }
	: undefined
const { EnvError, parseEnv } = await import('#app/utils/env.server.ts')
const { logger } = await import('#app/utils/logger.server.ts')
const { startServer } = await import('#server/index.ts')
const { disconnectDb } = await import('#app/utils/db.server.ts')

let groupSlug: string | undefined
const source = demoTools
	? {
			...process.env,
			DATABASE_URL: demoTools.demoDatabaseUrl(),
			// The demo is served over plain http (localhost or a LAN address), where browsers other than
			// Chromium may drop Secure cookies; a real deployment keeps the production default.
			SECURE_COOKIES: process.env.SECURE_COOKIES ?? 'false',
		}
	: process.env

let env: ReturnType<typeof parseEnv>
try {
	env = parseEnv(source)
} catch (error) {
	if (error instanceof EnvError) {
		console.error(error.message)
		process.exit(1)
	}
	throw error
}

try {
	if (demoTools) {
		groupSlug = (await demoTools.prepareDemoDatabase(env)).groupSlug
		// The server opens its own connection and migrates again (a no-op); SQLite's schema engine
		// cannot take its lock while the seeding connection is still open.
		await disconnectDb()
	}
	const server = await startServer(env, { buildPath: serverBuild })
	logger.info({ url: server.url }, `PeerPower is listening on ${server.url}`)
	if (demoTools && groupSlug) console.log(demoTools.formatDemoLogins({ url: server.url, groupSlug }))
	else console.log(`\n  PeerPower is running at ${server.url}\n`)

	let stopping = false
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return
		stopping = true
		logger.info({ signal }, 'shutting down')
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				logger.error({ err: error }, 'shutdown failed')
				process.exit(1)
			},
		)
	}
	process.on('SIGINT', stop)
	process.on('SIGTERM', stop)
} catch (error) {
	logger.fatal({ err: error }, 'PeerPower failed to start')
	// The log may be JSON on stdout; say it plainly on stderr too.
	console.error(`PeerPower failed to start: ${error instanceof Error ? error.message : String(error)}`)
	process.exit(1)
}
