import { acceptInvitation } from '#app/modules/groups/invitations.server.ts'

const INVITATION_PATH = /^\/invite\/([A-Za-z0-9_-]{1,200})$/

/**
 * Where a member goes after logging in. Someone who came from an invitation link (signing up, then
 * logging in) joins its group there and then, in the same step, and lands in the group's forum;
 * a link that stopped working meanwhile sends them back to the invitation page, which says why.
 */
export async function destinationAfterLogin(
	redirectTo: string,
	userId: string,
): Promise<{ to: string; welcome: string | null }> {
	const token = INVITATION_PATH.exec(redirectTo)?.[1]
	if (!token) return { to: redirectTo, welcome: null }
	const result = await acceptInvitation(token, userId)
	if (result.outcome === 'invalid') return { to: redirectTo, welcome: null }
	return {
		to: `/g/${result.groupSlug}/forum`,
		welcome:
			result.outcome === 'joined'
				? `Welcome to ${result.groupName}`
				: `You are already a member of ${result.groupName}`,
	}
}
