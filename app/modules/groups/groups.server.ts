import { createGroupForum } from '#app/modules/forums/forums.server.ts'
import { db, dbEngine } from '#app/utils/db.server.ts'
import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { activeMembershipSql, activeMembershipWhere } from './membership.server.ts'
import { queryRows, sql } from '#app/utils/sql.server.ts'
import type { GroupRole } from './roles.ts'

export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 48)
	return slug || 'group'
}

async function uniqueSlug(name: string): Promise<string> {
	const base = slugify(name)
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`
		if (!(await db.group.findUnique({ where: { slug }, select: { id: true } }))) return slug
	}
}

/** Creates a group with its forum; its creator becomes its first moderator. */
export async function createGroup(input: { name: string; description: string; creatorId: string }) {
	const slug = await uniqueSlug(input.name)
	return db.$transaction(async (tx) => {
		const group = await tx.group.create({
			data: {
				name: input.name,
				description: input.description,
				slug,
				memberships: { create: { userId: input.creatorId, role: 'moderator' } },
			},
			select: { id: true, slug: true, name: true },
		})
		await createGroupForum(tx, group)
		return group
	})
}

export async function groupNameTaken(name: string): Promise<boolean> {
	const existing = await db.group.findFirst({ where: { name }, select: { id: true } })
	return Boolean(existing)
}

export function listAllGroups() {
	return db.group.findMany({
		orderBy: { name: 'asc' },
		select: { id: true, slug: true, name: true, description: true, _count: { select: { memberships: true } } },
	})
}

/** The user's groups by name (every page's navigation shows them): one statement. */
export async function listGroupsOf(userId: string) {
	const rows = await queryRows<{ role: string; id: string; slug: string; name: string; description: string }>(sql`
		SELECT m."role", g."id", g."slug", g."name", g."description"
		FROM "Membership" m JOIN "Group" g ON g."id" = m."groupId"
		WHERE m."userId" = ${userId} ORDER BY g."name" ASC`)
	return rows.map(({ role, ...group }) => ({ role, group }))
}

/**
 * The group and the user's membership in it, or null when the user is not a member (one who has
 * not accepted the group's agreement is not one yet: see membership.server.ts).
 */
export async function findMembership(userId: string, slug: string) {
	const membership = await db.membership.findFirst({
		where: activeMembershipWhere({ userId, group: { slug } }),
		select: {
			id: true,
			role: true,
			group: { select: { id: true, slug: true, name: true, description: true, createdAt: true } },
		},
	})
	if (!membership) return null
	return { group: membership.group, membership: { id: membership.id, role: membership.role as GroupRole } }
}

export async function isGroupMember(userId: string, groupId: string): Promise<boolean> {
	const row = await db.membership.findFirst({
		where: activeMembershipWhere({ userId, groupId }),
		select: { id: true },
	})
	return Boolean(row)
}

export function listMembers(groupId: string) {
	return db.membership.findMany({
		where: { groupId },
		orderBy: [{ role: 'desc' }, { user: { name: 'asc' } }],
		select: {
			id: true,
			role: true,
			joinedAt: true,
			agreementPending: true,
			user: { select: { id: true, name: true, handle: true, company: true } },
		},
	})
}

export type MembershipChange = { intent: 'set-role'; role: GroupRole } | { intent: 'remove' }

export type MembershipChangeOutcome =
	| { ok: true; user: { id: string; name: string } }
	| { ok: false; error: string }

/**
 * Changes a member's role or removes them. A group always keeps a moderator: the last one can be
 * neither demoted nor removed. Checked and written in one transaction. On SQLite one write
 * transaction runs at a time, so two moderators demoting each other at once cannot leave the group
 * with none. PostgreSQL's default isolation would let both count two moderators, so there the
 * transaction first locks the group's row: changes to one group's members then run one after the
 * other, and the second counts what the first committed.
 */
export async function changeMembership(
	groupId: string,
	membershipId: string,
	change: MembershipChange,
	actor: { id: string; name: string },
): Promise<MembershipChangeOutcome> {
	return db.$transaction(async (tx) => {
		if (dbEngine() === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "Group" WHERE "id" = ${groupId} FOR UPDATE`
		const target = await tx.membership.findFirst({
			where: { id: membershipId, groupId },
			select: { id: true, role: true, user: { select: { id: true, name: true } } },
		})
		if (!target) return { ok: false, error: 'That person is no longer a member.' }
		const losesModerator = target.role === 'moderator' && (change.intent === 'remove' || change.role !== 'moderator')
		if (losesModerator && (await tx.membership.count({ where: { groupId, role: 'moderator' } })) <= 1) {
			return { ok: false, error: 'A group needs at least one moderator. Make someone else a moderator first.' }
		}
		if (change.intent === 'remove') await tx.membership.delete({ where: { id: target.id } })
		else await tx.membership.update({ where: { id: target.id }, data: { role: change.role } })
		if (change.intent === 'remove' || change.role !== target.role) {
			await recordAudit(tx, {
				groupId,
				actor,
				action: change.intent === 'remove' ? 'member.remove' : 'member.role',
				target: { kind: 'user', id: target.user.id, label: target.user.name },
				detail: change.intent === 'remove' ? { role: target.role } : { from: target.role, to: change.role },
			})
		}
		return { ok: true, user: target.user }
	})
}

