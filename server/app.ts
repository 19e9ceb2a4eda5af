import path from 'node:path'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'
import { pinoHttp } from 'pino-http'
import type { ServerBuild } from 'react-router'
import type { ViteDevServer } from 'vite'
import { pingDb } from '#app/utils/db.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { isAllowedOrigin, isSafeMethod } from './security.ts'

declare module 'react-router' {
	interface AppLoadContext {
		/** The client's address, for rate limits and the sessions list. */
		clientIp: string
		/** Publishes live events after a write has committed. */
		realtime: RealtimePublisher
	}
}

type AppOptions = {
	realtime: RealtimePublisher
	appUrl?: string
	vite?: ViteDevServer
	buildPath?: string
	clientPath?: string
}

/** The Express app: health check, request log, origin check, static files, the React Router app. */
export async function createExpressApp(options: AppOptions): Promise<express.Express> {
	const app = express()
	app.disable('x-powered-by')

	app.get('/healthz', async (_req, res) => {
		const ok = await pingDb()
		res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' })
	})

	app.use(
		pinoHttp({
			logger,
			// One line per request, with status and duration; no headers or cookies in the log.
			serializers: {
				req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
				res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
			},
			autoLogging: { ignore: (req) => Boolean(req.url?.startsWith('/assets/')) },
		}),
	)

	app.use((req, res, next) => {
		if (isSafeMethod(req.method) || isAllowedOrigin(req, options.appUrl)) return next()
		res.status(403).type('text/plain').send('Forbidden: this request did not come from PeerPower’s own pages.')
	})

	app.use(compression())

	let build: () => Promise<ServerBuild>
	if (options.vite) {
		const vite = options.vite
		app.use(vite.middlewares)
		build = () => vite.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>
	} else {
		// The client files sit next to the server build (build/server/index.js → build/client).
		const clientPath =
			options.clientPath ?? (options.buildPath ? path.resolve(path.dirname(options.buildPath), '../client') : 'build/client')
		app.use('/assets', express.static(`${clientPath}/assets`, { immutable: true, maxAge: '1y' }))
		app.use(express.static(clientPath, { maxAge: '1h' }))
		const serverBuild = (await import(options.buildPath ?? `${process.cwd()}/build/server/index.js`)) as ServerBuild
		build = () => Promise.resolve(serverBuild)
	}

	app.all(
		'/{*splat}',
		createRequestHandler({
			build,
			getLoadContext: (req) => ({
				clientIp: req.ip ?? req.socket.remoteAddress ?? '',
				realtime: options.realtime,
			}),
		}),
	)
	return app
}
