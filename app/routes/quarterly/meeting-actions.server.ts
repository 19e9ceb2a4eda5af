// The meeting page's forms, told apart by `intent`. Each asks the quarterly rule (through the
// route guards) first: anyone outside the group gets 404, a member asking for a moderator's
// action 403, and a refused form comes back with its message (status 400) and changes nothing.
import { parseWithZod } from '@conform-to/zod/v4'
import type { Submission } from '@conform-to/react'
import type { MeetingFormReply } from '#app/components/quarterly/action-item-forms.tsx'
import { data } from 'react-router'
import type { z } from 'zod'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import {
	actionItemAccess,
	meetingAccess,
	type CycleAccess,
	type MeetingAccess,
} from '#app/modules/quarterly/access.server.ts'
import {
	actionItemToCheckInNote,
	actionItemToGoal,
	addActionItem,
	addActionItemFromNote,
	setActionItemDone,
} from '#app/modules/quarterly/action-items.server.ts'
import {
	ActionFromNoteSchema,
	ActionItemIdSchema,
	ActionItemSchema,
	MoveSchema,
	NoteSchema,
	ParkingLotSchema,
	ToCheckInSchema,
	ToGoalSchema,
} from '#app/modules/quarterly/meeting.ts'
import { addMeetingNote } from '#app/modules/quarterly/meeting-notes.server.ts'
import {
	findMeetingOfCycle,
	MeetingError,
	MOVE_REFUSALS,
	moveMeeting,
	startMeeting,
} from '#app/modules/quarterly/meetings.server.ts'
import { addParkingLotItem } from '#app/modules/quarterly/parking-lot.server.ts'
import { endMeeting } from '#app/modules/quarterly/recap.server.ts'
import { replyWithin } from '#app/utils/form-reply.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'


function refuse(intent: string, target: string | null, submission: Submission<unknown>, schema: z.ZodType, error?: MeetingError) {
	const options = error
		? error.field
			? { fieldErrors: { [error.field]: [error.message] } }
			: { formErrors: [error.message] }
		: undefined
	return data<MeetingFormReply>({ intent, target, result: replyWithin(submission, schema, options) }, { status: 400 })
}

const MODERATOR_INTENTS = new Set(['start', 'move', 'end', 'note', 'action-item', 'action-from-note'])
const OWNER_INTENTS = new Set(['done', 'reopen', 'to-goal', 'to-check-in'])
const INTENTS = new Set([...MODERATOR_INTENTS, ...OWNER_INTENTS, 'park'])

/** The form's work, once the page's guard has let the viewer in (a member of the cycle's group). */
export async function meetingAction(options: {
	formData: FormData
	user: SessionUser
	access: CycleAccess
	here: string
	realtime: RealtimePublisher
}) {
	const { formData, user, access, here, realtime } = options
	const intent = String(formData.get('intent') ?? '')
	if (!INTENTS.has(intent)) throw new Response('Unknown action', { status: 400 })
	if (MODERATOR_INTENTS.has(intent))
		invariantResponse(access.canManage, 'Only the group’s moderators can do this', { status: 403 })

	if (intent === 'start') {
		try {
			const { created } = await startMeeting(access, user, realtime)
			return redirectWithToast(here, created ? { title: 'The meeting has started' } : { type: 'info', title: 'The meeting had already started' })
		} catch (error) {
			if (error instanceof MeetingError) return redirectWithToast(here, { type: 'info', title: error.message })
			throw error
		}
	}

	// Every other form acts on the cycle's meeting, as the quarterly rule lets this viewer see it.
	const found = await findMeetingOfCycle(access.cycleId)
	const meeting: MeetingAccess | null = found ? await meetingAccess(user, found.id) : null
	if (!meeting || meeting.groupId !== access.groupId) throw notFound()

	if (intent === 'move') {
		const submission = parseWithZod(formData, { schema: MoveSchema })
		if (submission.status !== 'success') return refuse(intent, null, submission, MoveSchema)
		const outcome = await moveMeeting(meeting, submission.value, realtime)
		// The one who lost a race is shown where the meeting is now, not an error.
		if (outcome.ok) return redirectWithToast(here, { type: 'info', title: 'Moved on' })
		return redirectWithToast(here, { type: 'info', title: MOVE_REFUSALS[outcome.reason] })
	}
	if (intent === 'end') {
		try {
			const { ended } = await endMeeting(meeting, user, realtime)
			return redirectWithToast(
				here,
				ended
					? { title: 'The meeting has ended', description: 'Its recap is posted in the group’s forum.' }
					: { type: 'info', title: 'The meeting had already ended' },
			)
		} catch (error) {
			if (error instanceof MeetingError) return redirectWithToast(here, { type: 'error', title: error.message })
			throw error
		}
	}

	const attempt = attemptWith(formData, intent)

	if (OWNER_INTENTS.has(intent)) return actionItemFormAction({ formData, user, here, realtime })

	switch (intent) {
		case 'park':
			return attempt(ParkingLotSchema, () => null, async ({ body }) => {
				await addParkingLotItem(meeting, user, body, realtime)
				return redirectWithToast(here, { title: 'Added to the parking lot' })
			})
		case 'note':
			return attempt(NoteSchema, () => null, async (value) => {
				await addMeetingNote(meeting, user, value, realtime)
				return redirectWithToast(here, { title: 'Note saved' })
			})
		case 'action-item':
			return attempt(ActionItemSchema, () => null, async (value) => {
				await addActionItem(meeting, user, value, realtime)
				return redirectWithToast(here, { title: 'Action item recorded' })
			})
		case 'action-from-note':
			return attempt(ActionFromNoteSchema, (value) => value.noteId, async (value) => {
				await addActionItemFromNote(meeting, user, value, realtime)
				return redirectWithToast(here, { title: 'Action item recorded' })
			})
	}
	throw new Response('Unknown action', { status: 400 })
}