/** Users who share at least one group with the viewer (who may see each other's profiles). */
export async function sharesGroup(viewerId: string, otherId: string): Promise<boolean> {
	if (viewerId === otherId) return true
	const shared = await db.membership.findFirst({
		where: activeMembershipWhere({ userId: otherId, group: { memberships: { some: activeMembershipWhere({ userId: viewerId }) } } }),
		select: { id: true },
	})
	return Boolean(shared)
}

/** A group by its address, for those who see every group (site admins); null when there is none. */
export function findGroupBySlug(slug: string) {
	return db.group.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } })
}

/** How recent a member's last request must be for the home page to call them active. */
export const RECENTLY_ACTIVE_MINUTES = 15

/**
 * Members of the viewer's groups (not the viewer) seen in the last RECENTLY_ACTIVE_MINUTES, most
 * recent first, each with the groups they share with the viewer. Live presence lives in the
 * socket server's rooms, out of a loader's reach; a session's last-seen time (written at most every
 * few minutes) is what the database knows. Three statements, whatever the number of groups or of sessions.
 */
export async function recentlyActiveMembers(
	viewerId: string,
	options: { limit: number; now?: Date },
) {
	const now = options.now ?? new Date()
	const since = new Date(now.getTime() - RECENTLY_ACTIVE_MINUTES * 60 * 1000)
	// The most recent first, in the database: a busy hour's sessions are never all read.
	const ranked = await queryRows<{ id: string; name: string; lastSeenAt: Date | string | number }>(sql`
		SELECT u."id", u."name", MAX(s."lastSeenAt") AS "lastSeenAt"
		FROM "Session" s
		JOIN "User" u ON u."id" = s."userId"
		WHERE s."lastSeenAt" >= ${since} AND s."expiresAt" > ${now} AND s."userId" <> ${viewerId}
			AND EXISTS (
				SELECT 1 FROM "Membership" theirs
				JOIN "Membership" mine ON mine."groupId" = theirs."groupId"
				WHERE theirs."userId" = u."id" AND mine."userId" = ${viewerId}
					AND ${activeMembershipSql(sql`theirs`)} AND ${activeMembershipSql(sql`mine`)})
		GROUP BY u."id", u."name"
		ORDER BY MAX(s."lastSeenAt") DESC, u."name" ASC
		LIMIT ${options.limit}`)
	if (ranked.length === 0) return []
	const shared = await db.membership.findMany({
		where: activeMembershipWhere({
			userId: { in: ranked.map((user) => user.id) },
			group: { memberships: { some: activeMembershipWhere({ userId: viewerId }) } },
		}),
		select: { userId: true, group: { select: { name: true } } },
	})
	return ranked.map((user) => ({
		id: user.id,
		name: user.name,
		lastSeenAt: new Date(user.lastSeenAt),
		groups: shared
			.filter((membership) => membership.userId === user.id)
			.map((membership) => membership.group.name)
			.sort((x, y) => x.localeCompare(y)),
	}))
}
