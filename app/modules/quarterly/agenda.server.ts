import { REVIEW_BLOCKER_LABELS } from './questions.ts'
import type { Question } from './questions.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import type { CycleAccess } from './access.server.ts'
import { parseAnswers, parseQuestions, textAnswer } from './answers.ts'
import { AGENDA_LIMITS } from './dashboard-schemas.ts'
import { AGENDA_KIND_LABELS, type AgendaKind } from './dashboard.ts'

// The meeting's agenda, drawn from the submitted updates and then shaped by a moderator: a hot
// seat for each member who submitted, each member's ask of the group, and the blockers most of
// them named, counted. Drafts are their authors' alone and never feed it.

export { AGENDA_KIND_LABELS, type AgendaKind } from './dashboard.ts'

export type AgendaItemView = {
	id: string
	position: number
	kind: AgendaKind
	title: string
	note: string
	minutes: number
	member: { id: string; name: string } | null
}

export type DraftItem = { kind: AgendaKind; title: string; memberId: string | null; minutes: number; note: string }

export const AGENDA_MINUTES = { hot_seat: 15, ask: 5, blocker: 10, custom: 10 } as const
/** Blockers named by at least this many members make the agenda, the most common first. */
const MAX_BLOCKER_ITEMS = 3

function clip(text: string, max: number = AGENDA_LIMITS.titleMax): string {
	const oneLine = text.replace(/\s+/g, ' ').trim()
	return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`
}

/**
 * The agenda the updates suggest, in meeting order: the most common blockers first (the group's
 * shared themes, each with how many named it), then each member in turn: their hot seat followed
 * by their ask. Members come in the order they submitted.
 */
export function draftAgenda(
	questions: readonly Question[],
	submissions: ReadonlyArray<{ memberId: string; name: string; answers: Record<string, unknown> }>,
): DraftItem[] {
	const askIds = questions.filter((q) => q.kind === 'text' && q.role === 'ask').map((q) => q.id)
	const blockerIds = questions.filter((q) => q.kind === 'blocker').map((q) => q.id)
	const blockerCounts = new Map<string, string[]>()
	const members: DraftItem[] = []
	for (const submission of submissions) {
		members.push({
			kind: 'hot_seat',
			title: clip(`Hot seat: ${submission.name}`),
			memberId: submission.memberId,
			minutes: AGENDA_MINUTES.hot_seat,
			note: '',
		})
		const ask = askIds.map((id) => textAnswer(submission.answers[id])).find(Boolean)
		if (ask)
			members.push({
				kind: 'ask',
				title: clip(`${submission.name} asks: ${ask}`),
				memberId: submission.memberId,
				minutes: AGENDA_MINUTES.ask,
				// An ask too long for a title is kept whole in the note.
				note: `${submission.name} asks: ${ask}`.length > AGENDA_LIMITS.titleMax ? clip(ask, AGENDA_LIMITS.noteMax) : '',
			})
		const named = new Set(blockerIds.map((id) => textAnswer(submission.answers[id])).filter(Boolean))
		for (const blocker of named) blockerCounts.set(blocker, [...(blockerCounts.get(blocker) ?? []), submission.name])
	}
	const blockers = [...blockerCounts]
		.sort(([a, byA], [b, byB]) => byB.length - byA.length || a.localeCompare(b))
		.slice(0, MAX_BLOCKER_ITEMS)
		.map(([blocker, names]): DraftItem => {
			const label = REVIEW_BLOCKER_LABELS[blocker as keyof typeof REVIEW_BLOCKER_LABELS] ?? clip(blocker, 60)
			return {
				kind: 'blocker',
				title: clip(`Common blocker: ${label} (${names.length} ${names.length === 1 ? 'member' : 'members'})`),
				memberId: null,
				minutes: AGENDA_MINUTES.blocker,
				note: clip(`Named by ${names.join(', ')}`, AGENDA_LIMITS.noteMax),
			}
		})
	return [...blockers, ...members]
}

export async function listAgenda(cycleId: string): Promise<AgendaItemView[]> {
	const items = await db.agendaItem.findMany({
		where: { cycleId },
		orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
		select: { id: true, position: true, kind: true, title: true, note: true, minutes: true, memberId: true },
	})
	const memberIds = [...new Set(items.flatMap((item) => (item.memberId ? [item.memberId] : [])))]
	const names = new Map(
		(await db.user.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
	)
	return items.map((item) => ({
		id: item.id,
		position: item.position,
		kind: (item.kind in AGENDA_KIND_LABELS ? item.kind : 'custom') as AgendaKind,
		title: item.title,
		note: item.note,
		minutes: item.minutes,
		member: item.memberId ? { id: item.memberId, name: names.get(item.memberId) ?? 'A former member' } : null,
	}))
}

async function liveMeeting(tx: DbTransaction | typeof db, cycleId: string) {
	return tx.meeting.findFirst({ where: { cycleId, status: 'live' }, select: { id: true, currentItemId: true } })
}

export type GenerateOutcome =
	| { ok: true; count: number; submitted: number }
	| { ok: false; reason: 'exists' | 'meeting-live' | 'meeting-ended' | 'nothing-submitted' }

export const GENERATE_REFUSALS: Record<Exclude<GenerateOutcome, { ok: true }>['reason'], string> = {
	exists: 'This cycle already has an agenda. Replacing it loses its order, notes and added items.',
	'meeting-live': 'The meeting is running on this agenda: it cannot be replaced now.',
	'meeting-ended': 'The meeting was held on this agenda, and its notes belong to its items: it cannot be replaced.',
	'nothing-submitted': 'No update has been submitted yet: there is nothing to draw an agenda from.',
}

/**
 * Draws the agenda from the cycle's submitted updates. An agenda already there is replaced only
 * when `replace` says the moderator agreed to lose it; never once its meeting has started (the
 * meeting's notes are kept by agenda item).
 */
export async function generateAgenda(
	access: CycleAccess,
	options: { replace: boolean },
): Promise<GenerateOutcome> {
	if (!access.canManage) throw new Error('Only moderators build the agenda')
	const cycle = await db.reviewCycle.findUniqueOrThrow({ where: { id: access.cycleId }, select: { questions: true } })
	const submissions = await db.reviewSubmission.findMany({
		where: { cycleId: access.cycleId, status: 'submitted' },
		select: { memberId: true, answers: true, submittedAt: true, member: { select: { name: true } } },
		orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
	})
	if (submissions.length === 0) return { ok: false, reason: 'nothing-submitted' }
	const items = draftAgenda(
		parseQuestions(cycle.questions),
		submissions.map((s) => ({ memberId: s.memberId, name: s.member.name, answers: parseAnswers(s.answers) })),
	)
	return db.$transaction(async (tx): Promise<GenerateOutcome> => {
		const meeting = await tx.meeting.findUnique({ where: { cycleId: access.cycleId }, select: { status: true } })
		if (meeting) return { ok: false, reason: meeting.status === 'live' ? 'meeting-live' : 'meeting-ended' }
		const existing = await tx.agendaItem.count({ where: { cycleId: access.cycleId } })
		if (existing > 0 && !options.replace) return { ok: false, reason: 'exists' }
		await tx.agendaItem.deleteMany({ where: { cycleId: access.cycleId } })
		await tx.agendaItem.createMany({
			data: items.map((item, index) => ({ cycleId: access.cycleId, position: index + 1, ...item })),
		})
		return { ok: true, count: items.length, submitted: submissions.length }
	})
}

/** Swaps an item with its neighbour; false when the item is not the cycle's or is already at that end. */
export async function moveAgendaItem(cycleId: string, itemId: string, direction: 'up' | 'down'): Promise<boolean> {
	return db.$transaction(async (tx) => {
		const items = await tx.agendaItem.findMany({
			where: { cycleId },
			orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
			select: { id: true },
		})
		const index = items.findIndex((item) => item.id === itemId)
		const other = direction === 'up' ? index - 1 : index + 1
		if (index < 0 || other < 0 || other >= items.length) return false
		;[items[index], items[other]] = [items[other]!, items[index]!]
		// Positions rewritten 1..n: the order stays total however items were added and removed.
		for (const [position, item] of items.entries())
			await tx.agendaItem.update({ where: { id: item.id }, data: { position: position + 1 } })
		return true
	})
}

export async function updateAgendaItem(
	cycleId: string,
	itemId: string,
	input: { note: string; minutes: number },
): Promise<boolean> {
	const { count } = await db.agendaItem.updateMany({ where: { id: itemId, cycleId }, data: input })
	return count > 0
}

export async function addAgendaItem(cycleId: string, input: { title: string; minutes: number; note: string }) {
	return db.$transaction(async (tx) => {
		const last = await tx.agendaItem.aggregate({ where: { cycleId }, _max: { position: true } })
		return tx.agendaItem.create({
			data: { cycleId, kind: 'custom', position: (last._max.position ?? 0) + 1, ...input },
			select: { id: true },
		})
	})
}

export type RemoveOutcome = 'removed' | 'missing' | 'current'

/** Removes an item, unless the running meeting is on it now. */
export async function removeAgendaItem(cycleId: string, itemId: string): Promise<RemoveOutcome> {
	return db.$transaction(async (tx) => {
		const meeting = await liveMeeting(tx, cycleId)
		if (meeting?.currentItemId === itemId) return 'current'
		const item = await tx.agendaItem.findFirst({ where: { id: itemId, cycleId }, select: { position: true } })
		if (!item) return 'missing'
		await tx.agendaItem.delete({ where: { id: itemId } })
		// The items after it move up one: positions stay 1..n.
		await tx.agendaItem.updateMany({
			where: { cycleId, position: { gt: item.position } },
			data: { position: { decrement: 1 } },
		})
		return 'removed'
	})
}
