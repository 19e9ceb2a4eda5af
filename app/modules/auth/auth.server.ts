import { redirect } from 'react-router'
import { uniqueHandle } from '#app/modules/users/handles.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.server.ts'
import {
	clearSessionCookieHeader,
	createSession,
	invalidateSession,
	readSessionToken,
	sessionCookieHeader,
	validateSessionToken,
	type SessionUser,
	type ValidSession,
} from './sessions.server.ts'
import { notFound } from '#app/utils/responses.ts'

export type { SessionUser }
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

export class EmailTakenError extends Error {
	constructor(readonly userId: string) {
		super('An account with this email already exists')
	}
}

/** Creates the account; the very first account becomes the site admin. */
export async function signup(input: {
	name: string
	email: string
	company: string
	password: string
}): Promise<{ id: string; isSiteAdmin: boolean }> {
	const passwordHash = await hashPassword(input.password)
	return db.$transaction(async (tx) => {
		const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })
		if (existing) throw new EmailTakenError(existing.id)
		const isFirst = (await tx.user.count()) === 0
		const handle = await uniqueHandle(input.name, tx)
		return tx.user.create({
			data: { name: input.name, email: input.email, handle, company: input.company, passwordHash, isSiteAdmin: isFirst },
			select: { id: true, isSiteAdmin: true },
		})
	})
}

export type LoginAccount = { id: string; passwordHash: string }

/** The account a log-in names, if any: one indexed read, done only once the address may try. */
export function findLoginAccount(email: string): Promise<LoginAccount | null> {
	return db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } })
}

/** Checks the password; for a missing account it still spends the time of a check. */
export async function passwordMatches(account: LoginAccount | null, password: string): Promise<boolean> {
	if (!account) {
		await burnPasswordCheck(password)
		return false
	}
	return verifyPassword(account.passwordHash, password)
}

export async function verifyLogin(email: string, password: string): Promise<{ id: string } | null> {
	const account = await findLoginAccount(email)
	return account && (await passwordMatches(account, password)) ? { id: account.id } : null
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

/** Ends the session, and its live connections with it. */
export async function logout(request: Request, realtime: RealtimePublisher): Promise<Response> {
	const auth = await getAuth(request)
	if (auth) {
		await invalidateSession(auth.session.id)
		await realtime.disconnectUser(auth.user.id, { sessionId: auth.session.id })
	}
	return redirect('/', { headers: { 'Set-Cookie': clearSessionCookieHeader() } })
}

export async function userCount(): Promise<number> {
	return db.user.count()
}
