import { z } from 'zod'
import type { PostView } from './views.ts'

// The forums' live events, declared once for both sides (app/utils/realtime.ts combines the
// families into socket.io's typed event maps). What clients send is a zod schema, checked by the
// server before any handler runs; what the server sends is a payload type.

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

export type ForumServerEvents = {
	[FORUM_EVENTS.postCreated]: PostCreatedEvent
	[FORUM_EVENTS.postUpdated]: PostUpdatedEvent
	[FORUM_EVENTS.postRemoved]: PostRemovedEvent
	[FORUM_EVENTS.threadUpdated]: ThreadUpdatedEvent
	[FORUM_EVENTS.typing]: TypingEvent
	[FORUM_EVENTS.readers]: ReadersEvent
	[FORUM_EVENTS.forumActivity]: ForumActivityEvent
}

const id = z.string().min(1).max(100)
const forumRoom = z.object({ forumId: id })
const threadRoom = z.object({ threadId: id })

export const forumClientEvents = {
	'forum:join': forumRoom,
	'forum:leave': forumRoom,
	'thread:join': threadRoom,
	'thread:leave': threadRoom,
	[FORUM_EVENTS.typing]: threadRoom,
}
