import { existsSync } from 'node:fs'
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { configure, EnvError, parseEnv, type Env } from '#app/utils/env.server.ts'
import { disconnectDb, prepareDb } from '#app/utils/db.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { closeMarkdownPool, useCompiledMarkdownWorker } from '#app/modules/markdown/renderer.server.ts'
import { scheduledJobs } from '#app/modules/scheduler/jobs.server.ts'
import { createScheduler, type Scheduler } from '#app/modules/scheduler/scheduler.server.ts'
import { closeSearchPool } from '#app/modules/search/search-pool.server.ts'
import { migrateDatabase } from './db/migrate.ts'
import { createExpressApp } from './app.ts'
import { attachRealtime, type Realtime } from './realtime/index.ts'

export type RunningServer = {
	httpServer: HttpServer
	realtime: Realtime
	scheduler: Scheduler
	url: string
	close: () => Promise<void>
}

/** Starts everything: migrations, the HTTP server, socket.io on the same port, the app. */
export async function startServer(env: Env, options: { buildPath?: string } = {}): Promise<RunningServer> {
	// The database, sessions, limits and the log level read this environment from now on.
	configure(env)
	const { applied } = await migrateDatabase(env.DATABASE_URL)
	if (applied.length > 0) logger.info({ applied }, 'applied migrations')
	await prepareDb()
	// A compiled build (npm run build) has the markdown workers' task compiled beside the app.
	const compiledWorker = options.buildPath && path.resolve(path.dirname(options.buildPath), '../markdown.worker.mjs')
	if (compiledWorker && existsSync(compiledWorker)) useCompiledMarkdownWorker(compiledWorker)

	const httpServer = createServer()
	let closing: Promise<void> | undefined
	// Responses in progress, so that closing can end their connections once they are answered.
	const inFlight = new Set<ServerResponse>()
	httpServer.on('request', (_request, response: ServerResponse) => {
		// A request that arrives while closing is the connection's last.
		if (closing) response.shouldKeepAlive = false
		inFlight.add(response)
		response.once('close', () => inFlight.delete(response))
	})
	const realtime = await attachRealtime(httpServer, { redisUrl: env.REDIS_URL, appUrl: env.APP_URL })

	const vite =
		env.NODE_ENV === 'development'
			? await import('vite').then((vite) =>
					vite.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } } }),
				)
			: undefined
	const app = await createExpressApp({
		realtime: realtime.publisher,
		appUrl: env.APP_URL,
		vite,
		buildPath: options.buildPath,
	})
	httpServer.on('request', app)

	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject)
		httpServer.listen(env.PORT, env.HOST, () => resolve())
	})
	const address = httpServer.address()
	const port = typeof address === 'object' && address ? address.port : env.PORT
	const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`
	// Work that falls due (reminders, deadlines, housekeeping) runs in this process on a timer.
	const scheduler = createScheduler({
		jobs: scheduledJobs,
		realtime: realtime.publisher,
		tickMs: env.SCHEDULER_TICK_SECONDS * 1000,
	})

	const close = () =>
		(closing ??= (async () => {
			// Stop accepting, let requests in flight finish, then close sockets and the database.
			const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()))
			httpServer.closeIdleConnections()
			// A connection busy now would otherwise stay open for keepAliveTimeout after its answer.
			for (const response of inFlight) {
				if (!response.headersSent) response.shouldKeepAlive = false
				else {
					const socket = response.socket
					response.once('finish', () => socket?.end())
				}
			}
			await scheduler.stop()
			await realtime.close()
			const force = setTimeout(() => httpServer.closeAllConnections(), 10_000)
			await drained
			clearTimeout(force)
			await vite?.close()
			await Promise.all([disconnectDb(), closeMarkdownPool(), closeSearchPool()])
		})())

	return { httpServer, realtime, scheduler, url, close }
}

async function main(): Promise<void> {
	let env: Env
	try {
		env = parseEnv()
	} catch (error) {
		if (error instanceof EnvError) {
			console.error(error.message)
			process.exit(1)
		}
		throw error
	}
	const server = await startServer(env)
	logger.info({ url: server.url }, `PeerPower is listening on ${server.url}`)

	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => {
			logger.info({ signal }, 'shutting down')
			server.close().then(
				() => process.exit(0),
				(error: unknown) => {
					logger.error({ err: error }, 'shutdown failed')
					process.exit(1)
				},
			)
		})
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	main().catch((error: unknown) => {
		logger.fatal({ err: error }, 'PeerPower failed to start')
		process.exit(1)
	})
}
