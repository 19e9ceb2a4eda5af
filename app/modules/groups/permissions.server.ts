import { requireUser, type SessionUser } from '#app/modules/auth/auth.server.ts'
import { findMembership } from './groups.server.ts'
import { isModerator } from './roles.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'

/**
 * The group as seen by one of its members. Anyone else gets 404: that a group exists is itself
 * confidential.
 */
export async function requireGroupMember(request: Request, slug: string | undefined) {
	const user = await requireUser(request)
	const found = slug ? await findMembership(user.id, slug) : null
	if (!found) throw notFound()
	return { user, ...found }
}

export async function requireGroupModerator(request: Request, slug: string | undefined) {
	const found = await requireGroupMember(request, slug)
	invariantResponse(isModerator(found.membership), 'Only the group’s moderators can do this', { status: 403 })
	return found
}

export type GroupContext = Awaited<ReturnType<typeof requireGroupMember>> & { user: SessionUser }
