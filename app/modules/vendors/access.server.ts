import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { activeMembershipSql, activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { join, sql, type Sql } from '#app/utils/sql.server.ts'
import { GROUPS_BEFORE_GROUP_ONLY_COUNT } from './constants.ts'

/**
 * The one answer to "who may see what of the vendor programs?" for everything in vendors: the
 * catalogue, program pages, ratings, figures, search, notifications, calendar feeds and rooms.
 *
 *   - The catalogue is the community's: members of any group, and site admins, see approved
 *     programs. Nobody else sees any of it (a signed-out visitor logs in; someone in no group gets 404).
 *   - A proposal is seen by its author and by those who curate the catalogue (site admins and the
 *     moderators of any group), who approve, edit or merge it. A merged program answers as the
 *     program it went into.
 *   - A rating shared with the community is read by the whole community; a group-only rating only
 *     by the members of its group (and its author).
 *   - Figures (averages, distributions, outcomes) count what the viewer may read, and other
 *     groups' group-only ratings only once GROUPS_BEFORE_GROUP_ONLY_COUNT groups have group-only
 *     ratings of the program. Counting groups that rated at all would not do: with two groups'
 *     ratings shared and a third group's kept private, the private one is the total less what
 *     everyone can read.
 */
type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

export type CatalogueViewer = {
	userId: string
	/** The groups the viewer belongs to: whose group-only ratings they read. */
	groupIds: string[]
	/** Approve, edit and merge proposals. */
	canCurate: boolean
}

export type ProgramAccess = {
	programId: string
	state: string
	/** Edit the program, approve it, merge it. */
	canCurate: boolean
	/** Rate it: approved programs only, by members of a group (a site admin in no group has no group to rate as). */
	canRate: boolean
	viewer: CatalogueViewer
}

/** Who the viewer is to the catalogue, or null when they may not see it at all. */
export async function catalogueViewer(viewer: Viewer): Promise<CatalogueViewer | null> {
	const memberships = await db.membership.findMany({
		where: activeMembershipWhere({ userId: viewer.id }),
		select: { groupId: true, role: true },
	})
	if (memberships.length === 0 && !viewer.isSiteAdmin) return null
	return {
		userId: viewer.id,
		groupIds: memberships.map((m) => m.groupId),
		canCurate: viewer.isSiteAdmin || memberships.some((m) => m.role === 'moderator'),
	}
}

/** The rule for one program, on facts already read. */
export function programAccessFrom(
	cv: CatalogueViewer,
	program: { id: string; state: string; proposedById: string },
): ProgramAccess | null {
	if (program.state === 'proposed' && program.proposedById !== cv.userId && !cv.canCurate)
		return null
	return {
		programId: program.id,
		state: program.state,
		canCurate: cv.canCurate,
		canRate: program.state === 'approved' && cv.groupIds.length > 0,
		viewer: cv,
	}
}

/**
 * A program as the viewer may see it, or null (404). A merged program comes back with
 * `mergedIntoId` set: its pages redirect there.
 */
export async function programAccess(
	viewer: Viewer,
	programId: string,
): Promise<(ProgramAccess & { mergedIntoId: string | null }) | null> {
	const [cv, program] = await Promise.all([
		catalogueViewer(viewer),
		db.vendorProgram.findUnique({
			where: { id: programId },
			select: { id: true, state: true, proposedById: true, mergedIntoId: true },
		}),
	])
	if (!cv || !program) return null
	const access = programAccessFrom(cv, program)
	return access ? { ...access, mergedIntoId: program.mergedIntoId } : null
}

export async function canSeeProgram(viewer: Viewer, programId: string): Promise<boolean> {
	return (await programAccess(viewer, programId)) !== null
}

/** The programs the viewer may see in lists: approved ones, and their own proposals (all proposals for curators). */
export function visibleProgramsWhere(cv: CatalogueViewer): Prisma.VendorProgramWhereInput {
	if (cv.canCurate) return { state: { in: ['approved', 'proposed'] } }
	return { OR: [{ state: 'approved' }, { state: 'proposed', proposedById: cv.userId }] }
}

/** The ratings the viewer may read, as a Prisma condition. */
export function readableRatingsWhere(cv: CatalogueViewer): Prisma.ProgramRatingWhereInput {
	return {
		OR: [{ visibility: 'community' }, { groupId: { in: cv.groupIds } }, { memberId: cv.userId }],
		// A hidden review (by a moderator, or by members' flags until reviewed): its author's alone.
		AND: [{ OR: [{ hiddenAt: null }, { memberId: cv.userId }] }],
	}
}

/** The same, in SQL on the rating alias `r`, for figures, search and notifications. */
export function readableRatingSql(cv: CatalogueViewer, r: Sql): Sql {
	const groups =
		cv.groupIds.length > 0 ? sql`${r}."groupId" IN (${join(cv.groupIds)})` : sql`${false}`
	return sql`((${r}."visibility" = 'community' OR ${groups} OR ${r}."memberId" = ${cv.userId})
		AND (${r}."hiddenAt" IS NULL OR ${r}."memberId" = ${cv.userId}))`
}

/** Whether figures may count other groups' group-only ratings of a program (see the rule above). */
export function groupOnlyCountsInTotals(groupsWithGroupOnlyRatings: number): boolean {
	return groupsWithGroupOnlyRatings >= GROUPS_BEFORE_GROUP_ONLY_COUNT
}

/** The rating alias `r` counts in the viewer's figures of its program: the rule above, in SQL. */
export function countedRatingSql(cv: CatalogueViewer, r: Sql): Sql {
	return sql`(${readableRatingSql(cv, r)} OR (${r}."hiddenAt" IS NULL AND (
		SELECT COUNT(DISTINCT go."groupId") FROM "ProgramRating" go
		WHERE go."programId" = ${r}."programId" AND go."visibility" = 'group') >= ${GROUPS_BEFORE_GROUP_ONLY_COUNT}))`
}

/** Who may read one rating, as a condition on users: for choosing who is notified of it. */
export function ratingReadersWhere(rating: {
	visibility: string
	groupId: string
}): Prisma.UserWhereInput {
	if (rating.visibility === 'group') return { memberships: { some: activeMembershipWhere({ groupId: rating.groupId }) } }
	return { OR: [{ memberships: { some: activeMembershipWhere() } }, { isSiteAdmin: true }] }
}

/** Who may see a program, as a condition on users: followers told of its deadlines must still be among them. */
export function programReadersWhere(program: {
	state: string
	proposedById: string
}): Prisma.UserWhereInput {
	const curators: Prisma.UserWhereInput = {
		OR: [{ isSiteAdmin: true }, { memberships: { some: activeMembershipWhere({ role: 'moderator' }) } }],
	}
	if (program.state === 'proposed') return { OR: [{ id: program.proposedById }, curators] }
	return { OR: [{ memberships: { some: activeMembershipWhere() } }, { isSiteAdmin: true }] }
}

/**
 * Whether `userId` may see the program in alias `p`, in SQL: the rule of programAccess for
 * notifications and their counts. A merged program is seen as the one it went into (approved).
 */
export function readableProgramSql(userId: string, p: Sql): Sql {
	const isAdmin = sql`EXISTS (SELECT 1 FROM "User" pu WHERE pu."id" = ${userId} AND pu."isSiteAdmin" = ${true})`
	const inAGroup = sql`EXISTS (SELECT 1 FROM "Membership" pm WHERE pm."userId" = ${userId} AND ${activeMembershipSql(sql`pm`)})`
	const moderates = sql`EXISTS (SELECT 1 FROM "Membership" pm WHERE pm."userId" = ${userId} AND pm."role" = 'moderator' AND ${activeMembershipSql(sql`pm`)})`
	return sql`((${inAGroup} OR ${isAdmin}) AND (${p}."state" <> 'proposed' OR ${p}."proposedById" = ${userId} OR ${moderates} OR ${isAdmin}))`
}
