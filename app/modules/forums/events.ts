import type { PostView } from './views.ts'

// Live events of the forums, emitted once per change to the thread's or forum's room.
export const FORUM_EVENTS = {
	postCreated: 'thread:post-created',
	postUpdated: 'thread:post-updated',
	postRemoved: 'thread:post-removed',
	threadUpdated: 'thread:updated',
	typing: 'thread:typing',
	readers: 'thread:readers',
	forumActivity: 'forum:activity',
} as const

export type PostCreatedEvent = { threadId: string; post: PostView; lastPostNumber: number }
export type PostUpdatedEvent = { threadId: string; post: PostView }
export type PostRemovedEvent = { threadId: string; postId: string }
export type ThreadUpdatedEvent = { threadId: string; locked: boolean; pinned: boolean; acceptedPostId: string | null; title: string }
export type TypingEvent = { threadId: string; userId: string; name: string }
/** `names`: the first few readers' names in order (server/realtime/forums.ts), `count`: all of them. */
export type ReadersEvent = { threadId: string; count: number; names: string[] }
export type ForumActivityEvent = { forumId: string; threadId: string }
