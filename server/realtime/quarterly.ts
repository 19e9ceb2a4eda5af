import { cycleAccess, canJoinMeeting } from '#app/modules/quarterly/access.server.ts'
import { rooms } from '#app/utils/realtime.ts'
import { roomKind } from './guarded-rooms.ts'

// Quarterly reviews' rooms, each guarded by the quarterly access rule: a cycle's completion view
// (its group's moderators) and a live meeting (its group's members). A member removed or demoted
// leaves them at the access re-check.

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

export const meetingRoom = roomKind({
	join: 'meeting:join',
	leave: 'meeting:leave',
	room: ({ meetingId }) => rooms.meeting(meetingId),
	parse: (room) =>
		room.startsWith(meetingPrefix) ? { meetingId: room.slice(meetingPrefix.length) } : null,
	mayJoin: (user, { meetingId }) => canJoinMeeting(user, meetingId),
})

export const quarterlyRoomKinds = [reviewCycleRoom, meetingRoom]
