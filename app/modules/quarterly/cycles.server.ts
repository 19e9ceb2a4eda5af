import { randomBytes } from 'node:crypto'
import {
	announceNotifications,
	recordNotifications,
} from '#app/modules/notifications/notifications.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { cycleReadersWhere, readableCyclesWhere, visibleCyclesWhere, type CycleRole } from './access.server.ts'
import { DAY_MS, parseDay, startOfDay } from './days.ts'
import { acceptsUpdates, cyclePhase, type CyclePhase } from './lifecycle.ts'
import { readQuestions } from './question-list.ts'
import { QuarterlyError } from './quarterly-error.ts'
import { QUESTION_LIMITS, type Question } from './questions.ts'
import type { CycleSettingsInput, CycleVisibility } from './schemas.ts'
import { CYCLE_OPENED, QUARTERLY_CYCLE } from './subjects.server.ts'
import { templateQuestions } from './templates.server.ts'

// A group's review cycle: made as a draft by a moderator (its quarter, dates, who reads the
// updates, and its questions, copied from the group's template), edited while a draft, opened on
// its opening day and closed after its due day by the scheduler (cycle-scheduler.server.ts) or by
// a moderator's hand. Who may do which is decided by access.server.ts and the routes' guards.

function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

const taken = (quarter: string) =>
	new QuarterlyError(`This group already has a review cycle for ${quarter}: open it from the list of reviews`, 'quarter')

function days(input: CycleSettingsInput) {
	const opensOn = parseDay(input.opensOn)
	const dueOn = parseDay(input.dueOn)
	// The schema checked both; a caller that skipped it gets a message, not a crash.
	if (!opensOn) throw new QuarterlyError('Give the day it opens as a date', 'opensOn')
	if (!dueOn) throw new QuarterlyError('Give the day it is due as a date', 'dueOn')
	if (dueOn < opensOn) throw new QuarterlyError('The due day cannot come before the day it opens', 'dueOn')
	return { opensOn, dueOn }
}

/** A new draft cycle of the group, asking the group's template questions (or the default ones). */
export async function createCycle(groupId: string, createdById: string, input: CycleSettingsInput): Promise<{ id: string }> {
	const dates = days(input)
	return db.$transaction(async (tx) => {
		const existing = await tx.reviewCycle.findUnique({ where: { groupId_quarter: { groupId, quarter: input.quarter } }, select: { id: true } })
		if (existing) throw taken(input.quarter)
		const questions = (await templateQuestions(groupId, tx)).slice(0, QUESTION_LIMITS.maxQuestions)
		try {
			return await tx.reviewCycle.create({
				data: { groupId, quarter: input.quarter, ...dates, visibility: input.visibility, questions: JSON.stringify(questions), createdById },
				select: { id: true },
			})
		} catch (error) {
			// Made at the same moment by another moderator.
			if (isUniqueViolation(error)) throw taken(input.quarter)
			throw error
		}
	}).catch((error: unknown) => {
		if (isUniqueViolation(error)) throw taken(input.quarter)
		throw error
	})
}

export type CycleDetails = {
	id: string
	groupId: string
	quarter: string
	opensOn: Date
	dueOn: Date
	status: string
	visibility: CycleVisibility
	questions: Question[]
	openedAt: Date | null
	closedAt: Date | null
	meetingOn: Date | null
	meetingPlace: string | null
	/** The live meeting's state: null before it starts. */
	meetingStatus: string | null
}

export async function getCycle(cycleId: string): Promise<CycleDetails | null> {
	const cycle = await db.reviewCycle.findUnique({
		where: { id: cycleId },
		select: { id: true, groupId: true, quarter: true, opensOn: true, dueOn: true, status: true, visibility: true, questions: true, openedAt: true, closedAt: true, meetingOn: true, meetingPlace: true, meeting: { select: { status: true } } },
	})
	if (!cycle) return null
	const { meeting, ...rest } = cycle
	return { ...rest, meetingStatus: meeting?.status ?? null, visibility: cycle.visibility as CycleVisibility, questions: readQuestions(cycle.questions) }
}

/**
 * The group's cycles the viewer may see (access.server.ts), newest quarter first, with where
 * each stands and the viewer's own update. The current one (open, else the newest) is first.
 */
