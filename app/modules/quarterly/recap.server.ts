import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { LIMITS } from '#app/modules/forums/constants.ts'
import { ForumError } from '#app/modules/forums/forum-error.ts'
import { getGroupForum, listCategories } from '#app/modules/forums/forums.server.ts'
import { createThread } from '#app/modules/forums/posts.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import type { MeetingAccess } from './access.server.ts'
import { listMeetingActionItems } from './action-items.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { AGENDA_KIND_LABELS } from './meeting.ts'
import { listMeetingNotes } from './meeting-notes.server.ts'
import { agendaOf, findMeeting, MeetingError, publishState, type MeetingRow } from './meetings.server.ts'
import { listParkingLot } from './parking-lot.server.ts'

// The end of the meeting: a recap (agenda, notes, action items, parking lot) posted as a thread of
// the group's forum through the forums' own thread creation, so that its notifications, search
// entry and counts are the forum's. The thread and the meeting's end are one commit: a meeting is
// never ended without its recap, nor recapped twice.

class AlreadyEnded extends Error {}

/** One line of markdown from a member's text: kept to one paragraph of a list item. */
function line(text: string): string {
	return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** The recap as markdown, within a post's limit (the longest sections are cut, with a note). */
export async function recapMarkdown(meetingId: string, cycle: { quarter: string }): Promise<string> {
	const meeting = (await findMeeting(meetingId))!
	const [agenda, notes, actions, parked] = await Promise.all([
		agendaOf(meeting.cycleId),
		listMeetingNotes(meetingId),
		listMeetingActionItems(meetingId),
		listParkingLot(meetingId),
	])
	const parts: string[] = [`Recap of our ${cycle.quarter} quarterly meeting.`, '## Agenda']
	agenda.forEach((item, index) => {
		parts.push(`${index + 1}. **${line(item.title)}** (${AGENDA_KIND_LABELS[item.kind] ?? 'Item'})`)
		for (const note of notes.filter((n) => n.agendaItemId === item.id)) parts.push(`    - ${line(note.body)}`)
	})
	const loose = notes.filter((n) => !n.agendaItemId || !agenda.some((item) => item.id === n.agendaItemId))
	if (loose.length > 0) {
		parts.push('## Other notes')
		for (const note of loose) parts.push(`- ${line(note.body)}`)
	}
	parts.push('## Action items')
	if (actions.length === 0) parts.push('None recorded.')
	for (const item of actions) parts.push(`- ${line(item.text)} — ${item.owner.name}, due ${isoDay(item.dueOn)}`)
	parts.push('## Parking lot')
	if (parked.length === 0) parts.push('Nothing parked.')
	for (const item of parked) parts.push(`- ${line(item.body)}`)
	let body = parts.join('\n\n')
	if (body.length > LIMITS.bodyMax) {
		const cut = '\n\n…(the recap was cut here: the meeting page holds everything)'
		body = body.slice(0, LIMITS.bodyMax - cut.length) + cut
	}
	return body
}

/**
 * A moderator ends the live meeting: the recap is posted to the group's forum and the meeting
 * links to it. A meeting already ended (by another moderator a moment before) is left as it is.
 */
export async function endMeeting(
	access: MeetingAccess,
	viewer: SessionUser,
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<{ ended: boolean; meeting: MeetingRow }> {
	if (!access.canManage) throw new MeetingError('Only the group’s moderators end the meeting')
	const current = await findMeeting(access.meetingId)
	if (!current) throw new MeetingError('This meeting no longer exists')
	if (current.status !== 'live') return { ended: false, meeting: current }
	const forum = await getGroupForum(access.groupId)
	if (!forum) throw new MeetingError('The group has no forum to post the recap in')
	const categories = await listCategories(forum.id)
	const category = categories.find((c) => c.slug === 'meetings') ?? categories[0]
	if (!category) throw new MeetingError('The group’s forum has no category to post the recap in')
	const body = await recapMarkdown(access.meetingId, access)
	try {
		await createThread(
			viewer,
			forum.id,
			{ kind: 'discussion', title: `Recap: our ${access.quarter} quarterly meeting`, categoryId: category.id, tags: [], body },
			realtime,
			{
				// A moderator's recap is not a member's post: no posting gap applies.
				pace: 'unpaced',
				alongWith: async (tx, created) => {
					const { count } = await tx.meeting.updateMany({
						where: { id: access.meetingId, status: 'live' },
						data: { status: 'ended', endedAt: now, recapThreadId: created.threadId, version: { increment: 1 } },
					})
					if (count === 0) throw new AlreadyEnded()
				},
			},
		)
	} catch (error) {
		if (error instanceof AlreadyEnded) return { ended: false, meeting: (await findMeeting(access.meetingId))! }
		if (error instanceof ForumError) throw new MeetingError(`The recap could not be posted: ${error.message}`)
		throw error
	}
	const meeting = (await findMeeting(access.meetingId))!
	publishState(realtime, meeting)
	return { ended: true, meeting }
}
