import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { planAccess } from '#app/modules/plans/access.server.ts'
import { recordCheckIn } from '#app/modules/plans/check-ins.server.ts'
import { PLAN_LIMITS, type GoalStatus } from '#app/modules/plans/constants.ts'
import { addGoal, getGoal } from '#app/modules/plans/goals.server.ts'
import { PlanError } from '#app/modules/plans/plan-error.ts'
import { db } from '#app/utils/db.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { actionItemAccess, readableActionItemsWhere, type MeetingAccess } from './access.server.ts'
import { QUARTERLY_EVENTS } from './events.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { MEETING_LIMITS } from './meeting.ts'
import { MeetingError } from './meetings.server.ts'

// Commitments made in a meeting: text, an owner among the group's members, a due day. Shown on
// their owner's pages until done, reminded when due (action-item-reminders.server.ts). Where the
// owner has an annual plan for this year, they may turn one into a goal or a check-in note: the
// plans access rule decides (only a plan's owner changes it), the plans module does the writing.

type Viewer = Pick<SessionUser, 'id'>

function dueDate(day: string): Date {
	return new Date(`${day}T00:00:00Z`)
}

/** A moderator captures an action item during the live meeting. */
export async function addActionItem(
	access: MeetingAccess,
	viewer: Viewer,
	input: { text: string; ownerId: string; dueOn: string },
	realtime: RealtimePublisher,
): Promise<{ id: string }> {
	if (!access.canManage) throw new MeetingError('Only the group’s moderators capture action items')
	if (access.meetingStatus !== 'live') throw new MeetingError('The meeting has ended')
	const owner = await db.membership.findFirst({
		where: activeMembershipWhere({ userId: input.ownerId, groupId: access.groupId }),
		select: { userId: true },
	})
	if (!owner) throw new MeetingError('Choose one of the group’s members', 'ownerId')
	const count = await db.actionItem.count({ where: { meetingId: access.meetingId } })
	if (count >= MEETING_LIMITS.actionItemsPerMeeting) throw new MeetingError('This meeting has as many action items as it can hold')
	const item = await db.actionItem.create({
		data: {
			groupId: access.groupId,
			meetingId: access.meetingId,
			ownerId: input.ownerId,
			text: input.text,
			dueOn: dueDate(input.dueOn),
			createdById: viewer.id,
		},
		select: { id: true },
	})
	realtime.toRoom(rooms.meeting(access.meetingId), QUARTERLY_EVENTS.meetingActionItem, {
		meetingId: access.meetingId,
		actionItemId: item.id,
	})
	return item
}

/** One click from a note: the note's text becomes the action item's. */
export async function addActionItemFromNote(
	access: MeetingAccess,
	viewer: Viewer,
	input: { noteId: string; ownerId: string; dueOn: string },
	realtime: RealtimePublisher,
): Promise<{ id: string }> {
	const note = await db.meetingNote.findFirst({
		where: { id: input.noteId, meetingId: access.meetingId },
		select: { body: true },
	})
	if (!note) throw new MeetingError('That note is not in this meeting')
	const text = note.body.length > MEETING_LIMITS.actionTextMax ? `${note.body.slice(0, MEETING_LIMITS.actionTextMax - 1)}…` : note.body
	return addActionItem(access, viewer, { text, ownerId: input.ownerId, dueOn: input.dueOn }, realtime)
}

const itemSelect = {
	id: true,
	text: true,
	dueOn: true,
	doneAt: true,
	ownerId: true,
	goalId: true,
	createdAt: true,
	owner: { select: { id: true, name: true } },
	group: { select: { slug: true, name: true } },
} as const