export async function listCycles(groupId: string, viewer: { id: string }, role: CycleRole, now: Date = new Date()) {
	const rows = await db.reviewCycle.findMany({
		where: visibleCyclesWhere(groupId, role),
		orderBy: { quarter: 'desc' },
		select: {
			id: true,
			quarter: true,
			opensOn: true,
			dueOn: true,
			status: true,
			visibility: true,
			meetingOn: true,
			submissions: { where: { memberId: viewer.id }, select: { status: true } },
			_count: { select: { submissions: { where: { status: 'submitted' } } } },
		},
	})
	const cycles = rows.map(({ submissions, _count, ...cycle }) => ({
		...cycle,
		phase: cyclePhase(cycle, now) as CyclePhase,
		acceptsUpdates: acceptsUpdates(cycle, now),
		myStatus: (submissions[0]?.status ?? null) as 'draft' | 'submitted' | null,
		submittedCount: _count.submissions,
	}))
	const current = cycles.find((cycle) => cycle.acceptsUpdates) ?? null
	return current ? [current, ...cycles.filter((cycle) => cycle !== current)] : cycles
}

/** How far ahead the home page lists a group's next meeting day. */
export const MEETING_AHEAD_DAYS = 60

/**
 * Across the viewer's groups (access.server.ts), what of the quarterly reviews asks for them now:
 * open cycles still taking updates where theirs is not submitted, meetings running now, and
 * meeting days in the next MEETING_AHEAD_DAYS (today included) of meetings not yet started. One
 * query (and Prisma's one per relation), whatever the number of groups.
 */
export async function quarterlyNow(viewer: { id: string }, now: Date = new Date()) {
	const today = startOfDay(now)
	const ahead = { gte: today, lt: new Date(today.getTime() + (MEETING_AHEAD_DAYS + 1) * DAY_MS) }
	const rows = await db.reviewCycle.findMany({
		where: {
			AND: [
				readableCyclesWhere(viewer),
				{
					OR: [
						{ status: 'open' },
						{ meeting: { status: 'live' } },
						{ meetingOn: ahead, meeting: { is: null } },
					],
				},
			],
		},
		orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			quarter: true,
			opensOn: true,
			dueOn: true,
			status: true,
			meetingOn: true,
			meetingPlace: true,
			group: { select: { slug: true, name: true } },
			submissions: { where: { memberId: viewer.id }, select: { status: true } },
			meeting: { select: { status: true } },
		},
	})
	const cycles = rows.map(({ submissions, meeting, ...cycle }) => ({
		...cycle,
		acceptsUpdates: acceptsUpdates(cycle, now),
		myStatus: (submissions[0]?.status ?? null) as 'draft' | 'submitted' | null,
		meetingLive: meeting?.status === 'live',
		// Read for its other reasons too (an open cycle): the same window as the query's.
		meetingAhead: !meeting && cycle.meetingOn !== null && cycle.meetingOn >= ahead.gte && cycle.meetingOn < ahead.lt,
	}))
	return {
		updatesToSend: cycles
			.filter((cycle) => cycle.acceptsUpdates && cycle.myStatus !== 'submitted')
			.map(({ id, quarter, dueOn, group, myStatus }) => ({
				id,
				quarter,
				dueOn,
				group,
				started: myStatus === 'draft',
			})),
		liveMeetings: cycles
			.filter((cycle) => cycle.meetingLive)
			.map(({ id, quarter, group }) => ({ cycleId: id, quarter, group })),
		meetingsAhead: cycles
			.filter((cycle) => cycle.meetingAhead)
			.map(({ id, quarter, group, meetingOn, meetingPlace }) => ({
				cycleId: id,
				quarter,
				group,
				on: meetingOn!,
				place: meetingPlace,
			}))
			.sort((a, b) => a.on.getTime() - b.on.getTime() || a.group.name.localeCompare(b.group.name)),
	}
}

/** Changes to a draft only: once open, the questions are frozen (updates are written against them). */
async function changeDraft<T>(cycleId: string, work: (tx: DbTransaction, cycle: { groupId: string; questions: Question[] }) => Promise<T>): Promise<T> {
	return db.$transaction(async (tx) => {
		const cycle = await tx.reviewCycle.findUnique({ where: { id: cycleId }, select: { groupId: true, status: true, questions: true } })
		if (!cycle) throw new QuarterlyError('This cycle no longer exists')
		if (cycle.status !== 'draft')
			throw new QuarterlyError('This cycle has opened: its dates and questions no longer change')
		return work(tx, { groupId: cycle.groupId, questions: readQuestions(cycle.questions) })
	})
}

