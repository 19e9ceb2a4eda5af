import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { MarkdownRefusedError, renderMarkdown } from '#app/modules/markdown/renderer.server.ts'
import { db, dbEngine, type DbTransaction } from '#app/utils/db.server.ts'
import type { GroupRole } from './roles.ts'

/**
 * A group's confidentiality agreement. Its moderators publish versions (every change is a new
 * version); a member must accept the current one before they are a member for any rule. The rule
 * itself lives in membership.server.ts (`agreementPending`); this module keeps that column in
 * step, in the same transaction as what changes it:
 *   - publishing a version sets it for every other member of the group (the publisher accepts by publishing);
 *   - accepting the current version clears it;
 *   - joining a group that has an agreement sets it (invitations.server.ts calls pendingAtJoin).
 * This module is the one place that reads memberships still pending: the agreement page must
 * reach those who have not accepted yet.
 */

export type AgreementFormat = 'markdown' | 'plain'

/** The group and the user's membership in it, accepted or not; null when not a member at all. */
export async function findAgreementMembership(userId: string, slug: string) {
	const membership = await db.membership.findFirst({
		where: { userId, group: { slug } },
		select: {
			id: true,
			role: true,
			agreementPending: true,
			group: { select: { id: true, slug: true, name: true } },
		},
	})
	if (!membership) return null
	return {
		group: membership.group,
		membership: {
			id: membership.id,
			role: membership.role as GroupRole,
			agreementPending: membership.agreementPending,
		},
	}
}

/** The slug of the thread's group when the user is in it but has not accepted its agreement. */
export async function pendingGroupOfThread(
	userId: string,
	threadId: string,
): Promise<string | null> {
	const thread = await db.thread.findUnique({
		where: { id: threadId },
		select: {
			forum: {
				select: {
					group: {
						select: {
							slug: true,
							memberships: { where: { userId, agreementPending: true }, select: { id: true } },
						},
					},
				},
			},
		},
	})
	const group = thread?.forum.group
	return group && group.memberships.length > 0 ? group.slug : null
}

/** Whether the user is in the group of this address but has not accepted its agreement. */
export async function isAgreementPending(userId: string, slug: string): Promise<boolean> {
	const row = await db.membership.findFirst({
		where: { userId, group: { slug }, agreementPending: true },
		select: { id: true },
	})
	return row !== null
}

/** The group's current version, or null when it has no agreement. */
export function currentAgreement(groupId: string) {
	return db.groupAgreementVersion.findFirst({
		where: { groupId },
		orderBy: { version: 'desc' },
		select: {
			id: true,
			version: true,
			format: true,
			text: true,
			html: true,
			createdAt: true,
			createdBy: { select: { name: true } },
		},
	})
}

/** Whether a member joining now must first accept an agreement: call in the joining transaction. */
export async function pendingAtJoin(tx: DbTransaction, groupId: string): Promise<boolean> {
	return (await tx.groupAgreementVersion.count({ where: { groupId } })) > 0
}

const escapeHtml = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;')

/** Plain text as HTML: escaped, paragraphs at blank lines, line breaks kept. */
export function plainTextHtml(text: string): string {
	return text
		.split(/\n\s*\n/)
		.map((paragraph) => paragraph.trim())
		.filter(Boolean)
		.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
		.join('\n')
}

export type PublishOutcome =
	{ ok: true; version: number; pendingUserIds: string[] } | { ok: false; error: string }

/**
 * Publishes a new version: the text is rendered first (markdown in the renderer's workers), then
 * in one transaction the version is numbered and stored, its publisher accepts it, every other
 * member of the group must accept it again, and the audit log records it. Returns who now must
 * accept, so the caller re-checks their live rooms.
 */
