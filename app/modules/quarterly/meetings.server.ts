import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import type { CycleAccess, MeetingAccess } from './access.server.ts'
import { QUARTERLY_EVENTS, type MeetingStateEvent } from './events.ts'

// The live meeting's state machine. Everything a screen needs to follow lives in the Meeting row
// (current item, when its timer started on the server's clock, a version), never in a server's
// memory: a late joiner, a reconnect, a restart or another instance reads the same state. Every
// change of the current item is a conditional update on the version the moderator's page showed,
// so two moderators stepping at once end in one state, and the one who lost is shown it.

type Viewer = Pick<SessionUser, 'id'>

/** A refusal the moderator can act on; routes show its message. */
export class MeetingError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message)
	}
}

const stateSelect = {
	id: true,
	cycleId: true,
	status: true,
	currentItemId: true,
	itemStartedAt: true,
	version: true,
	startedAt: true,
	endedAt: true,
	recapThreadId: true,
} as const

export type MeetingRow = {
	id: string
	cycleId: string
	status: string
	currentItemId: string | null
	itemStartedAt: Date | null
	version: number
	startedAt: Date
	endedAt: Date | null
	recapThreadId: string | null
}

/** Where the meeting stands, as every screen is told it, with the server's now for clock correction. */
export function stateOf(meeting: MeetingRow, now: Date = new Date()): MeetingStateEvent {
	return {
		meetingId: meeting.id,
		status: meeting.status,
		currentItemId: meeting.status === 'live' ? meeting.currentItemId : null,
		itemStartedAt: meeting.status === 'live' ? (meeting.itemStartedAt?.toISOString() ?? null) : null,
		version: meeting.version,
		serverNow: now.toISOString(),
	}
}

/** Tells every open screen of the meeting where it stands now (after the commit). */
export function publishState(realtime: RealtimePublisher, meeting: MeetingRow): void {
	realtime.toRoom(rooms.meeting(meeting.id), QUARTERLY_EVENTS.meetingState, stateOf(meeting))
}

export function findMeetingOfCycle(cycleId: string): Promise<MeetingRow | null> {
	return db.meeting.findUnique({ where: { cycleId }, select: stateSelect })
}

export function findMeeting(meetingId: string): Promise<MeetingRow | null> {
	return db.meeting.findUnique({ where: { id: meetingId }, select: stateSelect })
}

/** The cycle's agenda in its order. */
export function agendaOf(cycleId: string) {
	return db.agendaItem.findMany({
		where: { cycleId },
		orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			position: true,
			kind: true,
			title: true,
			note: true,
			memberId: true,
			minutes: true,
		},
	})
}

function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

/**
 * A moderator starts the cycle's meeting from its agenda: the first item is current and its timer
 * starts now (server clock). One meeting per cycle: starting it again (a second click, another
 * moderator at the same moment) leads to the meeting already there.
 */
export async function startMeeting(
	access: CycleAccess,
	viewer: Viewer,
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<{ meeting: MeetingRow; created: boolean }> {
	if (!access.canManage) throw new MeetingError('Only the group’s moderators start the meeting')
	const existing = await findMeetingOfCycle(access.cycleId)
	if (existing) return { meeting: existing, created: false }
	if (access.status === 'draft') throw new MeetingError('Open the cycle before its meeting')
	const [first] = await agendaOf(access.cycleId)
	if (!first) throw new MeetingError('The agenda is empty: add its items first')
	try {
		const meeting = await db.meeting.create({
			data: {
				cycleId: access.cycleId,
				startedById: viewer.id,
				startedAt: now,
				status: 'live',
				currentItemId: first.id,
				itemStartedAt: now,
				version: 1,
			},
			select: stateSelect,
		})
		publishState(realtime, meeting)
		// Pages of the group open before the start (the meeting page waiting for it) are in the
		// group's presence room, whose guard admits the same people: they learn of it there.
		realtime.toRoom(rooms.groupPresence(access.groupId), QUARTERLY_EVENTS.meetingState, stateOf(meeting))
		return { meeting, created: true }
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		const raced = await findMeetingOfCycle(access.cycleId)
		if (!raced) throw error
		return { meeting: raced, created: false }
	}
}

export type MoveOutcome =
	| { ok: true; meeting: MeetingRow }
	| { ok: false; reason: 'conflict' | 'ended' | 'edge' | 'unknown'; meeting: MeetingRow }

export const MOVE_REFUSALS: Record<Exclude<MoveOutcome, { ok: true }>['reason'], string> = {
	conflict: 'Another moderator moved the meeting first: here is where it stands now.',
	ended: 'The meeting has ended.',
	edge: 'There is no item that way.',
	unknown: 'That item is not on this meeting’s agenda.',
}

/**
 * Moves the meeting to the next or previous item, or to a given one, from the state at `version`
 * (what the moderator saw). Applied only if the meeting is still at that version: otherwise
 * nothing changes and the current state comes back, for the page to show.
 */
export async function moveMeeting(
	access: MeetingAccess,
	input: { to: string; version: number },
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<MoveOutcome> {
	if (!access.canManage) throw new MeetingError('Only the group’s moderators move the meeting')
	const meeting = await findMeeting(access.meetingId)
	if (!meeting) throw new MeetingError('This meeting no longer exists')
	if (meeting.status !== 'live') return { ok: false, reason: 'ended', meeting }
	if (meeting.version !== input.version) return { ok: false, reason: 'conflict', meeting }
	const ids = (await agendaOf(meeting.cycleId)).map((item) => item.id)
	const at = meeting.currentItemId ? ids.indexOf(meeting.currentItemId) : -1
	let target: string | undefined
	if (input.to === 'next') target = ids[at + 1]
	else if (input.to === 'previous') target = at > 0 ? ids[at - 1] : undefined
	else if (ids.includes(input.to)) target = input.to
	else return { ok: false, reason: 'unknown', meeting }
	if (!target) return { ok: false, reason: 'edge', meeting }
	// The conditional write: of two moderators who both saw `version`, exactly one gets here first.
	const { count } = await db.meeting.updateMany({
		where: { id: meeting.id, version: input.version, status: 'live' },
		data: { currentItemId: target, itemStartedAt: now, version: { increment: 1 } },
	})
	const after = (await findMeeting(meeting.id))!
	if (count === 0) return { ok: false, reason: after.status === 'live' ? 'conflict' : 'ended', meeting: after }
	publishState(realtime, after)
	return { ok: true, meeting: after }
}
