// When and where a group meets for a cycle. Moderators set, move or clear the day at any time
// until the meeting has ended (the cycle itself may be closed by then: groups meet after the
// updates are due). Whoever may read the cycle (access.server.ts) is told when the day is set or
// moved, in the same transaction as the change.
import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { cycleReadersWhere } from './access.server.ts'
import { parseDay, startOfDay } from './days.ts'
import { QuarterlyError } from './quarterly-error.ts'
import type { MeetingDayInput } from './schemas.ts'
import { MEETING_SET, QUARTERLY_CYCLE } from './subjects.server.ts'

export type MeetingDayChange = 'set' | 'moved' | 'cleared' | 'unchanged'

export async function setMeetingDay(
	cycleId: string,
	input: MeetingDayInput,
	options: { now: Date; actorId: string; realtime: RealtimePublisher },
): Promise<MeetingDayChange> {
	const meetingOn = input.meetingOn === undefined ? null : parseDay(input.meetingOn)
	// The schema checked it; a caller that skipped it gets a message, not a crash.
	if (input.meetingOn !== undefined && !meetingOn)
		throw new QuarterlyError('Give the meeting day as a date, e.g. 2026-12-10', 'meetingOn')
	const meetingPlace = meetingOn ? (input.meetingPlace ?? null) : null
	const { change, recipients } = await db.$transaction(async (tx) => {
		const cycle = await tx.reviewCycle.findUnique({
			where: { id: cycleId },
			select: {
				groupId: true,
				status: true,
				meetingOn: true,
				meetingPlace: true,
				meeting: { select: { status: true } },
			},
		})
		if (!cycle) throw new QuarterlyError('This cycle no longer exists')
		if (cycle.meeting?.status === 'ended')
			throw new QuarterlyError('This meeting has ended: its day no longer changes')
		const sameDay = (cycle.meetingOn?.getTime() ?? null) === (meetingOn?.getTime() ?? null)
		if (sameDay && cycle.meetingPlace === meetingPlace)
			return { change: 'unchanged' as const, recipients: [] }
		// A day already passed may stay (its place corrected), but nobody moves a meeting into the past.
		if (!sameDay && meetingOn && meetingOn < startOfDay(options.now))
			throw new QuarterlyError(
				'The meeting day has passed: choose today or a later day',
				'meetingOn',
			)
		await tx.reviewCycle.update({ where: { id: cycleId }, data: { meetingOn, meetingPlace } })
		const change: MeetingDayChange = !meetingOn ? 'cleared' : cycle.meetingOn ? 'moved' : 'set'
		if (change === 'cleared') return { change, recipients: [] }
		const readers = await tx.user.findMany({
			where: { AND: [cycleReadersWhere(cycle), { id: { not: options.actorId } }] },
			select: { id: true },
		})
		const recipients = readers.map((reader) => reader.id)
		await recordNotifications(tx, {
			subject: { kind: QUARTERLY_CYCLE, id: cycleId },
			actorId: options.actorId,
			recipients: recipients.map((userId) => ({ userId, type: MEETING_SET })),
		})
		return { change, recipients }
	})
	if (recipients.length > 0)
		announceNotifications(options.realtime, { kind: QUARTERLY_CYCLE, id: cycleId }, recipients)
	return change
}
