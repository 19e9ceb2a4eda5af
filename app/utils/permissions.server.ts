import { redirect } from 'react-router'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { forumAccess, memberForumAccess, threadAccess } from '#app/modules/forums/access.server.ts'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { moderatesFlagScope } from '#app/modules/moderation/flags.server.ts'
import { planAccess } from '#app/modules/plans/access.server.ts'
import { cycleAccess, meetingAccess } from '#app/modules/quarterly/access.server.ts'
import { catalogueViewer, programAccess } from '#app/modules/vendors/access.server.ts'
import { ensureCommunityForum, getGroupForum } from '#app/modules/forums/forums.server.ts'
import { isAgreementPending, pendingGroupOfThread } from '#app/modules/groups/agreement.server.ts'
import { findMembership } from '#app/modules/groups/groups.server.ts'
import { isModerator } from '#app/modules/groups/roles.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { requireUser } from './auth.server.ts'
import { db } from './db.server.ts'
import { invariantResponse, notFound } from './responses.ts'

/**
 * The guards of routes that show a group, a forum or a thread: each answers with what the page
 * may show, or throws the response (a log-in redirect, a 404, a 403). Who may do what is decided
 * in the domain modules (groups/roles.ts, forums/access.server.ts); these turn it into HTTP.
 */

/**
 * The group as seen by one of its members. Anyone else gets 404: that a group exists is itself
 * confidential.
 */
export async function requireGroupMember(request: Request, slug: string | undefined) {
	const user = await requireUser(request)
	const found = slug ? await findMembership(user.id, slug) : null
	if (!found) {
		// A member who has not accepted the group's agreement is shown the agreement, nothing else.
		if (slug && (await isAgreementPending(user.id, slug))) throw redirect(`/g/${slug}/agreement`)
		throw notFound()
	}
	return { user, ...found }
}

export async function requireGroupModerator(request: Request, slug: string | undefined) {
	const found = await requireGroupMember(request, slug)
	invariantResponse(isModerator(found.membership), 'Only the group’s moderators can do this', {
		status: 403,
	})
	return found
}

export type GroupContext = Awaited<ReturnType<typeof requireGroupMember>> & { user: SessionUser }

/** A group's forum as its member sees it; 404 for everyone else. */
export async function requireGroupForum(request: Request, slug: string | undefined) {
	const { user, group, membership } = await requireGroupMember(request, slug)
	const forum = await getGroupForum(group.id)
	if (!forum) throw notFound()
	const access = memberForumAccess(user, forum.id, { groupId: group.id, role: membership.role })
	return { user, group, membership, forum, access, home: `/g/${group.slug}/forum` }
}

/** The community forum, for members of any group (and site admins). */
export async function requireCommunityForum(request: Request) {
	const user = await requireUser(request)
	const forum = await ensureCommunityForum()
	const access = await forumAccess(user, forum.id)
	if (!access.canRead) throw notFound()
	return { user, forum: { id: forum.id, name: 'Community' }, access, home: '/community' }
}

/** A thread the user may read, or 404 whether it is missing or out of reach. */
export async function requireReadableThread(request: Request, threadId: string | undefined) {
	const user = await requireUser(request)
	const found = threadId ? await threadAccess(user, threadId) : null
	if (!found) {
		const pendingSlug = threadId ? await pendingGroupOfThread(user.id, threadId) : null
		if (pendingSlug) throw redirect(`/g/${pendingSlug}/agreement`)
		throw notFound()
	}
	return { user, ...found }
}

/** The forum a URL names: a group's when it carries the group's slug, else the community's. */
export async function requireForum(request: Request, slug: string | undefined) {
	if (slug === undefined) return { ...(await requireCommunityForum(request)), groupName: null }
	const { user, group, forum, access, home } = await requireGroupForum(request, slug)
	return { user, forum, access, home, groupName: group.name }
}

/** A plan the user may read (owner, accepted buddy, moderator it is shared with), or 404. */
export async function requireReadablePlan(request: Request, planId: string | undefined) {
	const user = await requireUser(request)
	const access = planId ? await planAccess(user, planId) : null
	if (!access) throw notFound()
	return { user, access }
}

/** A plan only its owner may change: everyone else, readers included, gets 404. */
export async function requireOwnPlan(request: Request, planId: string | undefined) {
	const found = await requireReadablePlan(request, planId)
	if (found.access.role !== 'owner') throw notFound()
	return found
}

/**
 * A group's review cycle as this member sees it: 404 for anyone outside the group, for a cycle
 * of another group under this group's address, and for a member before the cycle leaves draft.
 */
export async function requireCycle(
	request: Request,
	slug: string | undefined,
	cycleId: string | undefined,
) {
	const { user, group, membership } = await requireGroupMember(request, slug)
	const access = cycleId ? await cycleAccess(user, cycleId) : null
	if (!access || access.groupId !== group.id) throw notFound()
	return { user, group, membership, access }
}

/** Same, for what only the group's moderators do: 403 for the group's other members. */
export async function requireCycleModerator(
	request: Request,
	slug: string | undefined,
	cycleId: string | undefined,
) {
	const found = await requireCycle(request, slug, cycleId)
	invariantResponse(found.access.canManage, 'Only the group’s moderators can do this', {
		status: 403,
	})
	return found
}

/** A live meeting of the group: its members join, 404 for everyone else. */
export async function requireMeeting(
	request: Request,
	slug: string | undefined,
	meetingId: string | undefined,
) {
	const { user, group, membership } = await requireGroupMember(request, slug)
	const access = meetingId ? await meetingAccess(user, meetingId) : null
	if (!access || access.groupId !== group.id) throw notFound()
	return { user, group, membership, access }
}

/** The catalogue of vendor programs: members of any group and site admins; 404 for anyone else. */
export async function requireCatalogue(request: Request) {
	const user = await requireUser(request)
	const viewer = await catalogueViewer(user)
	if (!viewer) throw notFound()
	return { user, viewer }
}

/**
 * A vendor program the user may see, or 404. A program merged into another answers with a
 * permanent redirect to that one (`rest` is the part of the address after the program's id).
 */
export async function requireProgram(request: Request, programId: string | undefined, rest = '') {
	const user = await requireUser(request)
	const access = programId ? await programAccess(user, programId) : null
	if (!access) throw notFound()
	if (access.mergedIntoId) throw redirect(`/programs/${access.mergedIntoId}${rest}`, 301)
	return { user, access }
}

/**
 * A flag queue: a group's (its moderators and the site admins; 404 outside the group, 403 to its
 * other members) or, without a slug, the community forum's (its moderators as the forums say;
 * 403 to its other readers, 404 to those who cannot read it).
 */
export async function requireFlagQueue(request: Request, slug: string | undefined) {
	const user = await requireUser(request)
	if (slug === undefined) {
		const access = await forumAccess(user, COMMUNITY_FORUM_ID)
		if (!access.canRead) throw notFound()
		invariantResponse(access.canModerate, 'Only the community forum’s moderators can do this', { status: 403 })
		return { user, scope: { groupId: null }, group: null, home: '/community', base: '/community/flags' }
	}
	const group = await db.group.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } })
	if (!group) throw notFound()
	if (!user.isSiteAdmin) {
		const membership = await db.membership.findFirst({ where: activeMembershipWhere({ userId: user.id, groupId: group.id }), select: { role: true } })
		if (!membership) throw notFound()
		invariantResponse(await moderatesFlagScope(user, group.id), 'Only the group’s moderators can do this', { status: 403 })
	}
	return { user, scope: { groupId: group.id }, group, home: `/g/${group.slug}`, base: `/g/${group.slug}/flags` }
}
