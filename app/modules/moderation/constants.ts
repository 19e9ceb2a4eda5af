// The notification subjects moderation registers (subjects.server.ts), by kind.

/** A member's flag: "your flag was handled", to its reporter only. */
export const MODERATION_FLAG = 'moderation.flag'
/** A forum post a moderator hid (or showed again): to its author only, with the reason. */
export const MODERATION_POST = 'moderation.post'
/** A program review hidden (or shown again): to its author only, with the reason. */
export const MODERATION_RATING = 'moderation.rating'

/** Notification types of these subjects (their phrases are in notifications.ts). */
export const MODERATION_TYPES = {
	flagHidden: 'flag-hidden',
	flagDismissed: 'flag-dismissed',
	hidden: 'hidden',
	unhidden: 'unhidden',
} as const

/** The subjects an author is told about when what they wrote is hidden or shown again. */
export type AuthorNoticeKind = typeof MODERATION_POST | typeof MODERATION_RATING
