import { existsSync, readdirSync } from 'node:fs'
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
import { SESSION_COOKIE } from '#app/modules/auth/sessions.server.ts'
import { sendEdgeError } from './edge-responses.ts'
import { cspNonceOf, noStoreForSessions, securityHeaders } from './headers.ts'
import {
	countChunkedBody,
	declaresTooLargeBody,
	isAllowedOrigin,
	hasNulInUrl,
	isFormContentType,
	isSafeMethod,
	MAX_BODY_BYTES,
} from './security.ts'

declare module 'react-router' {
	interface AppLoadContext {
		/** The client's address, for rate limits and the sessions list. */
		clientIp: string
		/** Publishes live events after a write has committed. */
		realtime: RealtimePublisher
		/** This response's Content-Security-Policy nonce, for the page's inline scripts (unset in unit tests). */
		cspNonce?: string
	}
}

type AppOptions = {
	realtime: RealtimePublisher
	appUrl?: string
	vite?: ViteDevServer
	buildPath?: string
	clientPath?: string
}

/**
 * The Express app: health check, request log, security headers, origin and body checks, static
 * files, the React Router app.
 */
export async function createExpressApp(options: AppOptions): Promise<express.Express> {
	const app = express()
	app.disable('x-powered-by')

	// socket.io shares the HTTP server and answers its own requests (the polling transport): the app
	// must not answer them a second time (a polling POST is text/plain, which the body check refuses).
	app.use('/socket.io', () => undefined)

	app.get('/healthz', async (_req, res) => {
		const ok = await pingDb()
		res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' })
	})

	app.use(
		pinoHttp({
			logger,
			// One line per request, with status and duration; no headers or cookies in the log.
			serializers: {
				// A calendar feed's token is its key: it stays out of the log.
				req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.replace(/^\/calendar\/[^/?]+/, '/calendar/[token]') }),
				res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
			},
			autoLogging: { ignore: (req) => Boolean(req.url?.startsWith('/assets/')) },
		}),
	)

	// The production build gets the strict policy; Vite's development server needs allowances.
	app.use(securityHeaders({ production: !options.vite }))

	app.use((req, res, next) => {
		if (isSafeMethod(req.method) || isAllowedOrigin(req, options.appUrl)) return next()
		res.status(403).type('text/plain').send('Forbidden: this request did not come from PeerPower’s own pages.')
	})

	const nulRefusal = {
		title: 'A character PeerPower cannot store',
		detail: 'The address contains a null character (%00), which no page of ours has. Check the link and try again.',
	}
	app.use((req, res, next) => {
		if (hasNulInUrl(req.url)) return sendEdgeError(req, res, 400, nulRefusal)
		next()
	})

	// Writes are forms, and small: anything else is refused here, before the app reads a byte of it.
	app.use((req, res, next) => {
		if (isSafeMethod(req.method)) return next()
		if (!isFormContentType(req.headers['content-type'])) {
			return sendEdgeError(req, res, 415, {
				title: 'Not a form',
				detail: 'PeerPower accepts only form submissions here (application/x-www-form-urlencoded).',
			})
		}
		const tooLarge = () => {
			if (res.headersSent) return
			// Closing the connection spares reading the rest of a body we will not use.
			res.setHeader('Connection', 'close')
			sendEdgeError(req, res, 413, {
				title: 'Too much to send',
				detail: `What you sent is larger than PeerPower accepts (${MAX_BODY_BYTES / 1024 / 1024} MB). Shorten it and try again.`,
			})
		}
		if (declaresTooLargeBody(req, MAX_BODY_BYTES)) return tooLarge()
		countChunkedBody(req, MAX_BODY_BYTES, () => {
			tooLarge()
			// The app may be reading the body: it fails instead of seeing a truncated form.
			res.once('finish', () => req.destroy(new Error('request body over the limit')))
		})
		next()
	})

	app.use(compression())

	let build: ServerBuild | (() => Promise<ServerBuild>)
	if (options.vite) {
		const vite = options.vite
		app.use(vite.middlewares)
		build = () => vite.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>
	} else {
		// The client files sit next to the server build (build/server/index.js → build/client).
		const clientPath =
			options.clientPath ?? (options.buildPath ? path.resolve(path.dirname(options.buildPath), '../client') : 'build/client')
		app.use('/assets', express.static(`${clientPath}/assets`, { immutable: true, maxAge: '1y' }))
		app.use(topLevelFiles(clientPath))
		// The build itself, not a function returning it: React Router derives its route tables from a
		// function's result on every request (a dev-server convenience), once from an object.
		build = (await import(options.buildPath ?? `${process.cwd()}/build/server/index.js`)) as ServerBuild
	}

	app.use(noStoreForSessions(SESSION_COOKIE))

	app.all(
		'/{*splat}',
		createRequestHandler({
			build,
			getLoadContext: (req, res) => ({
				clientIp: req.ip ?? req.socket.remoteAddress ?? '',
				realtime: options.realtime,
				// Only the production build's policy names a nonce (see securityHeaders).
				cspNonce: options.vite ? undefined : cspNonceOf(res),
			}),
		}),
	)
	return app
}

/**
 * The client folder's own top-level files (favicon.svg…), served as files. Only requests for
 * those names reach the disk: a static handler in front of every page would look each page's
 * path up on disk first.
 */
function topLevelFiles(clientPath: string): express.RequestHandler {
	if (!existsSync(clientPath)) return (_req, _res, next) => next()
	const names = new Set(
		readdirSync(clientPath, { withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => `/${entry.name}`),
	)
	const serve = express.static(clientPath, { maxAge: '1h', index: false })
	return (req, res, next) => (names.has(req.path) ? serve(req, res, next) : next())
}