export async function publishAgreementVersion(input: {
	groupId: string
	actor: { id: string; name: string }
	text: string
	format: AgreementFormat
}): Promise<PublishOutcome> {
	let html: string
	try {
		html =
			input.format === 'markdown'
				? (await renderMarkdown(input.text)).html
				: plainTextHtml(input.text)
	} catch (error) {
		if (error instanceof MarkdownRefusedError) return { ok: false, error: error.message }
		throw error
	}
	return db.$transaction(async (tx) => {
		// Two moderators publishing at once: the second numbers its version after the first.
		if (dbEngine() === 'postgresql')
			await tx.$queryRaw`SELECT "id" FROM "Group" WHERE "id" = ${input.groupId} FOR UPDATE`
		const last = await tx.groupAgreementVersion.findFirst({
			where: { groupId: input.groupId },
			orderBy: { version: 'desc' },
			select: { version: true },
		})
		const version = (last?.version ?? 0) + 1
		const created = await tx.groupAgreementVersion.create({
			data: {
				groupId: input.groupId,
				version,
				format: input.format,
				text: input.text,
				html,
				createdById: input.actor.id,
			},
			select: { id: true },
		})
		await tx.agreementAcceptance.create({
			data: { userId: input.actor.id, groupId: input.groupId, versionId: created.id },
		})
		const others = await tx.membership.findMany({
			where: { groupId: input.groupId, userId: { not: input.actor.id } },
			select: { userId: true },
		})
		await tx.membership.updateMany({
			where: { groupId: input.groupId, userId: { not: input.actor.id } },
			data: { agreementPending: true },
		})
		await tx.membership.updateMany({
			where: { groupId: input.groupId, userId: input.actor.id },
			data: { agreementPending: false },
		})
		await recordAudit(tx, {
			groupId: input.groupId,
			actor: input.actor,
			action: 'agreement.version',
			target: { kind: 'agreement', id: created.id, label: `Version ${version}` },
			detail: { version, format: input.format, previousVersion: last?.version ?? null },
		})
		return { ok: true, version, pendingUserIds: others.map((m) => m.userId) }
	})
}

export type AcceptOutcome = 'accepted' | 'already' | 'stale'

/**
 * Accepts a version of the group's agreement. Only the current one counts: a page left open
 * while a newer version was published accepts nothing (`stale`), and the member reads the new one.
 */
export async function acceptAgreement(
	userId: string,
	groupId: string,
	versionId: string,
): Promise<AcceptOutcome> {
	return db.$transaction(async (tx) => {
		if (dbEngine() === 'postgresql')
			await tx.$queryRaw`SELECT "id" FROM "Group" WHERE "id" = ${groupId} FOR UPDATE`
		const current = await tx.groupAgreementVersion.findFirst({
			where: { groupId },
			orderBy: { version: 'desc' },
			select: { id: true },
		})
		if (!current || current.id !== versionId) return 'stale'
		const existing = await tx.agreementAcceptance.findUnique({
			where: { userId_versionId: { userId, versionId } },
			select: { id: true },
		})
		if (!existing) await tx.agreementAcceptance.create({ data: { userId, groupId, versionId } })
		const cleared = await tx.membership.updateMany({
			where: { groupId, userId, agreementPending: true },
			data: { agreementPending: false },
		})
		return cleared.count > 0 ? 'accepted' : 'already'
	})
}

/** What the group's moderators manage: every version, and who has not accepted the current one. */
export async function agreementOverview(groupId: string) {
	const [versions, pending] = await Promise.all([
		db.groupAgreementVersion.findMany({
			where: { groupId },
			orderBy: { version: 'desc' },
			select: {
				id: true,
				version: true,
				format: true,
				createdAt: true,
				createdBy: { select: { name: true } },
				_count: { select: { acceptances: true } },
			},
		}),
		db.membership.findMany({
			where: { groupId, agreementPending: true },
			orderBy: { user: { name: 'asc' } },
			select: {
				role: true,
				joinedAt: true,
				user: {
					select: {
						id: true,
						name: true,
						agreementAcceptances: {
							where: { groupId },
							orderBy: { acceptedAt: 'desc' },
							take: 1,
							select: { acceptedAt: true, version: { select: { version: true } } },
						},
					},
				},
			},
		}),
	])
	return {
		versions: versions.map((v) => ({
			id: v.id,
			version: v.version,
			format: v.format,
			createdAt: v.createdAt,
			createdBy: v.createdBy.name,
			acceptances: v._count.acceptances,
		})),
		pending: pending.map((m) => {
			const last = m.user.agreementAcceptances[0]
			return {
				userId: m.user.id,
				name: m.user.name,
				role: m.role,
				joinedAt: m.joinedAt,
				lastAccepted: last ? { version: last.version.version, at: last.acceptedAt } : null,
			}
		}),
	}
}
