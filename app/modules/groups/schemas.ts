import { z } from 'zod'

export const CreateGroupSchema = z.object({
	name: z
		.string({ error: 'Give the group a name' })
		.trim()
		.min(3, 'Use at least 3 characters')
		.max(80, 'Use at most 80 characters'),
	description: z.string().trim().max(500, 'Use at most 500 characters').optional().default(''),
})

export const INVITATION_EXPIRY_DAYS = [1, 7, 14, 30] as const

export const INVITATION_NOTE_LIMIT = 100

export const CreateInvitationSchema = z.object({
	expiresInDays: z.coerce
		.number({ error: 'Choose when the link expires' })
		.refine((days) => (INVITATION_EXPIRY_DAYS as readonly number[]).includes(days), 'Choose one of the offered expiry times'),
	singleUse: z
		.string()
		.optional()
		.transform((value) => value === 'on' || value === 'true'),
	note: z
		.string()
		.trim()
		.max(INVITATION_NOTE_LIMIT, `Keep the note under ${INVITATION_NOTE_LIMIT} characters`)
		.optional()
		.transform((value) => value ?? ''),
})
