// Demo content of the live quarterly meeting: last quarter's meeting, held and ended, with its
// notes, parking lot and action items (one done, one still open), so that a member's home page
// and /actions show commitments "until done" at once. This quarter's meeting is left to be
// started: the demo's moderator starts it from the agenda.
import { formatQuarter, previousQuarter, quarterBounds, quarterOf } from '#app/modules/quarterly/quarters.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { db } from '#app/utils/db.server.ts'
import type { DemoContext } from './seed.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000

export async function seedQuarterlyMeeting(c: DemoContext, now: Date = new Date()): Promise<void> {
	const last = previousQuarter(quarterOf(now))
	const { start, end } = quarterBounds(last)
	// Last quarter's cycle, closed: the cycles' own demo content may have made it already.
	const cycle = await db.reviewCycle.upsert({
		where: { groupId_quarter: { groupId: c.group.id, quarter: formatQuarter(last) } },
		create: {
			groupId: c.group.id,
			quarter: formatQuarter(last),
			opensOn: start,
			dueOn: new Date(end.getTime() - 14 * DAY_MS),
			status: 'closed',
			visibility: 'group',
			questions: JSON.stringify(DEFAULT_QUESTIONS),
			createdById: c.moderator.id,
			openedAt: start,
			closedAt: end,
		},
		update: {},
		select: { id: true },
	})
	if (await db.meeting.findUnique({ where: { cycleId: cycle.id }, select: { id: true } })) return

	const [first, second] = c.members
	const heldAt = new Date(end.getTime() - 7 * DAY_MS)
	let agenda = await db.agendaItem.findMany({ where: { cycleId: cycle.id }, orderBy: { position: 'asc' }, select: { id: true } })
	if (agenda.length === 0) {
		const items = [
			{ kind: 'hot_seat', title: `${first!.name} in the hot seat`, memberId: first!.id, minutes: 25 },
			{ kind: 'blocker', title: 'Most common blocker: cash flow', memberId: null, minutes: 15 },
			{ kind: 'custom', title: 'Commitments for next quarter', memberId: null, minutes: 10 },
		]
		for (const [index, item] of items.entries())
			await db.agendaItem.create({ data: { cycleId: cycle.id, position: index + 1, note: '', ...item } })
		agenda = await db.agendaItem.findMany({ where: { cycleId: cycle.id }, orderBy: { position: 'asc' }, select: { id: true } })
	}
	const meeting = await db.meeting.create({
		data: {
			cycleId: cycle.id,
			status: 'ended',
			startedById: c.moderator.id,
			startedAt: heldAt,
			endedAt: new Date(heldAt.getTime() + 2 * 60 * 60 * 1000),
			version: agenda.length + 1,
			notes: {
				create: [
					{ agendaItemId: agenda[0]?.id, authorId: c.moderator.id, body: 'Two clients are 90 days late: the group suggests stopping work at 60 days.', createdAt: heldAt },
					{ agendaItemId: agenda[1]?.id, authorId: c.moderator.id, body: 'Three of us name cash flow; monthly billing in advance helped two members.', createdAt: heldAt },
				],
			},
			parkingLot: {
				create: [{ authorId: second?.id ?? c.moderator.id, body: 'Compare cyber insurance renewals next time', createdAt: heldAt }],
			},
		},
		select: { id: true },
	})
	await db.actionItem.createMany({
		data: [
			{
				groupId: c.group.id,
				meetingId: meeting.id,
				ownerId: first!.id,
				text: 'Move the two late clients to billing in advance',
				dueOn: new Date(heldAt.getTime() + 30 * DAY_MS),
				doneAt: new Date(heldAt.getTime() + 20 * DAY_MS),
				createdById: c.moderator.id,
				createdAt: heldAt,
			},
			{
				groupId: c.group.id,
				meetingId: meeting.id,
				ownerId: (second ?? first)!.id,
				text: 'Get two quotes for a credit line before the next meeting',
				dueOn: new Date(Date.parse(now.toISOString().slice(0, 10)) + 10 * DAY_MS),
				createdById: c.moderator.id,
				createdAt: heldAt,
			},
		],
	})
}

