import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { COMMUNITY_FORUM_ID } from './constants.ts'

/**
 * The one answer to "may this user read this?" for everything in the forums. Thread lists,
 * search, notifications, profiles and socket rooms all ask here, so a group's posts cannot reach
 * a non-member by any path:
 *   - a group's forum: the group's members read and post; its moderators moderate;
 *   - the community forum: every member of any group reads and posts; site admins moderate.
 */
export type ForumAccess = {
	forumId: string
	canRead: boolean
	canPost: boolean
	canModerate: boolean
}

const NO_ACCESS = (forumId: string): ForumAccess => ({ forumId, canRead: false, canPost: false, canModerate: false })

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

/** The forums a user may read: their groups' forums, and the community forum (see below). */
export async function readableForumIds(userId: string): Promise<string[]> {
	const memberships = await db.membership.findMany({
		where: { userId },
		select: { group: { select: { forum: { select: { id: true } } } } },
	})
	const ids = memberships.flatMap((m) => (m.group.forum ? [m.group.forum.id] : []))
	// The community forum: members of any group, and site admins (who moderate it) even outside groups.
	if (memberships.length > 0) ids.push(COMMUNITY_FORUM_ID)
	else if ((await db.user.findUnique({ where: { id: userId }, select: { isSiteAdmin: true } }))?.isSiteAdmin) ids.push(COMMUNITY_FORUM_ID)
	return ids
}

export async function forumAccess(viewer: Viewer, forumId: string): Promise<ForumAccess> {
	if (forumId === COMMUNITY_FORUM_ID) {
		const inAnyGroup = (await db.membership.count({ where: { userId: viewer.id } })) > 0
		if (!inAnyGroup && !viewer.isSiteAdmin) return NO_ACCESS(forumId)
		return { forumId, canRead: true, canPost: true, canModerate: viewer.isSiteAdmin }
	}
	const forum = await db.forum.findUnique({ where: { id: forumId }, select: { groupId: true } })
	if (!forum?.groupId) return NO_ACCESS(forumId)
	const membership = await db.membership.findUnique({
		where: { userId_groupId: { userId: viewer.id, groupId: forum.groupId } },
		select: { role: true },
	})
	if (!membership) return NO_ACCESS(forumId)
	return { forumId, canRead: true, canPost: true, canModerate: membership.role === 'moderator' }
}

/** The user ids who may read a forum (for resolving @mentions and filtering notifications). */
export async function forumReaderIds(forumId: string): Promise<string[] | 'all-members'> {
	if (forumId === COMMUNITY_FORUM_ID) return 'all-members'
	const forum = await db.forum.findUnique({ where: { id: forumId }, select: { groupId: true } })
	if (!forum?.groupId) return []
	const members = await db.membership.findMany({ where: { groupId: forum.groupId }, select: { userId: true } })
	return members.map((m) => m.userId)
}

/** Who moderates a forum: the group's moderators, or the site admins for the community forum. */
export async function forumModeratorIds(forumId: string): Promise<string[]> {
	if (forumId === COMMUNITY_FORUM_ID) {
		return (await db.user.findMany({ where: { isSiteAdmin: true }, select: { id: true } })).map((u) => u.id)
	}
	const forum = await db.forum.findUnique({ where: { id: forumId }, select: { groupId: true } })
	if (!forum?.groupId) return []
	const moderators = await db.membership.findMany({ where: { groupId: forum.groupId, role: 'moderator' }, select: { userId: true } })
	return moderators.map((m) => m.userId)
}

/**
 * A thread and the viewer's access to it, or null when the viewer may not read it (a hidden
 * thread is readable by moderators only). Callers answer null with 404.
 */
export async function threadAccess(viewer: Viewer, threadId: string) {
	const thread = await db.thread.findUnique({
		where: { id: threadId },
		select: {
			id: true,
			forumId: true,
			authorId: true,
			kind: true,
			title: true,
			locked: true,
			pinned: true,
			hiddenAt: true,
			acceptedPostId: true,
			lastPostNumber: true,
		},
	})
	if (!thread) return null
	const access = await forumAccess(viewer, thread.forumId)
	if (!access.canRead) return null
	if (thread.hiddenAt && !access.canModerate) return null
	return { thread, access }
}

/** Whether a user may read a thread: for socket rooms and notifications. */
export async function canReadThread(viewer: Viewer, threadId: string): Promise<boolean> {
	return (await threadAccess(viewer, threadId)) !== null
}
