import { uniqueHandle } from '#app/modules/users/handles.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.server.ts'
import { invalidateSession, type SessionUser } from './sessions.server.ts'

export type { SessionUser }

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

/** Ends a session, and its live connections with it. */
export async function endSession(auth: { session: { id: string }; user: { id: string } }, realtime: RealtimePublisher): Promise<void> {
	await invalidateSession(auth.session.id)
	await realtime.disconnectUser(auth.user.id, { sessionId: auth.session.id })
}

export async function userCount(): Promise<number> {
	return db.user.count()
}
