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

export const AGREEMENT_FORMATS = ['markdown', 'plain'] as const
export const AGREEMENT_MAX_LENGTH = 20_000

export const PublishAgreementSchema = z.object({
	intent: z.literal('publish'),
	text: z
		.string({ error: 'Write the agreement’s text' })
		.trim()
		.min(20, 'Write at least 20 characters')
		.max(AGREEMENT_MAX_LENGTH, `Use at most ${AGREEMENT_MAX_LENGTH.toLocaleString('en')} characters`),
	format: z.enum(AGREEMENT_FORMATS, { error: 'Choose markdown or plain text' }),
})

export const AcceptAgreementSchema = z.object({
	intent: z.literal('accept'),
	versionId: z.string().min(1),
})
