/**
 * The vocabulary shared by the socket server (server/realtime) and the app: room names and
 * the publisher that actions receive through the load context. Actions commit to the database
 * first, then publish; sockets only subscribe.
 */
export const rooms = {
	user: (userId: string) => `user:${userId}`,
	groupPresence: (groupId: string) => `presence:group:${groupId}`,
	thread: (threadId: string) => `thread:${threadId}`,
	forum: (forumId: string) => `forum:${forumId}`,
}

export interface RealtimePublisher {
	/** One broadcast to everyone in the room: the payload is serialised once by socket.io. */
	toRoom(room: string, event: string, payload: unknown): void
	/** Same, to several rooms at once (a socket in more than one of them gets it once). */
	toRooms(roomNames: string[], event: string, payload: unknown): void
	/**
	 * Ends live connections of a user (all, one session's, or all but one session's). Used when
	 * access ends: a reconnecting client rejoins only the rooms it may still join.
	 */
	disconnectUser(userId: string, filter?: { sessionId?: string; exceptSessionId?: string }): Promise<void>
	/** Removes from a room every socket whose user is not in `keepUserIds` (a thread hidden from members). */
	evictFromRoom(room: string, keepUserIds: string[]): Promise<void>
}

export type OnlineMember = { userId: string; name: string }
export type PresenceUpdate = { groupId: string; online: OnlineMember[] }
