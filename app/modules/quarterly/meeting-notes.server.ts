import { db } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import type { MeetingAccess } from './access.server.ts'
import { QUARTERLY_EVENTS } from './events.ts'
import { MEETING_LIMITS } from './meeting.ts'
import { MeetingError } from './meetings.server.ts'

/**
 * A moderator's note on an agenda item (the current one unless another is named). Committed
 * before anyone is told, so a restart loses none.
 */
export async function addMeetingNote(
	access: MeetingAccess,
	viewer: { id: string },
	input: { body: string; agendaItemId?: string },
	realtime: RealtimePublisher,
): Promise<{ id: string }> {
	if (!access.canManage) throw new MeetingError('Only the group’s moderators take notes')
	if (access.meetingStatus !== 'live') throw new MeetingError('The meeting has ended')
	const meeting = await db.meeting.findUniqueOrThrow({
		where: { id: access.meetingId },
		select: { currentItemId: true, _count: { select: { notes: true } } },
	})
	if (meeting._count.notes >= MEETING_LIMITS.notesPerMeeting) throw new MeetingError('This meeting has as many notes as it can hold')
	const agendaItemId = input.agendaItemId ?? meeting.currentItemId
	if (agendaItemId) {
		const item = await db.agendaItem.findFirst({ where: { id: agendaItemId, cycleId: access.cycleId }, select: { id: true } })
		if (!item) throw new MeetingError('That item is not on this meeting’s agenda')
	}
	const note = await db.meetingNote.create({
		data: { meetingId: access.meetingId, agendaItemId, authorId: viewer.id, body: input.body },
		select: { id: true },
	})
	realtime.toRoom(rooms.meeting(access.meetingId), QUARTERLY_EVENTS.meetingNote, { meetingId: access.meetingId, noteId: note.id })
	return note
}

export function listMeetingNotes(meetingId: string) {
	return db.meetingNote.findMany({
		where: { meetingId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, agendaItemId: true, body: true, createdAt: true },
	})
}