/** The quarter, dates and visibility of a draft cycle, and its questions' labels. */
export async function updateCycleSettings(cycleId: string, input: CycleSettingsInput, labels: Record<string, string> = {}): Promise<void> {
	const dates = days(input)
	try {
		await changeDraft(cycleId, async (tx, cycle) => {
			const clash = await tx.reviewCycle.findFirst({ where: { groupId: cycle.groupId, quarter: input.quarter, id: { not: cycleId } }, select: { id: true } })
			if (clash) throw taken(input.quarter)
			const questions = cycle.questions.map((q) => (labels[q.id] !== undefined ? { ...q, label: labels[q.id]! } : q))
			await tx.reviewCycle.update({
				where: { id: cycleId },
				data: { quarter: input.quarter, ...dates, visibility: input.visibility, questions: JSON.stringify(questions) },
			})
		})
	} catch (error) {
		if (isUniqueViolation(error)) throw taken(input.quarter)
		throw error
	}
}

/** Adds, removes or reorders a draft cycle's questions with a change from question-list.ts. */
export async function changeQuestions(cycleId: string, change: (questions: Question[]) => Question[]): Promise<Question[]> {
	return changeDraft(cycleId, async (tx, cycle) => {
		const questions = change(cycle.questions)
		if (questions.length > QUESTION_LIMITS.maxQuestions)
			throw new QuarterlyError(`A cycle asks at most ${QUESTION_LIMITS.maxQuestions} questions`)
		await tx.reviewCycle.update({ where: { id: cycleId }, data: { questions: JSON.stringify(questions) } })
		return questions
	})
}

/** A short random suffix for new question ids. */
export const newQuestionId = () => randomBytes(4).toString('hex')

export const cycleOpenKey = (cycleId: string) => `quarterly.cycle-open:${cycleId}`
export const cycleCloseKey = (cycleId: string) => `quarterly.cycle-close:${cycleId}`

/**
 * Opens a draft cycle in the caller's transaction and notifies the group's members: answers the
 * recipients to announce after the commit, or null when the cycle was no longer a draft (opened
 * already, by hand or by another instance).
 */
export async function openCycleIn(
	tx: DbTransaction,
	cycleId: string,
	options: { now: Date; actorId: string | null },
): Promise<string[] | null> {
	const { count } = await tx.reviewCycle.updateMany({ where: { id: cycleId, status: 'draft' }, data: { status: 'open', openedAt: options.now } })
	if (count === 0) return null
	const cycle = await tx.reviewCycle.findUniqueOrThrow({ where: { id: cycleId }, select: { groupId: true, createdById: true } })
	const readers = await tx.user.findMany({
		where: { AND: [cycleReadersWhere({ groupId: cycle.groupId, status: 'open' }), ...(options.actorId ? [{ id: { not: options.actorId } }] : [])] },
		select: { id: true },
	})
	const recipients = readers.map((reader) => reader.id)
	await recordNotifications(tx, {
		subject: { kind: QUARTERLY_CYCLE, id: cycleId },
		actorId: options.actorId ?? cycle.createdById,
		recipients: recipients.map((userId) => ({ userId, type: CYCLE_OPENED })),
	})
	return recipients
}

/** Closes an open cycle in the caller's transaction; false when it was not open. */
export async function closeCycleIn(tx: DbTransaction, cycleId: string, now: Date): Promise<boolean> {
	const { count } = await tx.reviewCycle.updateMany({ where: { id: cycleId, status: 'open' }, data: { status: 'closed', closedAt: now } })
	return count > 0
}

/**
 * A moderator opens a draft now, before its opening day: the same work as the scheduler's, under
 * the same key, so the scheduler never opens (and notifies) it a second time.
 */
export async function openCycleNow(cycleId: string, options: { now: Date; actorId: string; realtime: RealtimePublisher }): Promise<void> {
	const recipients = await db
		.$transaction(async (tx) => {
			const recipients = await openCycleIn(tx, cycleId, options)
			if (!recipients) throw new QuarterlyError('This cycle is open already')
			await tx.scheduledWorkDone.create({ data: { key: cycleOpenKey(cycleId), job: 'quarterly.cycles', doneAt: options.now } })
			return recipients
		})
		.catch((error: unknown) => {
			if (isUniqueViolation(error)) throw new QuarterlyError('This cycle is open already')
			throw error
		})
	announceNotifications(options.realtime, { kind: QUARTERLY_CYCLE, id: cycleId }, recipients)
}

/** A moderator closes an open cycle now, before its due day is over. */
export async function closeCycleNow(cycleId: string, options: { now: Date }): Promise<void> {
	const closed = await db
		.$transaction(async (tx) => {
			const closed = await closeCycleIn(tx, cycleId, options.now)
			if (closed) await tx.scheduledWorkDone.create({ data: { key: cycleCloseKey(cycleId), job: 'quarterly.cycles', doneAt: options.now } })
			return closed
		})
		.catch((error: unknown) => {
			if (isUniqueViolation(error)) return false
			throw error
		})
	if (!closed) throw new QuarterlyError('This cycle is not open')
}
