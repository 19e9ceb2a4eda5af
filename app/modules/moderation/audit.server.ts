import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'

/**
 * The audit log: every moderator and admin action, recorded in the same transaction as the
 * action itself, so that an action without its trace cannot happen. The table is append-only
 * (triggers refuse UPDATE and DELETE), and the app has no way to edit it.
 */

export const AUDIT_ACTIONS = [
	'thread.pin',
	'thread.unpin',
	'thread.lock',
	'thread.unlock',
	'thread.move',
	'thread.slow-mode',
	'post.hide',
	'post.unhide',
	'thread.hide',
	'thread.unhide',
	'flag.hide',
	'flag.dismiss',
	'member.role',
	'member.remove',
	'invitation.create',
	'invitation.revoke',
	'agreement.version',
	'user.suspend',
	'user.unsuspend',
	'program.approve',
	'program.edit',
	'program.merge',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export type AuditInput = {
	/** The group the action concerns; null for site-wide actions (suspensions). */
	groupId: string | null
	actor: { id: string; name: string }
	action: AuditAction
	target: { kind: string; id: string; label?: string }
	reason?: string
	/** The particulars (old and new values), stored as JSON. */
	detail?: Record<string, unknown>
}

const REASON_LIMIT = 1000
const LABEL_LIMIT = 300

/** Records one action; pass the transaction the action runs in. */
export async function recordAudit(tx: DbTransaction | typeof db, input: AuditInput) {
	await tx.auditEntry.create({
		data: {
			groupId: input.groupId,
			actorId: input.actor.id,
			actorName: input.actor.name,
			action: input.action,
			targetKind: input.target.kind,
			targetId: input.target.id,
			targetLabel: (input.target.label ?? '').slice(0, LABEL_LIMIT),
			reason: (input.reason ?? '').slice(0, REASON_LIMIT),
			detail: JSON.stringify(input.detail ?? {}),
		},
	})
}

export type AuditFilter = {
	/** A group's log; null for the site-wide entries. */
	groupId: string | null
	actorId?: string
	action?: string
}

export const AUDIT_PAGE_SIZE = 50

/** One page of a log, newest first, keyset-paged by (createdAt, id). */
export async function listAudit(
	filter: AuditFilter,
	page: { before?: { createdAt: Date; id: string } } = {},
) {
	const where: Prisma.AuditEntryWhereInput = {
		groupId: filter.groupId,
		...(filter.actorId ? { actorId: filter.actorId } : {}),
		...(filter.action ? { action: filter.action } : {}),
		...(page.before
			? {
					OR: [
						{ createdAt: { lt: page.before.createdAt } },
						{ createdAt: page.before.createdAt, id: { lt: page.before.id } },
					],
				}
			: {}),
	}
	const rows = await db.auditEntry.findMany({
		where,
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: AUDIT_PAGE_SIZE + 1,
	})
	return { entries: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE }
}