export function listMeetingActionItems(meetingId: string) {
	return db.actionItem.findMany({
		where: { meetingId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: itemSelect,
	})
}

/** The viewer's own open action items across their groups (the rule: they are in the item's group). */
export function listOpenActionItems(viewer: Viewer) {
	return db.actionItem.findMany({
		where: { AND: [readableActionItemsWhere(viewer), { ownerId: viewer.id, doneAt: null }] },
		orderBy: [{ dueOn: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
		select: itemSelect,
	})
}

/** The viewer's items done in the last 30 days, to see what was closed. */
export function listRecentlyDoneActionItems(viewer: Viewer, now: Date = new Date()) {
	return db.actionItem.findMany({
		where: {
			AND: [
				readableActionItemsWhere(viewer),
				{ ownerId: viewer.id, doneAt: { gte: new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000) } },
			],
		},
		orderBy: [{ doneAt: 'desc' }, { id: 'asc' }],
		take: 20,
		select: itemSelect,
	})
}

/**
 * Marks an item done (its owner or the group's moderators), or open again. Null when the viewer
 * may not see it (404); false when they may see but not change it (403).
 */
export async function setActionItemDone(
	viewer: Viewer,
	actionItemId: string,
	done: boolean,
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<boolean | null> {
	const access = await actionItemAccess(viewer, actionItemId)
	if (!access) return null
	if (!access.canChange) return false
	const item = await db.actionItem.update({
		where: { id: actionItemId },
		data: { doneAt: done ? now : null },
		select: { meetingId: true },
	})
	if (item.meetingId)
		realtime.toRoom(rooms.meeting(item.meetingId), QUARTERLY_EVENTS.meetingActionItem, {
			meetingId: item.meetingId,
			actionItemId,
		})
	return true
}

/**
 * The viewer's plans of this year and their open goals: where their own action items can go. Only
 * plans the plans access rule says the viewer owns.
 */
export async function planTargets(viewer: Viewer, now: Date = new Date()) {
	const plans = await db.plan.findMany({
		where: { ownerId: viewer.id, year: now.getUTCFullYear() },
		orderBy: { createdAt: 'asc' },
		select: {
			id: true,
			kind: true,
			year: true,
			goals: { where: { droppedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, title: true } },
		},
	})
	const owned = await Promise.all(plans.map(async (plan) => ((await planAccess(viewer, plan.id))?.role === 'owner' ? plan : null)))
	return owned.filter((plan) => plan !== null)
}

/** The action item, when it is the viewer's own; the plans rule then decides about the plan. */
async function ownItem(viewer: Viewer, actionItemId: string) {
	const access = await actionItemAccess(viewer, actionItemId)
	if (!access) return null
	if (access.ownerId !== viewer.id) throw new MeetingError('Only its owner can put an action item in their plan')
	return db.actionItem.findUniqueOrThrow({ where: { id: actionItemId }, select: { id: true, text: true, dueOn: true } })
}

const ALREADY_PLANNED = 'This action item is already in your plan'

/**
 * Puts an action item into the owner's plan once: it is claimed first (two clicks at once, one
 * wins), `write` makes the goal or the note, and the item remembers the goal; a failed write
 * releases the claim.
 */
async function intoPlanOnce(actionItemId: string, write: () => Promise<{ planId: string; goalId: string }>) {
	const claimed = await db.actionItem.updateMany({ where: { id: actionItemId, goalId: null }, data: { goalId: '' } })
	if (claimed.count === 0) throw new MeetingError(ALREADY_PLANNED)
	try {
		const written = await write()
		await db.actionItem.update({ where: { id: actionItemId }, data: { goalId: written.goalId } })
		return written
	} catch (error) {
		await db.actionItem.update({ where: { id: actionItemId }, data: { goalId: null } })
		throw error
	}
}

async function ownPlanOfThisYear(viewer: Viewer, planId: string, now: Date) {
	const access = await planAccess(viewer, planId)
	if (!access || access.role !== 'owner') throw new MeetingError('Choose one of your plans', 'planId')
	if (access.year !== now.getUTCFullYear()) throw new MeetingError('Choose a plan of this year', 'planId')
	return access
}

/** The owner turns an action item into a milestone goal of their plan for this year. Null → 404. */
export async function actionItemToGoal(
	viewer: Viewer,
	input: { actionItemId: string; planId: string },
	now: Date = new Date(),
): Promise<{ planId: string; goalId: string } | null> {
	const item = await ownItem(viewer, input.actionItemId)
	if (!item) return null
	const plan = await ownPlanOfThisYear(viewer, input.planId, now)
	const dueQuarter = item.dueOn.getUTCFullYear() === plan.year ? Math.floor(item.dueOn.getUTCMonth() / 3) + 1 : 4
	const title = item.text.length > PLAN_LIMITS.titleMax ? `${item.text.slice(0, PLAN_LIMITS.titleMax - 1)}…` : item.text
	return intoPlanOnce(item.id, async () => {
		try {
			const goal = await addGoal(plan.planId, {
				title,
				area: 'other',
				measure: 'milestone',
				dueQuarter,
				why: `An action item from our quarterly meeting, due ${isoDay(item.dueOn)}.`,
			})
			return { planId: plan.planId, goalId: goal.id }
		} catch (error) {
			if (error instanceof PlanError) throw new MeetingError(error.message)
			throw error
		}
	})
}

/**
 * The owner records an action item as a check-in note on one of their goals: the goal keeps its
 * last status and value, the note says what was committed. Null → 404.
 */
export async function actionItemToCheckInNote(
	viewer: Viewer,
	input: { actionItemId: string; goalId: string },
	realtime: RealtimePublisher,
	now: Date = new Date(),
): Promise<{ planId: string; goalId: string } | null> {
	const item = await ownItem(viewer, input.actionItemId)
	if (!item) return null
	const found = await db.goal.findUnique({ where: { id: input.goalId }, select: { planId: true } })
	if (!found) throw new MeetingError('Choose one of your goals', 'goalId')
	const plan = await ownPlanOfThisYear(viewer, found.planId, now)
	const goal = await getGoal(plan.planId, input.goalId, now)
	if (!goal) throw new MeetingError('Choose one of your goals', 'goalId')
	const last = goal.lastCheckIn
	const value = last?.value ?? goal.startValue ?? undefined
	return intoPlanOnce(item.id, () => noteOnGoal(plan.planId, goal, last, value, item, realtime, now))
}

async function noteOnGoal(
	planId: string,
	goal: { id: string; measure: string },
	last: { status: GoalStatus } | null,
	value: number | undefined,
	item: { text: string; dueOn: Date },
	realtime: RealtimePublisher,
	now: Date,
): Promise<{ planId: string; goalId: string }> {
	try {
		await recordCheckIn(
			planId,
			goal.id,
			{
				status: last && last.status !== 'done' ? last.status : 'on_track',
				value: goal.measure === 'number' ? value : undefined,
				done: false,
				note: `Action item from our quarterly meeting (due ${isoDay(item.dueOn)}): ${item.text}`,
			},
			realtime,
			now,
		)
	} catch (error) {
		if (error instanceof PlanError) throw new MeetingError(error.message, 'goalId')
		throw error
	}
	return { planId, goalId: goal.id }
}
