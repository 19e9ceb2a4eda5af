import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { listMembers } from '#app/modules/groups/groups.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { CycleAccess } from './access.server.ts'
import { listMeetingActionItems, planTargets } from './action-items.server.ts'
import { hotSeatView } from './hot-seat.server.ts'
import { listMeetingNotes } from './meeting-notes.server.ts'
import { agendaOf, findMeetingOfCycle, stateOf } from './meetings.server.ts'
import { listParkingLot } from './parking-lot.server.ts'

// Everything the meeting page shows, read from the database as of now: the page (and a screen that
// reconnects and reloads it) always starts from the server's state.

export async function meetingPage(viewer: SessionUser, access: CycleAccess, now: Date = new Date()) {
	const [agenda, meeting, memberships, planned] = await Promise.all([
		agendaOf(access.cycleId),
		findMeetingOfCycle(access.cycleId),
		listMembers(access.groupId),
		db.reviewCycle.findUnique({ where: { id: access.cycleId }, select: { meetingOn: true, meetingPlace: true } }),
	])
	// Those who have not accepted the group's agreement are not in the meeting's group yet.
	const members = memberships.filter((m) => !m.agreementPending).map((m) => ({ id: m.user.id, name: m.user.name, role: m.role }))
	const base = {
		canManage: access.canManage,
		agenda,
		members,
		serverNow: now.toISOString(),
		/** The day the moderators set for the meeting (meeting-day.server.ts), if any. */
		plannedOn: planned?.meetingOn ?? null,
		plannedPlace: planned?.meetingPlace ?? null,
	}
	if (!meeting) return { ...base, meeting: null }
	const [notes, parked, actionItems, recap] = await Promise.all([
		listMeetingNotes(meeting.id),
		listParkingLot(meeting.id),
		listMeetingActionItems(meeting.id),
		meeting.recapThreadId
			? db.thread.findUnique({ where: { id: meeting.recapThreadId }, select: { id: true, title: true } })
			: Promise.resolve(null),
	])
	const names = new Map(members.map((m) => [m.id, m.name]))
	const current = meeting.status === 'live' ? (agenda.find((item) => item.id === meeting.currentItemId) ?? null) : null
	const hotSeat = current ? await hotSeatView(viewer, access, current, now) : null
	const ownsItems = actionItems.some((item) => item.ownerId === viewer.id && !item.doneAt)
	return {
		...base,
		meeting: {
			...stateOf(meeting, now),
			startedAt: meeting.startedAt,
			endedAt: meeting.endedAt,
			recap,
			current,
			hotSeat,
			notes,
			parkingLot: parked.map((item) => ({ ...item, author: names.get(item.authorId) ?? 'A former member' })),
			actionItems,
			planTargets: ownsItems ? await planTargets(viewer, now) : [],
		},
	}
}
