import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { activeMembershipSql, activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { queryRows, sql, type Sql } from '#app/utils/sql.server.ts'

/**
 * The one answer to "may this user see this plan?" for everything in plans: pages, actions,
 * charts, exports, search, notifications and socket rooms all ask here. A plan (and its goals,
 * check-ins, reviews, comments and nudges) is seen by:
 *   - its owner;
 *   - the owner's accepted buddies (a pairing that is pending, declined or ended grants nothing);
 *   - when the owner shares it with them (off by default), the moderators of a group the owner
 *     belongs to.
 * Nobody else: not another member of the group, not a moderator of a plan not shared, not a site
 * admin, not an anonymous visitor. Every refusal is a 404, never a 403: a plan's existence is private.
 */
export type PlanRole = 'owner' | 'buddy' | 'moderator'

type Viewer = Pick<SessionUser, 'id'>

/** An accepted pairing between the users in columns (or values) `a` and `b`, in either direction. */
function acceptedPairSql(a: Sql, b: Sql | string): Sql {
	return sql`EXISTS (SELECT 1 FROM "BuddyPair" bp WHERE bp."status" = 'accepted'
		AND ((bp."inviterId" = ${a} AND bp."inviteeId" = ${b}) OR (bp."inviterId" = ${b} AND bp."inviteeId" = ${a})))`
}

/** The user `moderatorId` moderates a group that the user in `ownerId` belongs to. */
function moderatesOwnerSql(moderatorId: string, ownerId: Sql): Sql {
	return sql`EXISTS (SELECT 1 FROM "Membership" om JOIN "Membership" mm ON mm."groupId" = om."groupId"
		WHERE om."userId" = ${ownerId} AND mm."userId" = ${moderatorId} AND mm."role" = 'moderator'
			AND ${activeMembershipSql(sql`om`)} AND ${activeMembershipSql(sql`mm`)})`
}

/** The rule as SQL on the plan alias `p` (its "ownerId" and "sharedWithModerators"), for lists, counts and search. */
export function readablePlanSql(userId: string, p: Sql): Sql {
	return sql`(${p}."ownerId" = ${userId}
		OR ${acceptedPairSql(sql`${p}."ownerId"`, userId)}
		OR (${p}."sharedWithModerators" = ${true} AND ${moderatesOwnerSql(userId, sql`${p}."ownerId"`)}))`
}

type PlanAccessRow = {
	id: string
	ownerId: string
	year: number
	kind: string
	sharedWithModerators: unknown
	isBuddy: unknown
	isModerator: unknown
}

/**
 * A plan and the viewer's role in it, or null when the viewer may not see it (callers answer
 * 404). One statement gathers the plan and the facts the rule needs.
 */
export async function planAccess(
	viewer: Viewer,
	planId: string,
): Promise<{ planId: string; ownerId: string; year: number; kind: string; role: PlanRole } | null> {
	const [row] = await queryRows<PlanAccessRow>(sql`
		SELECT p."id", p."ownerId", p."year", p."kind", p."sharedWithModerators",
			${acceptedPairSql(sql`p."ownerId"`, viewer.id)} AS "isBuddy",
			${moderatesOwnerSql(viewer.id, sql`p."ownerId"`)} AS "isModerator"
		FROM "Plan" p WHERE p."id" = ${planId}`)
	if (!row) return null
	const role = roleOf(viewer, row.ownerId, {
		isBuddy: Boolean(row.isBuddy),
		isModerator: Boolean(row.sharedWithModerators) && Boolean(row.isModerator),
	})
	return role
		? { planId: row.id, ownerId: row.ownerId, year: Number(row.year), kind: row.kind, role }
		: null
}

/** The rule itself, on facts already read. */
function roleOf(
	viewer: Viewer,
	ownerId: string,
	facts: { isBuddy: boolean; isModerator: boolean },
): PlanRole | null {
	if (viewer.id === ownerId) return 'owner'
	if (facts.isBuddy) return 'buddy'
	if (facts.isModerator) return 'moderator'
	return null
}

/** Whether the viewer may see a plan: for socket rooms and notifications. */
export async function canSeePlan(viewer: Viewer, planId: string): Promise<boolean> {
	return (await planAccess(viewer, planId)) !== null
}

/** The plans the viewer may see, as a Prisma condition on plans (lists, dashboards). */
export function readablePlansWhere(viewer: Viewer): Prisma.PlanWhereInput {
	return {
		OR: [
			{ ownerId: viewer.id },
			{ owner: { buddyInvitesSent: { some: { inviteeId: viewer.id, status: 'accepted' } } } },
			{ owner: { buddyInvitesGot: { some: { inviterId: viewer.id, status: 'accepted' } } } },
			{
				sharedWithModerators: true,
				owner: {
					memberships: {
						some: activeMembershipWhere({
							group: { memberships: { some: activeMembershipWhere({ userId: viewer.id, role: 'moderator' }) } },
						}),
					},
				},
			},
		],
	}
}

/** Who may see a plan, as a condition on users: for choosing who is notified. */
export function planReadersWhere(plan: {
	ownerId: string
	sharedWithModerators: boolean
}): Prisma.UserWhereInput {
	const readers: Prisma.UserWhereInput[] = [
		{ id: plan.ownerId },
		{ buddyInvitesSent: { some: { inviteeId: plan.ownerId, status: 'accepted' } } },
		{ buddyInvitesGot: { some: { inviterId: plan.ownerId, status: 'accepted' } } },
	]
	if (plan.sharedWithModerators) {
		readers.push({
			memberships: {
				some: activeMembershipWhere({
					role: 'moderator',
					group: { memberships: { some: activeMembershipWhere({ userId: plan.ownerId }) } },
				}),
			},
		})
	}
	return { OR: readers }
}
