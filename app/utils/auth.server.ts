import { redirect } from 'react-router'
import { endSession } from '#app/modules/auth/auth.server.ts'
import {
	clearSessionCookieHeader,
	createSession,
	readSessionToken,
	sessionCookieHeader,
	validateSessionToken,
	type SessionUser,
	type ValidSession,
} from '#app/modules/auth/sessions.server.ts'
import type { RealtimePublisher } from './realtime.ts'
import { notFound } from './responses.ts'

/**
 * Who a request comes from, for routes: the session cookie read and checked, and the guards that
 * throw a redirect to the log-in page or a 404. The rules behind them (sessions, passwords,
 * accounts) live in app/modules/auth/.
 */
type Auth = { session: ValidSession; user: SessionUser } | null

// A request is authenticated once, however many loaders ask.
const authByRequest = new WeakMap<Request, Promise<Auth>>()

export function getAuth(request: Request): Promise<Auth> {
	let auth = authByRequest.get(request)
	if (!auth) {
		const token = readSessionToken(request.headers.get('cookie'))
		auth = token ? validateSessionToken(token) : Promise.resolve(null)
		authByRequest.set(request, auth)
	}
	return auth
}

export async function getUser(request: Request): Promise<SessionUser | null> {
	return (await getAuth(request))?.user ?? null
}

function loginRedirect(request: Request): Response {
	const url = new URL(request.url)
	const here = url.pathname + url.search
	const params = here === '/' ? '' : `?${new URLSearchParams({ redirectTo: here })}`
	return redirect(`/login${params}`)
}

/** The signed-in user, or a redirect to the log-in page that comes back here. */
export async function requireAuth(request: Request): Promise<{ session: ValidSession; user: SessionUser }> {
	const auth = await getAuth(request)
	if (!auth) throw loginRedirect(request)
	return auth
}

export async function requireUser(request: Request): Promise<SessionUser> {
	return (await requireAuth(request)).user
}

export async function requireAnonymous(request: Request): Promise<void> {
	if (await getUser(request)) throw redirect('/')
}

export async function requireSiteAdmin(request: Request): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!user.isSiteAdmin) throw notFound()
	return user
}

/** Starts a new session (never reuses one) and redirects with its cookie. */
export async function startSessionAndRedirect(
	request: Request,
	userId: string,
	clientIp: string,
	redirectTo: string,
): Promise<Response> {
	const { token } = await createSession(userId, {
		userAgent: request.headers.get('user-agent'),
		ipAddress: clientIp,
	})
	return redirect(redirectTo, { headers: { 'Set-Cookie': sessionCookieHeader(token) } })
}

/** Ends the request's session, if any, and clears its cookie. */
export async function logout(request: Request, realtime: RealtimePublisher): Promise<Response> {
	const auth = await getAuth(request)
	if (auth) await endSession(auth, realtime)
	return redirect('/', { headers: { 'Set-Cookie': clearSessionCookieHeader() } })
}
