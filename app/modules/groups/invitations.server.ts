import { generateToken, hashToken } from '#app/modules/auth/sessions.server.ts'
import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { pendingAtJoin } from './agreement.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'

const DAY = 24 * 60 * 60 * 1000

/** A new invitation link; only the token's hash is kept, so the link is shown once. */
export async function createInvitation(input: {
	groupId: string
	createdById: string
	expiresInDays: number
	singleUse: boolean
	note?: string
}): Promise<{ token: string; id: string }> {
	const token = generateToken()
	const invitation = await db.$transaction(async (tx) => {
		const created = await tx.invitation.create({
			data: {
				tokenHash: hashToken(token),
				groupId: input.groupId,
				createdById: input.createdById,
				expiresAt: new Date(Date.now() + input.expiresInDays * DAY),
				singleUse: input.singleUse,
				note: input.note ?? '',
			},
			select: { id: true, expiresAt: true },
		})
		await recordAudit(tx, {
			groupId: input.groupId,
			actor: await actorNamed(tx, input.createdById),
			action: 'invitation.create',
			target: { kind: 'invitation', id: created.id, label: invitationLabel(input.singleUse, created.expiresAt) },
			detail: { expiresInDays: input.expiresInDays, singleUse: input.singleUse },
		})
		return created
	})
	return { token, id: invitation.id }
}

export type InvitationStatus = 'active' | 'expired' | 'used' | 'revoked'

export function invitationStatus(invitation: {
	expiresAt: Date
	singleUse: boolean
	useCount: number
	revokedAt: Date | null
}): InvitationStatus {
	if (invitation.revokedAt) return 'revoked'
	if (invitation.singleUse && invitation.useCount > 0) return 'used'
	if (invitation.expiresAt.getTime() <= Date.now()) return 'expired'
	return 'active'
}

export async function listInvitations(groupId: string) {
	const rows = await db.invitation.findMany({
		where: { groupId },
		orderBy: { createdAt: 'desc' },
		take: 50,
		select: {
			id: true,
			expiresAt: true,
			singleUse: true,
			note: true,
			useCount: true,
			revokedAt: true,
			createdAt: true,
			createdBy: { select: { name: true } },
		},
	})
	return rows.map((row) => ({ ...row, status: invitationStatus(row) }))
}

export async function revokeInvitation(groupId: string, invitationId: string, actor: { id: string; name: string }): Promise<boolean> {
	return db.$transaction(async (tx) => {
		const { count } = await tx.invitation.updateMany({
			where: { id: invitationId, groupId, revokedAt: null },
			data: { revokedAt: new Date() },
		})
		if (count !== 1) return false
		const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId }, select: { singleUse: true, expiresAt: true } })
		await recordAudit(tx, {
			groupId,
			actor,
			action: 'invitation.revoke',
			target: { kind: 'invitation', id: invitationId, label: invitationLabel(invitation.singleUse, invitation.expiresAt) },
		})
		return true
	})
}

/** How the audit log names an invitation link (its token is never stored). */
function invitationLabel(singleUse: boolean, expiresAt: Date): string {
	return `${singleUse ? 'Single-use' : 'Multiple-use'} link expiring ${isoDay(expiresAt)}`
}

async function actorNamed(tx: DbTransaction, userId: string): Promise<{ id: string; name: string }> {
	return { id: userId, name: (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } })).name }
}

export async function findInvitation(token: string) {
	const invitation = await db.invitation.findUnique({
		where: { tokenHash: hashToken(token) },
		select: {
			id: true,
			expiresAt: true,
			singleUse: true,
			useCount: true,
			revokedAt: true,
			group: { select: { id: true, slug: true, name: true, description: true } },
		},
	})
	return invitation ? { ...invitation, status: invitationStatus(invitation) } : null
}

export type AcceptOutcome =
	| { outcome: 'joined' | 'already-member'; groupSlug: string; groupName: string }
	| { outcome: 'invalid'; status: InvitationStatus | 'missing' }

/**
 * Joins the user to the invitation's group. A single-use link is claimed with a conditional
 * update, so two people opening it at the same moment cannot both get in.
 */
export async function acceptInvitation(token: string, userId: string): Promise<AcceptOutcome> {
	return db.$transaction(async (tx) => {
		const invitation = await tx.invitation.findUnique({
			where: { tokenHash: hashToken(token) },
			select: {
				id: true,
				groupId: true,
				expiresAt: true,
				singleUse: true,
				useCount: true,
				revokedAt: true,
				group: { select: { slug: true, name: true } },
			},
		})
		if (!invitation) return { outcome: 'invalid', status: 'missing' } as const
		const group = { groupSlug: invitation.group.slug, groupName: invitation.group.name }
		const existing = await tx.membership.findUnique({
			where: { userId_groupId: { userId, groupId: invitation.groupId } },
			select: { id: true },
		})
		if (existing) return { outcome: 'already-member', ...group } as const
		const status = invitationStatus(invitation)
		if (status !== 'active') return { outcome: 'invalid', status } as const
		const claimed = await tx.invitation.updateMany({
			where: {
				id: invitation.id,
				revokedAt: null,
				expiresAt: { gt: new Date() },
				...(invitation.singleUse ? { useCount: 0 } : {}),
			},
			data: { useCount: { increment: 1 } },
		})
		if (claimed.count !== 1) return { outcome: 'invalid', status: 'used' } as const
		// A group with a confidentiality agreement: the new member accepts it before seeing anything.
		const agreementPending = await pendingAtJoin(tx, invitation.groupId)
		await tx.membership.create({ data: { userId, groupId: invitation.groupId, role: 'member', agreementPending } })
		return { outcome: 'joined', ...group } as const
	})
}
