// One permission vocabulary for the server and the UI: the UI shows a control exactly when the
// server's check would let it through.
export const GROUP_ROLES = ['member', 'moderator'] as const
export type GroupRole = (typeof GROUP_ROLES)[number]

export type Viewer = { role: GroupRole } | null

export function isModerator(membership: Viewer): boolean {
	return membership?.role === 'moderator'
}

export const can = {
	manageInvitations: isModerator,
	manageMembers: isModerator,
}
