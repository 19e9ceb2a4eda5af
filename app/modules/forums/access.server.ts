import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { activeMembershipSql, activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { queryRows, sql, type Sql } from '#app/utils/sql.server.ts'
import { COMMUNITY_FORUM_ID } from './constants.ts'

/**
 * The one answer to "may this user read this?" for everything in the forums. Thread lists,
 * search, notifications, profiles and socket rooms all ask here, so a group's posts cannot reach
 * a non-member by any path:
 *   - a group's forum: the group's members read and post; its moderators moderate;
 *   - the community forum: every member of any group reads and posts; site admins moderate.
 * What a moderator hides (or members' flags hide until reviewed) is seen by moderators, and by
 * its author with the reason, no one else.
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
		where: activeMembershipWhere({ userId }),
		select: { group: { select: { forum: { select: { id: true } } } } },
	})
	const ids = memberships.flatMap((m) => (m.group.forum ? [m.group.forum.id] : []))
	// The community forum: members of any group, and site admins (who moderate it) even outside groups.
	if (memberships.length > 0) ids.push(COMMUNITY_FORUM_ID)
	else if ((await db.user.findUnique({ where: { id: userId }, select: { isSiteAdmin: true } }))?.isSiteAdmin) ids.push(COMMUNITY_FORUM_ID)
	return ids
}

/** What the rule needs to know about a viewer and a forum; one query gathers it (see threadAccess). */
type AccessFacts = {
	/** The forum's group; null for the community forum (and for a forum whose group is gone). */
	groupId: string | null
	/** The viewer's role in that group, null when not a member. */
	memberRole: string | null
	/** Whether the viewer belongs to any group (it opens the community forum). */
	inAnyGroup: boolean
}

/** The rule itself, on facts already read: see the comment at the top of this file. */
function accessFrom(viewer: Viewer, forumId: string, facts: AccessFacts): ForumAccess {
	if (forumId === COMMUNITY_FORUM_ID) {
		if (!facts.inAnyGroup && !viewer.isSiteAdmin) return NO_ACCESS(forumId)
		return { forumId, canRead: true, canPost: true, canModerate: viewer.isSiteAdmin }
	}
	if (!facts.groupId || !facts.memberRole) return NO_ACCESS(forumId)
	return { forumId, canRead: true, canPost: true, canModerate: facts.memberRole === 'moderator' }
}

/**
 * readableForumIds as a condition on a forum-id column, for a query that filters by it in the same
 * statement (the unread count every page shows): the same rule, in SQL.
 */
export function readableForumCondition(userId: string, forumIdColumn: Sql): Sql {
	return sql`(${forumIdColumn} IN (SELECT f."id" FROM "Forum" f JOIN "Membership" m ON m."groupId" = f."groupId" WHERE m."userId" = ${userId} AND ${activeMembershipSql(sql`m`)})
		OR (${forumIdColumn} = ${COMMUNITY_FORUM_ID} AND (
			EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = ${userId} AND ${activeMembershipSql(sql`m`)})
			OR EXISTS (SELECT 1 FROM "User" u WHERE u."id" = ${userId} AND u."isSiteAdmin" = ${true}))))`
}

export async function forumAccess(viewer: Viewer, forumId: string): Promise<ForumAccess> {
	if (forumId === COMMUNITY_FORUM_ID) {
		const inAnyGroup = (await db.membership.count({ where: activeMembershipWhere({ userId: viewer.id }) })) > 0
		return accessFrom(viewer, forumId, { groupId: null, memberRole: null, inAnyGroup })
	}
	const forum = await db.forum.findUnique({ where: { id: forumId }, select: { groupId: true } })
	if (!forum?.groupId) return NO_ACCESS(forumId)
	const membership = await db.membership.findFirst({
		where: activeMembershipWhere({ userId: viewer.id, groupId: forum.groupId }),
		select: { role: true },
	})
	return accessFrom(viewer, forumId, { groupId: forum.groupId, memberRole: membership?.role ?? null, inAnyGroup: true })
}

/**
 * A group forum's access for a member whose membership the page has already read (every group
 * page reads it first, to answer 404 to others): the same rule, without reading it again.
 */
export function memberForumAccess(viewer: Viewer, forumId: string, membership: { groupId: string; role: string }): ForumAccess {
	return accessFrom(viewer, forumId, { groupId: membership.groupId, memberRole: membership.role, inAnyGroup: true })
}

const NOBODY: Prisma.UserWhereInput = { id: { in: [] } }

/**
 * Who may read a thread, as a condition on users: the rule's reader list, for resolving @mentions
 * and choosing who is notified. A forum's readers, or, while the thread is hidden, its moderators
 * alone. The community forum's readers are the members of any group and the site admins.
 */
export async function threadReadersWhere(thread: { forumId: string; hiddenAt: Date | null }): Promise<Prisma.UserWhereInput> {
	if (thread.forumId === COMMUNITY_FORUM_ID) {
		return thread.hiddenAt ? { isSiteAdmin: true } : { OR: [{ memberships: { some: activeMembershipWhere() } }, { isSiteAdmin: true }] }
	}
	const forum = await db.forum.findUnique({ where: { id: thread.forumId }, select: { groupId: true } })
	if (!forum?.groupId) return NOBODY
	const groupId = forum.groupId
	return { memberships: { some: activeMembershipWhere(thread.hiddenAt ? { groupId, role: 'moderator' } : { groupId }) } }
}

/** Who moderates a forum: the group's moderators, or the site admins for the community forum. */
export async function forumModeratorIds(forumId: string): Promise<string[]> {
	if (forumId === COMMUNITY_FORUM_ID) {
		return (await db.user.findMany({ where: { isSiteAdmin: true }, select: { id: true } })).map((u) => u.id)
	}
	const forum = await db.forum.findUnique({ where: { id: forumId }, select: { groupId: true } })
	if (!forum?.groupId) return []
	const moderators = await db.membership.findMany({ where: activeMembershipWhere({ groupId: forum.groupId, role: 'moderator' }), select: { userId: true } })
	return moderators.map((m) => m.userId)
}

type ThreadAccessRow = {
	id: string
	forumId: string
	authorId: string
	kind: string
	title: string
	locked: boolean
	pinned: boolean
	hiddenAt: Date | null
	acceptedPostId: string | null
	lastPostNumber: number
	slowModeMinutes: number
	groupId: string | null
	memberRole: string | null
	inAnyGroup: unknown
}

/**
 * A thread and the viewer's access to it, or null when the viewer may not read it (a hidden
 * thread is readable by moderators only). Callers answer null with 404. Every thread page and
 * every write in a thread asks this first, so the thread and the facts the rule needs come in
 * one statement.
 */
export async function threadAccess(viewer: Viewer, threadId: string) {
	const [row] = await queryRows<ThreadAccessRow>(sql`
		SELECT t."id", t."forumId", t."authorId", t."kind", t."title", t."locked", t."pinned", t."hiddenAt",
			t."acceptedPostId", t."lastPostNumber", t."slowModeMinutes", f."groupId", m."role" AS "memberRole",
			EXISTS (SELECT 1 FROM "Membership" a WHERE a."userId" = ${viewer.id} AND ${activeMembershipSql(sql`a`)}) AS "inAnyGroup"
		FROM "Thread" t
		JOIN "Forum" f ON f."id" = t."forumId"
		LEFT JOIN "Membership" m ON m."groupId" = f."groupId" AND m."userId" = ${viewer.id} AND ${activeMembershipSql(sql`m`)}
		WHERE t."id" = ${threadId}`)
	if (!row) return null
	const { groupId, memberRole, inAnyGroup, ...columns } = row
	const thread = { ...columns, groupId, locked: Boolean(columns.locked), pinned: Boolean(columns.pinned), slowModeMinutes: Number(columns.slowModeMinutes) }
	const access = accessFrom(viewer, thread.forumId, { groupId, memberRole, inAnyGroup: Boolean(inAnyGroup) })
	if (!access.canRead) return null
	if (thread.hiddenAt && !access.canModerate) {
		// Its author still reads it, with the reason it was hidden, but can add nothing to it.
		if (thread.authorId !== viewer.id) return null
		return { thread, access: { ...access, canPost: false } }
	}
	return { thread, access }
}

/** Whether a user may read a thread: for socket rooms and notifications. */
export async function canReadThread(viewer: Viewer, threadId: string): Promise<boolean> {
	return (await threadAccess(viewer, threadId)) !== null
}

// ---------------------------------------------------------------------------------------------
// What a viewer sees of threads and posts: the rule above, in each form its callers need. No other
// file filters on hiddenAt, deletedAt or membership to decide what a reader sees; it asks here.
//
//   - In a forum (its list, a thread page, a post's pages), the page already holds the viewer's
//     ForumAccess: a hidden thread or post is shown to those who moderate the forum, to no one else.
//     Forms: isPostVisible (a check), visiblePostWhere (Prisma), visibleThreadSql / visiblePostSql
//     (typed SQL, see sql.server.ts).
//   - Across forums (bookmarks, a profile's recent posts, the lessons library, notifications), lists
//     are for reading: a thread or post there is "listed" when the viewer reads its forum and it is
//     neither hidden nor deleted, for moderators too (moderation happens in the forum).
//     Forms: listedThreadWhere / listedPostWhere (Prisma), listedThreadSql (typed SQL).
//     The search engines' worker cannot load this module: they take the forum part as the search
//     subject's scopes (readableForumIds) and the rest as LISTED_POST_SQL_TEXT (constants.ts).
//   - Who may read one thread, as a condition on users: threadReadersWhere (above).
// ---------------------------------------------------------------------------------------------

/** Always true, in SQL: what a moderator's view adds to a statement. */
const EVERYTHING = sql`1 = 1`

/** Whether a post of a thread the viewer reads is shown to them: hidden posts to moderators only. */
export function isPostVisible(access: ForumAccess, post: { hiddenAt: Date | null }): boolean {
	return !post.hiddenAt || access.canModerate
}

/** isPostVisible as a Prisma condition on posts, for a query within one thread of the forum. */
export function visiblePostWhere(access: ForumAccess): Prisma.PostWhereInput {
	return access.canModerate ? {} : { hiddenAt: null }
}

/** Threads of the forum of `access` that its list shows the viewer, as SQL on the thread alias `t`. */
export function visibleThreadSql(access: ForumAccess, t: Sql): Sql {
	return access.canModerate ? EVERYTHING : sql`${t}."hiddenAt" IS NULL`
}

/**
 * Posts of a readable thread that its page shows the viewer (deleted ones stay, as a marker), as
 * SQL on `p`. Given the viewer, their own hidden posts are shown to them too, with the reason.
 */
export function visiblePostSql(access: ForumAccess, p: Sql, viewerId?: string): Sql {
	if (access.canModerate) return EVERYTHING
	return viewerId ? sql`(${p}."hiddenAt" IS NULL OR ${p}."authorId" = ${viewerId})` : sql`${p}."hiddenAt" IS NULL`
}

/** A post anyone who reads its thread sees: neither hidden nor deleted (what may be quoted or listed). */
export const SHOWN_POST = { hiddenAt: null, deletedAt: null } satisfies Prisma.PostWhereInput

/** Threads listed to the viewer across forums: in a forum they read, and not hidden (for moderators too). */
export async function listedThreadWhere(userId: string): Promise<Prisma.ThreadWhereInput> {
	return { forumId: { in: await readableForumIds(userId) }, hiddenAt: null }
}

/** Posts listed to the viewer across forums: shown posts of listed threads. */
export async function listedPostWhere(userId: string): Promise<Prisma.PostWhereInput> {
	return { ...SHOWN_POST, thread: await listedThreadWhere(userId) }
}

/** listedThreadWhere in SQL on the thread alias `t`, for a statement that filters in place (counts). */
export function listedThreadSql(userId: string, t: Sql): Sql {
	return sql`${t}."hiddenAt" IS NULL AND ${readableForumCondition(userId, sql`${t}."forumId"`)}`
}
