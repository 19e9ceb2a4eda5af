import { z } from 'zod'

// Quarterly reviews' live events, declared once for both sides (app/utils/realtime.ts combines
// the families). Two rooms, each guarded by quarterly/access.server.ts:
//   - a cycle's moderators' room: the completion view updates as members save and submit;
//   - a meeting's room: every member of the group follows the moderator through the agenda.

export const QUARTERLY_EVENTS = {
	completion: 'review-cycle:completion',
	meetingState: 'meeting:state',
	meetingParkingLot: 'meeting:parking-lot',
	meetingNote: 'meeting:note',
	meetingActionItem: 'meeting:action-item',
	meetingPresence: 'meeting:presence',
} as const

/** A member's update changed state: moderators' dashboards recount. */
export type CompletionEvent = { cycleId: string; memberId: string; status: 'draft' | 'submitted' }

/**
 * Where the meeting stands, from the server's state: the current item and when its timer started
 * (server clock, ISO), with the server's own "now" so a client can correct for its clock.
 */
export type MeetingStateEvent = {
	meetingId: string
	status: string
	currentItemId: string | null
	itemStartedAt: string | null
	version: number
	serverNow: string
}
export type MeetingParkingLotEvent = { meetingId: string; itemId: string }
export type MeetingNoteEvent = { meetingId: string; noteId: string }
export type MeetingActionItemEvent = { meetingId: string; actionItemId: string }
/** Who has joined the meeting. */
export type MeetingPresenceEvent = { meetingId: string; members: { id: string; name: string }[] }

export type QuarterlyServerEvents = {
	[QUARTERLY_EVENTS.completion]: CompletionEvent
	[QUARTERLY_EVENTS.meetingState]: MeetingStateEvent
	[QUARTERLY_EVENTS.meetingParkingLot]: MeetingParkingLotEvent
	[QUARTERLY_EVENTS.meetingNote]: MeetingNoteEvent
	[QUARTERLY_EVENTS.meetingActionItem]: MeetingActionItemEvent
	[QUARTERLY_EVENTS.meetingPresence]: MeetingPresenceEvent
}

const cycleRoom = z.object({ cycleId: z.string().min(1).max(100) })
const meetingRoom = z.object({ meetingId: z.string().min(1).max(100) })

export const quarterlyClientEvents = {
	'review-cycle:join': cycleRoom,
	'review-cycle:leave': cycleRoom,
	'meeting:join': meetingRoom,
	'meeting:leave': meetingRoom,
}
