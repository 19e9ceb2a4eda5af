import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { readableSubmissionsWhere, type CycleAccess } from './access.server.ts'
import { announceCompletion } from './completion-events.server.ts'
import { formatDay } from './days.ts'
import { lessonChoices } from './lesson-links.server.ts'
import { acceptsUpdates } from './lifecycle.ts'
import { cleanAnswers, readAnswers, readQuestions, type Answers } from './question-list.ts'
import { QuarterlyError } from './quarterly-error.ts'
import type { UpdateInput } from './schemas.ts'
import { indexUpdate } from './update-search.server.ts'

// A member's update for a cycle: a draft saved on the server as they type (and by a plain "Save
// draft" without JavaScript), submitted, and changed until the cycle closes. Who may read one is
// decided by access.server.ts (canReadSubmission, readableSubmissionsWhere).

export type SubmissionStatus = 'draft' | 'submitted'

export type OwnUpdate = {
	id: string
	status: SubmissionStatus
	answers: Answers
	lessonThreadId: string | null
	submittedAt: Date | null
	updatedAt: Date
}

/** The member's own update of the cycle, or null before they start. */
export async function getOwnUpdate(cycleId: string, memberId: string): Promise<OwnUpdate | null> {
	const row = await db.reviewSubmission.findUnique({
		where: { cycleId_memberId: { cycleId, memberId } },
		select: { id: true, status: true, answers: true, lessonThreadId: true, submittedAt: true, updatedAt: true },
	})
	return row ? { ...row, status: row.status as SubmissionStatus, answers: readAnswers(row.answers) } : null
}

/** One member's update with its author, for the reading page (the caller has asked canReadSubmission). */
export async function getUpdate(cycleId: string, memberId: string) {
	const row = await db.reviewSubmission.findUnique({
		where: { cycleId_memberId: { cycleId, memberId } },
		select: {
			id: true,
			memberId: true,
			status: true,
			answers: true,
			lessonThreadId: true,
			submittedAt: true,
			updatedAt: true,
			member: { select: { id: true, name: true, company: true } },
		},
	})
	return row ? { ...row, status: row.status as SubmissionStatus, answers: readAnswers(row.answers) } : null
}

/** The updates of the cycle the viewer may read (their own, and others' as the rule says). */
export async function listReadableUpdates(access: CycleAccess, viewer: { id: string }) {
	const rows = await db.reviewSubmission.findMany({
		where: readableSubmissionsWhere(access, viewer),
		orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
		select: { memberId: true, status: true, submittedAt: true, updatedAt: true, member: { select: { name: true, company: true } } },
	})
	return rows.map((row) => ({ ...row, status: row.status as SubmissionStatus }))
}

function closedMessage(cycle: { quarter: string; dueOn: Date }) {
	return `The ${cycle.quarter} review closed after ${formatDay(cycle.dueOn)}: updates can no longer be changed`
}

/**
 * Saves the member's update: as a draft (any part of it), or submitted (the schema asked for
 * every key number). A submitted update stays submitted; it is changed with another submit, not
 * with a draft save, so moderators never read half an edit. Refused once the cycle has closed.
 * The completion view is told after the commit.
 */
export async function saveUpdate(options: {
	cycleId: string
	memberId: string
	input: UpdateInput
	mode: 'draft' | 'submit'
	now: Date
	realtime: RealtimePublisher
}): Promise<{ status: SubmissionStatus; updatedAt: Date }> {
	const { cycleId, memberId, input, mode, now } = options
	const cycle = await db.reviewCycle.findUnique({
		where: { id: cycleId },
		select: { groupId: true, quarter: true, status: true, opensOn: true, dueOn: true, questions: true },
	})
	if (!cycle) throw new QuarterlyError('This cycle no longer exists')
	if (!acceptsUpdates(cycle, now)) {
		throw new QuarterlyError(cycle.status === 'draft' ? `The ${cycle.quarter} review is not open yet` : closedMessage(cycle))
	}
	const answers = JSON.stringify(cleanAnswers(readQuestions(cycle.questions), input.answers))
	let lessonThreadId: string | null = null
	if (input.lessonThreadId) {
		const choices = await lessonChoices({ id: memberId }, cycle.groupId, cycle.quarter)
		if (!choices.some((choice) => choice.id === input.lessonThreadId))
			throw new QuarterlyError('Link a lesson learned you wrote in this group’s forum this quarter', 'lessonThreadId')
		lessonThreadId = input.lessonThreadId
	}
	const saved = await db.$transaction(async (tx) => {
		// Checked again inside the write: a close that lands meanwhile wins.
		const current = await tx.reviewCycle.findUniqueOrThrow({ where: { id: cycleId }, select: { status: true, opensOn: true, dueOn: true } })
		if (!acceptsUpdates(current, now)) throw new QuarterlyError(closedMessage(cycle))
		const existing = await tx.reviewSubmission.findUnique({
			where: { cycleId_memberId: { cycleId, memberId } },
			select: { status: true, submittedAt: true },
		})
		if (mode === 'draft' && existing?.status === 'submitted')
			throw new QuarterlyError('Your update is submitted: save changes to it with “Save changes”')
		const data =
			mode === 'submit'
				? { answers, lessonThreadId, status: 'submitted', submittedAt: existing?.submittedAt ?? now }
				: { answers, lessonThreadId, status: 'draft' }
		const row = await tx.reviewSubmission.upsert({
			where: { cycleId_memberId: { cycleId, memberId } },
			create: { cycleId, memberId, ...data },
			update: data,
			select: { id: true, status: true, updatedAt: true },
		})
		await indexUpdate(tx, row.id)
		return row
	})
	const status = saved.status as SubmissionStatus
	announceCompletion(options.realtime, { cycleId, memberId, status })
	return { status, updatedAt: saved.updatedAt }
}
