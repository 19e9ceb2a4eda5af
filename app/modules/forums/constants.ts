// Shared by forms, lists and the server: the vocabulary of the forums.
export const THREAD_KINDS = ['discussion', 'question', 'lesson'] as const
export type ThreadKind = (typeof THREAD_KINDS)[number]

export const THREAD_KIND_LABELS: Record<ThreadKind, string> = {
	discussion: 'Discussion',
	question: 'Question',
	lesson: 'Lesson learned',
}

// The classic growth blockers of a solution provider's business.
export const BLOCKERS = [
	'cash_flow',
	'sales',
	'marketing',
	'leadership',
	'strategic_relationships',
	'operations',
	'other',
] as const
export type Blocker = (typeof BLOCKERS)[number]

export const BLOCKER_LABELS: Record<Blocker, string> = {
	cash_flow: 'Cash flow',
	sales: 'Sales',
	marketing: 'Marketing',
	leadership: 'Leadership',
	strategic_relationships: 'Strategic relationships',
	operations: 'Operations',
	other: 'Other',
}

export const NOTIFICATION_LEVELS = ['watching', 'tracking', 'muted'] as const
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number]

export const NOTIFICATION_LEVEL_LABELS: Record<NotificationLevel, { label: string; hint: string }> = {
	watching: { label: 'Watching', hint: 'Notify me of every reply' },
	tracking: { label: 'Tracking', hint: 'Notify me of mentions; show the unread count' },
	muted: { label: 'Muted', hint: 'Never notify me' },
}

export const LIMITS = {
	titleMin: 5,
	titleMax: 150,
	bodyMax: 20_000,
	tagsMax: 5,
	tagMax: 30,
	lessonPartMax: 5_000,
}

export const POSTS_PER_PAGE = 20
export const THREADS_PER_PAGE = 25

export const DEFAULT_CATEGORIES = [
	{ slug: 'general', name: 'General', description: 'Anything the group wants to talk about.' },
	{ slug: 'lessons', name: 'Lessons learned', description: 'What happened, what we learned, what we would do differently.' },
	{ slug: 'vendors', name: 'Vendor programs', description: 'Partner programs, funds, rebates and deadlines.' },
	{ slug: 'meetings', name: 'Quarterly meetings', description: 'Preparation and follow-up of our meetings.' },
]

export const COMMUNITY_FORUM_ID = 'community'

/** A forum post as a subject of notifications and search (forums/subjects.server.ts registers it). */
export const FORUM_POST = 'forum.post'

/**
 * The "listed" rule of access.server.ts (neither the thread nor the post hidden, the post not
 * deleted) as plain SQL text on the aliases t (Thread) and p (Post), for the search engines, whose
 * worker thread cannot load the access module; the forum part of the rule comes from
 * readableForumIds, as the search subject's scopes.
 */
export const LISTED_POST_SQL_TEXT = 't."hiddenAt" IS NULL AND p."hiddenAt" IS NULL AND p."deletedAt" IS NULL'
