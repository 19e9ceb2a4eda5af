import { cycleAccess, canJoinMeeting } from '#app/modules/quarterly/access.server.ts'
import { QUARTERLY_EVENTS, type MeetingPresenceEvent } from '#app/modules/quarterly/events.ts'
import { rooms, type OnlineMember } from '#app/utils/realtime.ts'
import { roomKind } from './guarded-rooms.ts'
import type { AppServer } from './io.ts'

// Quarterly reviews' rooms, each guarded by the quarterly access rule: a cycle's completion view
// (its group's moderators) and a live meeting (its group's members). A member removed or demoted
// leaves them at the access re-check. A meeting's room also says who has joined: on each join,
// leave and disconnect, counted across instances.

const cyclePrefix = rooms.reviewCycle('')
const meetingPrefix = rooms.meeting('')

export const reviewCycleRoom = roomKind({
	join: 'review-cycle:join',
	leave: 'review-cycle:leave',
	room: ({ cycleId }) => rooms.reviewCycle(cycleId),
	parse: (room) =>
		room.startsWith(cyclePrefix) ? { cycleId: room.slice(cyclePrefix.length) } : null,
	mayJoin: async (user, { cycleId }) => (await cycleAccess(user, cycleId))?.canManage === true,
})

/**
 * Who has joined a meeting: the users with a socket in its room now, on any instance (the Redis
 * adapter answers fetchSockets across instances), one entry per user however many tabs.
 */
export async function meetingPresence(io: AppServer, meetingId: string): Promise<OnlineMember[]> {
	const sockets = await io.in(rooms.meeting(meetingId)).fetchSockets()
	const byUser = new Map<string, OnlineMember>()
	for (const socket of sockets) byUser.set(socket.data.user.id, { userId: socket.data.user.id, name: socket.data.user.name })
	return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** Tells the meeting's room who is in it (after a join, a leave or a disconnect). */
async function announcePresence(io: AppServer, meetingId: string): Promise<OnlineMember[]> {
	const online = await meetingPresence(io, meetingId)
	const event: MeetingPresenceEvent = { meetingId, members: online.map((m) => ({ id: m.userId, name: m.name })) }
	io.to(rooms.meeting(meetingId)).emit(QUARTERLY_EVENTS.meetingPresence, event)
	return online
}

export const meetingRoom = roomKind({
	join: 'meeting:join',
	leave: 'meeting:leave',
	room: ({ meetingId }) => rooms.meeting(meetingId),
	parse: (room) =>
		room.startsWith(meetingPrefix) ? { meetingId: room.slice(meetingPrefix.length) } : null,
	mayJoin: (user, { meetingId }) => canJoinMeeting(user, meetingId),
	joined: async (io, { meetingId }) => ({ online: await announcePresence(io, meetingId) }),
	// During shutdown the adapter may already be closed; a lost presence update is harmless then.
	left: (io, { meetingId }) => void announcePresence(io, meetingId).catch(() => undefined),
})

export const quarterlyRoomKinds = [reviewCycleRoom, meetingRoom]
