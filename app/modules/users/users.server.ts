import { hashPassword, verifyPassword } from '#app/modules/auth/password.server.ts'
import { invalidateOtherSessions } from '#app/modules/auth/sessions.server.ts'
import { db } from '#app/utils/db.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'

export function getProfile(userId: string) {
	return db.user.findUnique({
		where: { id: userId },
		select: {
			id: true,
			name: true,
			handle: true,
			company: true,
			bio: true,
			createdAt: true,
			memberships: { where: activeMembershipWhere(), select: { role: true, group: { select: { id: true, slug: true, name: true } } } },
		},
	})
}

export function updateProfile(userId: string, input: { name: string; company: string; bio: string }) {
	return db.user.update({ where: { id: userId }, data: input, select: { id: true } })
}

/** Changes the password when the current one is right; every other session of the user ends. */
export async function changePassword(
	userId: string,
	currentSessionId: string,
	input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true; endedSessions: number } | { ok: false }> {
	const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false }
	await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.newPassword) } })
	const endedSessions = await invalidateOtherSessions(userId, currentSessionId)
	return { ok: true, endedSessions }
}

export function listSessions(userId: string) {
	return db.session.findMany({
		where: { userId, expiresAt: { gt: new Date() } },
		orderBy: { lastSeenAt: 'desc' },
		select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ipAddress: true },
	})
}

/** Ends one of the user's own sessions; another user's session id is simply not found. */
export async function revokeSession(userId: string, sessionId: string): Promise<boolean> {
	const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } })
	return count === 1
}
