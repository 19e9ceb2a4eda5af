import { z } from 'zod'

// The live meeting's vocabulary, shared by the page's forms and the actions: limits, the forms'
// schemas, and the timer arithmetic both sides agree on.

export const MEETING_LIMITS = {
	parkingLotMax: 500,
	noteMax: 4000,
	actionTextMax: 500,
	/** A member adds at most this many parking-lot items per minute (a stuck key, a script). */
	parkingLotPerMinute: 5,
	/** And a meeting holds at most this many: a parking lot is for a few things to come back to. */
	parkingLotPerMeeting: 200,
	notesPerMeeting: 1000,
	actionItemsPerMeeting: 300,
} as const

const max = (limit: number, what: string) => `${what} can be at most ${limit.toLocaleString('en-US')} characters`
const day = z
	.string({ error: 'Choose the day it is due' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD')
	.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Enter a real date')

export const ParkingLotSchema = z.object({
	body: z
		.string({ error: 'Write what should wait for later' })
		.trim()
		.min(1, 'Write what should wait for later')
		.max(MEETING_LIMITS.parkingLotMax, max(MEETING_LIMITS.parkingLotMax, 'A parking-lot item')),
})

export const NoteSchema = z.object({
	body: z
		.string({ error: 'Write the note' })
		.trim()
		.min(1, 'Write the note')
		.max(MEETING_LIMITS.noteMax, max(MEETING_LIMITS.noteMax, 'A note')),
	agendaItemId: z.string().min(1).max(100).optional(),
})

export const ActionItemSchema = z.object({
	text: z
		.string({ error: 'Say what will be done' })
		.trim()
		.min(1, 'Say what will be done')
		.max(MEETING_LIMITS.actionTextMax, max(MEETING_LIMITS.actionTextMax, 'An action item')),
	ownerId: z.string({ error: 'Choose who owns it' }).min(1, 'Choose who owns it').max(100),
	dueOn: day,
})
export type ActionItemInput = z.infer<typeof ActionItemSchema>

/** One click from a note: the note's text, owned by someone, due on a day. */
export const ActionFromNoteSchema = z.object({
	noteId: z.string({ error: 'Choose a note' }).min(1).max(100),
	ownerId: z.string({ error: 'Choose who owns it' }).min(1, 'Choose who owns it').max(100),
	dueOn: day,
})

export const MoveSchema = z.object({
	/** "next", "previous" or an agenda item's id. */
	to: z.string().min(1).max(100),
	/** The version the moderator's page showed: the move applies only to that state. */
	version: z.number({ error: 'Reload the page' }).int().min(0),
})

export const ActionItemIdSchema = z.object({ actionItemId: z.string().min(1).max(100) })
export const ToGoalSchema = ActionItemIdSchema.extend({ planId: z.string({ error: 'Choose a plan' }).min(1).max(100) })
export const ToCheckInSchema = ActionItemIdSchema.extend({
	goalId: z.string({ error: 'Choose a goal' }).min(1, 'Choose a goal').max(200),
})

/** Seconds the current item has run, on the server's clock: `clockOffsetMs` = server now − client now. */
export function elapsedSeconds(itemStartedAt: string | null, clientNowMs: number, clockOffsetMs: number): number {
	if (!itemStartedAt) return 0
	return Math.max(0, Math.floor((clientNowMs + clockOffsetMs - Date.parse(itemStartedAt)) / 1000))
}

/** "12:05", or "1:02:07" past an hour. */
export function formatDuration(totalSeconds: number): string {
	const seconds = Math.max(0, Math.floor(totalSeconds))
	const h = Math.floor(seconds / 3600)
	const m = Math.floor((seconds % 3600) / 60)
	const s = seconds % 60
	const pad = (n: number) => String(n).padStart(2, '0')
	return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

export const AGENDA_KIND_LABELS: Record<string, string> = {
	hot_seat: 'Hot seat',
	ask: 'Ask',
	blocker: 'Blocker',
	custom: 'Item',
}

