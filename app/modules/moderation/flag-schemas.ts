// Shared by the flag forms and the queue's forms, on the server and in the browser.
import { z } from 'zod'

export const FLAG_SUBJECT_KINDS = ['post', 'thread', 'rating'] as const
export type FlagSubjectKind = (typeof FLAG_SUBJECT_KINDS)[number]

export const FLAG_REASONS = [
	'off_topic',
	'inappropriate',
	'confidentiality',
	'spam',
	'other',
] as const
export type FlagReason = (typeof FLAG_REASONS)[number]

export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
	off_topic: 'Off-topic',
	inappropriate: 'Inappropriate',
	confidentiality: 'Breaks confidentiality',
	spam: 'Spam',
	other: 'Other',
}

export const FLAG_NOTE_MAX = 500
export const HIDE_REASON_MAX = 500
export const DISMISS_NOTE_MAX = 500
export const FLAG_THRESHOLD_MIN = 1
export const FLAG_THRESHOLD_MAX = 50

/** What members see on an item hidden by their flags, and what its author is told. */
export const FLAG_HIDDEN_REASON = 'Hidden until a moderator reviews it'

const trimmed = (max: number, what: string) =>
	z.string().trim().max(max, `${what} can be at most ${max} characters.`)

export const FlagSchema = z
	.object({
		kind: z.enum(FLAG_SUBJECT_KINDS, { error: 'Choose what you are flagging.' }),
		id: z
			.string({ error: 'Choose what you are flagging.' })
			.trim()
			.min(1, 'Choose what you are flagging.')
			.max(100),
		reason: z.enum(FLAG_REASONS, { error: 'Choose a reason.' }),
		note: trimmed(FLAG_NOTE_MAX, 'The note').optional().default(''),
	})
	.superRefine((value, ctx) => {
		if (value.reason === 'other' && !value.note) {
			ctx.addIssue({
				code: 'custom',
				path: ['note'],
				message: 'Tell the moderators what is wrong (a note is needed for “Other”).',
			})
		}
	})
export type FlagInput = z.infer<typeof FlagSchema>

/** The same form posted to a review's own address (its kind and id come from the URL). */
export const ReviewFlagSchema = z
	.object({
		reason: z.enum(FLAG_REASONS, { error: 'Choose a reason.' }),
		note: trimmed(FLAG_NOTE_MAX, 'The note').optional().default(''),
	})
	.superRefine((value, ctx) => {
		if (value.reason === 'other' && !value.note) {
			ctx.addIssue({
				code: 'custom',
				path: ['note'],
				message: 'Tell the moderators what is wrong (a note is needed for “Other”).',
			})
		}
	})

/** A reason shown to the author of what a moderator hides. */
export const hideReasonSchema = z
	.string({ error: 'Give a reason: the author sees it.' })
	.trim()
	.min(1, 'Give a reason: the author sees it.')
	.max(HIDE_REASON_MAX, `The reason can be at most ${HIDE_REASON_MAX} characters.`)

const item = {
	kind: z.enum(FLAG_SUBJECT_KINDS),
	id: z.string().trim().min(1).max(100),
}

export const ResolveSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('hide'), ...item, reason: hideReasonSchema }),
	z.object({
		intent: z.literal('dismiss'),
		...item,
		note: trimmed(DISMISS_NOTE_MAX, 'The note').optional().default(''),
	}),
	z.object({
		intent: z.literal('threshold'),
		threshold: z.coerce
			.number({ error: 'Give a number.' })
			.int('Give a whole number.')
			.min(FLAG_THRESHOLD_MIN, `At least ${FLAG_THRESHOLD_MIN}.`)
			.max(FLAG_THRESHOLD_MAX, `At most ${FLAG_THRESHOLD_MAX}.`),
	}),
])
export type ResolveInput = z.infer<typeof ResolveSchema>

export const FLAG_STATUS_WORDS: Record<string, string> = {
	open: 'waiting for a moderator',
	hidden: 'a moderator hid it',
	dismissed: 'a moderator reviewed it and left it up',
}
