import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import helmet from 'helmet'

// One nonce per response: the page's own inline scripts carry it, an injected script cannot.
const nonces = new WeakMap<ServerResponse, string>()

/** The CSP nonce of this response (handed to the app through the load context). */
export function cspNonceOf(res: ServerResponse): string {
	let nonce = nonces.get(res)
	if (!nonce) {
		nonce = randomBytes(16).toString('base64')
		nonces.set(res, nonce)
	}
	return nonce
}

const nonceSource = (_req: unknown, res: ServerResponse) => `'nonce-${cspNonceOf(res)}'`

/**
 * helmet's headers with our policy. Production is strict: scripts only from our origin or with the
 * response's nonce, no inline styles, images only from our origin (an image in a post pointing
 * elsewhere would tell its host who reads the post, and when), no framing. Development is lax
 * where Vite needs it: its HMR websocket, the inline styles it injects, inline scripts.
 */
export function securityHeaders({ production }: { production: boolean }): RequestHandler {
	return helmet({
		contentSecurityPolicy: {
			useDefaults: false,
			directives: {
				'default-src': ["'self'"],
				'base-uri': ["'self'"],
				'form-action': ["'self'"],
				'frame-ancestors': ["'none'"],
				'object-src': ["'none'"],
				// Development renders without a nonce: React Router's development-only inline critical CSS
				// would carry it and then fail to hydrate (browsers hide a nonce from the page).
				'script-src': production ? ["'self'", nonceSource] : ["'self'", "'unsafe-inline'"],
				'script-src-attr': ["'none'"],
				// A nonce in style-src would switch 'unsafe-inline' off, so development has none.
				'style-src': production ? ["'self'", nonceSource] : ["'self'", "'unsafe-inline'"],
				'img-src': ["'self'", 'data:'],
				'font-src': ["'self'"],
				// 'self' covers the socket.io websocket to our own host (ws: for http, wss: for https).
				'connect-src': production ? ["'self'"] : ["'self'", 'ws:', 'wss:'],
			},
		},
		// Browsers honour HSTS only over HTTPS; in development it would pin localhost to HTTPS.
		strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
		xFrameOptions: { action: 'deny' },
		// Full referrer within PeerPower, none to other sites: a link or image in a post does not
		// tell its host which thread it was seen in.
		referrerPolicy: { policy: 'same-origin' },
	})
}

/**
 * Pages of a logged-in member, and answers that set a cookie, are never stored by a browser or a
 * shared cache: after logging out, Back must not show them, and a proxy must not serve them to
 * anyone else. "Read a session" means the request carried the session cookie.
 */
export function noStoreForSessions(sessionCookie: string): RequestHandler {
	return (req, res, next) => {
		const readsSession = (req.headers.cookie ?? '').split(';').some((part) => part.trim().startsWith(`${sessionCookie}=`))
		const writeHead = res.writeHead
		// The headers are final only when they are written: the app may add Set-Cookie up to then.
		// (writeHead is overloaded: the wrapper passes its arguments on untouched.)
		res.writeHead = function (this: typeof res, ...args: unknown[]) {
			if (readsSession || res.hasHeader('set-cookie')) res.setHeader('Cache-Control', 'private, no-store')
			return Reflect.apply(writeHead, this, args) as typeof res
		} as typeof res.writeHead
		next()
	}
}
