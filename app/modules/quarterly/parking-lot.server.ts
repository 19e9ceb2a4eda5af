import { db } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import type { MeetingAccess } from './access.server.ts'
import { QUARTERLY_EVENTS } from './events.ts'
import { MEETING_LIMITS } from './meeting.ts'
import { MeetingError } from './meetings.server.ts'

const MINUTE = 60_000

/**
 * Any member of the group adds to the live meeting's parking lot: something to come back to. A
 * member adds at most a few a minute, and a meeting holds a bounded number; counted in the
 * database, so the limit holds across instances and restarts.
 */
export async function addParkingLotItem(
	access: MeetingAccess,
	viewer: { id: string },
	body: string,
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<{ id: string }> {
	if (access.meetingStatus !== 'live') throw new MeetingError('The meeting has ended: its parking lot is closed')
	const [recent, total] = await Promise.all([
		db.parkingLotItem.count({
			where: { meetingId: access.meetingId, authorId: viewer.id, createdAt: { gt: new Date(now.getTime() - MINUTE) } },
		}),
		db.parkingLotItem.count({ where: { meetingId: access.meetingId } }),
	])
	if (recent >= MEETING_LIMITS.parkingLotPerMinute)
		throw new MeetingError('You have added several items just now: wait a minute before the next', 'body')
	if (total >= MEETING_LIMITS.parkingLotPerMeeting)
		throw new MeetingError('The parking lot is full for this meeting', 'body')
	const item = await db.parkingLotItem.create({
		data: { meetingId: access.meetingId, authorId: viewer.id, body, createdAt: now },
		select: { id: true },
	})
	realtime.toRoom(rooms.meeting(access.meetingId), QUARTERLY_EVENTS.meetingParkingLot, {
		meetingId: access.meetingId,
		itemId: item.id,
	})
	return item
}

export function listParkingLot(meetingId: string) {
	return db.parkingLotItem.findMany({
		where: { meetingId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, body: true, createdAt: true, authorId: true },
	})
}
