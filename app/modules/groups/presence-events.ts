import { z } from 'zod'

// Group presence (who has one of the group's pages open), declared once for both sides.

export type OnlineMember = { userId: string; name: string }
export type PresenceUpdate = { groupId: string; online: OnlineMember[] }

export type PresenceServerEvents = {
	'presence:update': PresenceUpdate
}

const groupRoom = z.object({ groupId: z.string().min(1).max(100) })

export const presenceClientEvents = {
	'presence:join': groupRoom,
	'presence:leave': groupRoom,
}
