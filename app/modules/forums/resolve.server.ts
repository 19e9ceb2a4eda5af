import { requireUser } from '#app/modules/auth/auth.server.ts'
import { requireGroupMember } from '#app/modules/groups/permissions.server.ts'
import { forumAccess, memberForumAccess, threadAccess } from './access.server.ts'
import { ensureCommunityForum, getGroupForum } from './forums.server.ts'
import { notFound } from '#app/utils/responses.ts'

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
	if (!found) throw notFound()
	return { user, ...found }
}
