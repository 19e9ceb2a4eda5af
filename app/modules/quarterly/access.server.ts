import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { activeMembershipSql, activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { sql, type Sql } from '#app/utils/sql.server.ts'

/**
 * The one answer to "who may see what of a group's quarterly reviews?" for everything in
 * quarterly: pages, actions, dashboards, exports, search, notifications, socket rooms and the live
 * meeting all ask here.
 *
 *   - A cycle, its agenda, its meeting and its action items belong to the group. Only the group's
 *     members see them; a cycle still in draft, only its moderators. Everyone else, a site admin
 *     included, gets null (callers answer 404): a group's reviews never show outside it.
 *   - A member always sees their own update. Someone else's is seen only once submitted, and then
 *     by the group's moderators, and by every member when the cycle says "visible to the group".
 *     A draft is its author's alone; moderators see only that it exists.
 *   - Moderators of the group manage the cycle and run the meeting; members take part.
 */
export type CycleRole = 'moderator' | 'member'

type Viewer = Pick<SessionUser, 'id'>

export type CycleAccess = {
	cycleId: string
	groupId: string
	quarter: string
	status: string
	visibility: string
	role: CycleRole
	/** Edit the cycle, remind, build the agenda, run the meeting, export. */
	canManage: boolean
	/** Read other members' submitted updates (not only counts and quartiles). */
	canReadOthers: boolean
}

/** The viewer's role in a group, or null when they are not in it. Every rule below starts here. */
export async function groupRole(viewer: Viewer, groupId: string): Promise<CycleRole | null> {
	const membership = await db.membership.findFirst({
		where: activeMembershipWhere({ userId: viewer.id, groupId }),
		select: { role: true },
	})
	if (!membership) return null
	return membership.role === 'moderator' ? 'moderator' : 'member'
}

/** The rule on facts already read. */
export function accessFromFacts(
	cycle: { id: string; groupId: string; quarter: string; status: string; visibility: string },
	role: CycleRole | null,
): CycleAccess | null {
	if (!role) return null
	if (cycle.status === 'draft' && role !== 'moderator') return null
	return {
		cycleId: cycle.id,
		groupId: cycle.groupId,
		quarter: cycle.quarter,
		status: cycle.status,
		visibility: cycle.visibility,
		role,
		canManage: role === 'moderator',
		canReadOthers: role === 'moderator' || cycle.visibility === 'group',
	}
}

/** A cycle as the viewer may see it, or null (404). */
export async function cycleAccess(viewer: Viewer, cycleId: string): Promise<CycleAccess | null> {
	const cycle = await db.reviewCycle.findUnique({
		where: { id: cycleId },
		select: { id: true, groupId: true, quarter: true, status: true, visibility: true },
	})
	if (!cycle) return null
	return accessFromFacts(cycle, await groupRole(viewer, cycle.groupId))
}

export async function canSeeCycle(viewer: Viewer, cycleId: string): Promise<boolean> {
	return (await cycleAccess(viewer, cycleId)) !== null
}

/** The cycles of a group the viewer may see (drafts only for its moderators); null outside the group. */
export function visibleCyclesWhere(groupId: string, role: CycleRole): Prisma.ReviewCycleWhereInput {
	return role === 'moderator' ? { groupId } : { groupId, status: { not: 'draft' } }
}

/** Cycles the viewer may see across all their groups: for the home page, search and notifications. */
export function readableCyclesWhere(viewer: Viewer): Prisma.ReviewCycleWhereInput {
	return {
		OR: [
			{ status: { not: 'draft' }, group: { memberships: { some: activeMembershipWhere({ userId: viewer.id }) } } },
			{ group: { memberships: { some: activeMembershipWhere({ userId: viewer.id, role: 'moderator' }) } } },
		],
	}
}

/** Whether this viewer may read this update. */
export function canReadSubmission(
	access: CycleAccess,
	viewer: Viewer,
	submission: { memberId: string; status: string },
): boolean {
	if (submission.memberId === viewer.id) return true
	return submission.status === 'submitted' && access.canReadOthers
}

/** The updates of a cycle this viewer may read, as a Prisma condition. */
export function readableSubmissionsWhere(
	access: CycleAccess,
	viewer: Viewer,
): Prisma.ReviewSubmissionWhereInput {
	if (!access.canReadOthers) return { cycleId: access.cycleId, memberId: viewer.id }
	return { cycleId: access.cycleId, OR: [{ memberId: viewer.id }, { status: 'submitted' }] }
}

/** Who may see a cycle, as a condition on users: for choosing who is notified. */
export function cycleReadersWhere(cycle: {
	groupId: string
	status: string
}): Prisma.UserWhereInput {
	return cycle.status === 'draft'
		? { memberships: { some: activeMembershipWhere({ groupId: cycle.groupId, role: 'moderator' }) } }
		: { memberships: { some: activeMembershipWhere({ groupId: cycle.groupId }) } }
}

/** Who may read one submitted update: its author, the moderators, and the group when the cycle says so. */
export function submissionReadersWhere(
	cycle: { groupId: string; visibility: string },
	submission: { memberId: string },
): Prisma.UserWhereInput {
	if (cycle.visibility === 'group') return { memberships: { some: activeMembershipWhere({ groupId: cycle.groupId }) } }
	return {
		OR: [
			{ id: submission.memberId },
			{ memberships: { some: activeMembershipWhere({ groupId: cycle.groupId, role: 'moderator' }) } },
		],
	}
}

export type MeetingAccess = CycleAccess & { meetingId: string; meetingStatus: string }

/**
 * A meeting belongs to its cycle's group: every member joins and adds to the parking lot; the
 * moderators step through the agenda and capture action items. Null (404) for everyone else.
 */
export async function meetingAccess(
	viewer: Viewer,
	meetingId: string,
): Promise<MeetingAccess | null> {
	const meeting = await db.meeting.findUnique({
		where: { id: meetingId },
		select: {
			id: true,
			status: true,
			cycle: { select: { id: true, groupId: true, quarter: true, status: true, visibility: true } },
		},
	})
	if (!meeting) return null
	const access = accessFromFacts(meeting.cycle, await groupRole(viewer, meeting.cycle.groupId))
	return access ? { ...access, meetingId: meeting.id, meetingStatus: meeting.status } : null
}

export async function canJoinMeeting(viewer: Viewer, meetingId: string): Promise<boolean> {
	return (await meetingAccess(viewer, meetingId)) !== null
}

/**
 * Action items are the group's: its members see them (the meeting made them together). Their
 * owner and the group's moderators mark them done.
 */
export function readableActionItemsWhere(viewer: Viewer): Prisma.ActionItemWhereInput {
	return { group: { memberships: { some: activeMembershipWhere({ userId: viewer.id }) } } }
}

export async function actionItemAccess(
	viewer: Viewer,
	actionItemId: string,
): Promise<{ id: string; groupId: string; ownerId: string; canChange: boolean } | null> {
	const item = await db.actionItem.findUnique({
		where: { id: actionItemId },
		select: { id: true, groupId: true, ownerId: true },
	})
	if (!item) return null
	const role = await groupRole(viewer, item.groupId)
	if (!role) return null
	return { ...item, canChange: item.ownerId === viewer.id || role === 'moderator' }
}

// The same rule as SQL, for notifications' and search's readable checks (subjects.server.ts).

/** The user is in the group in column `groupId`, as a moderator when `moderatorOnly`. */
function inGroupSql(userId: string, groupId: Sql, moderatorOnly = false): Sql {
	return moderatorOnly
		? sql`EXISTS (SELECT 1 FROM "Membership" qm WHERE qm."groupId" = ${groupId} AND qm."userId" = ${userId} AND qm."role" = 'moderator' AND ${activeMembershipSql(sql`qm`)})`
		: sql`EXISTS (SELECT 1 FROM "Membership" qm WHERE qm."groupId" = ${groupId} AND qm."userId" = ${userId} AND ${activeMembershipSql(sql`qm`)})`
}

/** The cycle alias `c` is readable by the user. */
export function readableCycleSql(userId: string, c: Sql): Sql {
	return sql`(${inGroupSql(userId, sql`${c}."groupId"`, true)}
		OR (${c}."status" <> 'draft' AND ${inGroupSql(userId, sql`${c}."groupId"`)}))`
}

/** The update alias `s` of the cycle alias `c` is readable by the user. */
export function readableSubmissionSql(userId: string, s: Sql, c: Sql): Sql {
	// Inside the group only, as cycleAccess: its author too loses it on leaving the group.
	return sql`(${readableCycleSql(userId, c)} AND (${s}."memberId" = ${userId} OR (${s}."status" = 'submitted'
		AND (${c}."visibility" = 'group' OR ${inGroupSql(userId, sql`${c}."groupId"`, true)}))))`
}

/** The action item alias `a` is readable by the user. */
export function readableActionItemSql(userId: string, a: Sql): Sql {
	return inGroupSql(userId, sql`${a}."groupId"`)
}
