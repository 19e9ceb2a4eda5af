import { z } from 'zod'
import { PLAN_LIMITS } from './constants.ts'

// Accountability buddies and their reviews, shared by the browser and the server: the statuses,
// the verdicts, and one zod schema per form of the buddy dashboard and the check-in page.
// (The pairing statuses and the check-in statuses are spelled out here until the plans core and
// this module share one constants file.)

export const BUDDY_STATUSES = ['pending', 'accepted', 'declined', 'ended'] as const
export type BuddyStatus = (typeof BUDDY_STATUSES)[number]

export const VERDICTS = ['confirmed', 'talk'] as const
export type Verdict = (typeof VERDICTS)[number]
export const VERDICT_LABELS: Record<Verdict, string> = {
	confirmed: 'Confirmed',
	talk: 'Let’s talk',
}

/** A goal with no check-in for this many days is quiet: a buddy may nudge its owner. */
export const STALE_DAYS = PLAN_LIMITS.staleDays
export const COMMENT_MAX = 2000
export const TALK_NOTE_MAX = 1000

const id = z.string({ error: 'Choose someone' }).trim().min(1, 'Choose someone').max(100)

export const InviteBuddySchema = z.object({ intent: z.literal('invite'), inviteeId: id })
export const RespondSchema = z.object({
	intent: z.enum(['accept', 'decline']),
	pairId: z.string().min(1).max(100),
})
export const EndPairingSchema = z.object({
	intent: z.literal('end'),
	pairId: z.string().min(1).max(100),
	confirm: z.literal('yes', { error: 'Tick the box to confirm that you want to end this pairing' }),
})

export const ReviewSchema = z
	.object({
		intent: z.literal('review'),
		verdict: z.enum(VERDICTS, { error: 'Choose confirmed or let’s talk' }),
		note: z
			.string()
			.trim()
			.max(TALK_NOTE_MAX, `At most ${TALK_NOTE_MAX} characters`)
			.optional()
			.default(''),
	})
	.refine((value) => value.verdict !== 'talk' || value.note.length > 0, {
		path: ['note'],
		message: 'Say what you would like to talk about',
	})

export const CommentSchema = z.object({
	intent: z.literal('comment'),
	body: z
		.string({ error: 'Write a comment' })
		.trim()
		.min(1, 'Write a comment')
		.max(COMMENT_MAX, `At most ${COMMENT_MAX.toLocaleString('en')} characters`),
})

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A goal is quiet when nothing happened on it for STALE_DAYS: its last check-in, or its creation
 * when it has none, is at least that old.
 */
export function isStale(lastActivity: Date, now: Date): boolean {
	return now.getTime() - lastActivity.getTime() >= STALE_DAYS * DAY_MS
}

/** A goal is done when its latest check-in says so (a later check-in can reopen it). */
export function isDoneCheckIn(
	checkIn: { done: boolean; status: string } | null | undefined,
): boolean {
	return Boolean(checkIn && (checkIn.done || checkIn.status === 'done'))
}

/** The start of the UTC day of `now`: nudges are limited per calendar day. */
export function startOfUtcDay(now: Date): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
}