/** Runs `work` on a form that passed its schema; a MeetingError comes back as the form's refusal. */
function attemptWith(formData: FormData, intent: string) {
	return async <S extends z.ZodType>(
		schema: S,
		target: (value: z.output<S>) => string | null,
		work: (value: z.output<S>) => Promise<unknown>,
	) => {
		const submission = parseWithZod(formData, { schema })
		if (submission.status !== 'success') return refuse(intent, null, submission, schema)
		try {
			return await work(submission.value as z.output<S>)
		} catch (error) {
			if (error instanceof MeetingError) return refuse(intent, target(submission.value as z.output<S>), submission, schema, error)
			throw error
		}
	}
}

/**
 * What an action item's owner (or, for done, a moderator of its group) does with it, on the
 * meeting page and on /actions: mark it done or open, put it in their plan.
 */
export async function actionItemFormAction(options: { formData: FormData; user: SessionUser; here: string; realtime: RealtimePublisher }) {
	const { formData, user, here, realtime } = options
	const intent = String(formData.get('intent') ?? '')
	if (!OWNER_INTENTS.has(intent)) throw new Response('Unknown action', { status: 400 })
	const attempt = attemptWith(formData, intent)
	// Only an item's owner puts it in their plan: 404 where the item is out of sight, 403 where it is someone else's.
	if (intent === 'to-goal' || intent === 'to-check-in') {
		const item = await actionItemAccess(user, String(formData.get('actionItemId') ?? ''))
		if (!item) throw notFound()
		invariantResponse(item.ownerId === user.id, 'Only its owner can put an action item in their plan', { status: 403 })
	}

	switch (intent) {
		case 'done':
		case 'reopen':
			return attempt(ActionItemIdSchema, (value) => value.actionItemId, async ({ actionItemId }) => {
				const changed = await setActionItemDone(user, actionItemId, intent === 'done', realtime)
				if (changed === null) throw notFound()
				invariantResponse(changed, 'Only its owner or the group’s moderators can change it', { status: 403 })
				return redirectWithToast(here, { title: intent === 'done' ? 'Marked done' : 'Open again' })
			})
		case 'to-goal':
			return attempt(ToGoalSchema, (value) => value.actionItemId, async (value) => {
				const made = await actionItemToGoal(user, value)
				if (!made) throw notFound()
				return redirectWithToast(here, { title: 'Added as a goal to your plan' })
			})
		case 'to-check-in':
			return attempt(ToCheckInSchema, (value) => value.actionItemId, async (value) => {
				const made = await actionItemToCheckInNote(user, value, realtime)
				if (!made) throw notFound()
				return redirectWithToast(here, { title: 'Added as a check-in note on your goal' })
			})
	}
	throw new Response('Unknown action', { status: 400 })
}
