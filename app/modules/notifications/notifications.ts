import { deadlineNoticeText } from '#app/modules/vendors/program-dates.ts'

// Shared by the server and the UI: what a notification can be and how it reads.
export const NOTIFICATION_TYPES = ['reply', 'mention', 'quote', 'accepted'] as const
export type NotificationType = (typeof NOTIFICATION_TYPES)[number]

/** The socket event a user's tabs receive when a notification is created for them. */
export const NOTIFICATION_EVENT = 'notification:new'

/** Live events of notifications (server to client only: clients send nothing). */
export type NotificationServerEvents = {
	[NOTIFICATION_EVENT]: { subjectKind: string; subjectId: string }
}

/** "Ada <phrase> <subject's title>"; a subject kind's own types read as "posted in" unless listed. */
export const NOTIFICATION_PHRASES: Record<NotificationType, string> = {
	reply: 'replied in',
	mention: 'mentioned you in',
	quote: 'quoted you in',
	accepted: 'marked your reply as the answer in',
}

/** The phrases of other subject kinds' own types (plans: check-ins, verdicts, comments, nudges, reminders). */
const SUBJECT_TYPE_PHRASES: Record<string, string> = {
	'check-in': 'checked in on',
	review: 'gave a verdict on a check-in of',
	comment: 'commented on a check-in of',
	nudge: 'nudged you about',
	// A reminder's actor is the plan's owner, who chose its cadence.
	reminder: 'set a reminder: check-ins are due for',
	// Quarterly reviews: a cycle opened (by a moderator, or on its date: the actor is who made it).
	'cycle-open': 'opened',
	// Quarterly reviews: a moderator set or moved the day the group meets.
	'meeting-set': 'set the meeting day of',
	// Quarterly reviews: a moderator reminds everyone whose update is still to send.
	'review-reminder': 'reminded you to send your update for',
	// Quarterly meetings' action items; the actor is the moderator who captured the item.
	'action-due': 'noted your action item, due today:',
	'action-overdue': 'noted your action item, now overdue:',
	// Moderation: a flag handled (to its reporter), a post or review hidden or shown again (to its author).
	'flag-hidden': 'hid what you flagged:',
	'flag-dismissed': 'reviewed and left up what you flagged:',
	hidden: 'hid',
	unhidden: 'showed again',
}

export function notificationPhrase(type: string): string {
	return NOTIFICATION_PHRASES[type as NotificationType] ?? SUBJECT_TYPE_PHRASES[type] ?? 'posted in'
}

/**
 * A notice nobody sent (a vendor program's deadline coming up) reads as one sentence about its
 * subject, "HP Flex MDF: enrollment closes in 14 days (15 Dec)"; null for the others.
 */
export function notificationSentence(type: string, title: string): string | null {
	return deadlineNoticeText(type, title)
}

/** The bell's accessible name: the number is part of it, so it is read without seeing the badge. */
export function bellLabel(unread: number): string {
	return unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'
}
