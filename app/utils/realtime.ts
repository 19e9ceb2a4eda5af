import type { z } from 'zod'
import { forumClientEvents, type ForumServerEvents } from '#app/modules/forums/events.ts'
import {
	presenceClientEvents,
	type OnlineMember,
	type PresenceServerEvents,
	type PresenceUpdate,
} from '#app/modules/groups/presence-events.ts'
import type { NotificationServerEvents } from '#app/modules/notifications/notifications.ts'
import { planClientEvents, type PlanServerEvents } from '#app/modules/plans/events.ts'
import { quarterlyClientEvents, type QuarterlyServerEvents } from '#app/modules/quarterly/events.ts'
import { vendorClientEvents, type VendorServerEvents } from '#app/modules/vendors/events.ts'

/**
 * The realtime contract shared by the socket server (server/realtime) and the app: room names,
 * the typed event maps of every event family, and the publisher that actions receive through
 * the load context. Actions commit to the database first, then publish; sockets only subscribe.
 *
 * A family (forums, presence, notifications, plans, quarterly reviews, vendor programs) declares its events in
 * its own module: a zod schema per event clients may send, a payload type per event the server
 * sends. It is combined here, one line each, into the maps socket.io's `Server`/`Socket` generics
 * use on both sides.
 */

export const rooms = {
	user: (userId: string) => `user:${userId}`,
	groupPresence: (groupId: string) => `presence:group:${groupId}`,
	thread: (threadId: string) => `thread:${threadId}`,
	forum: (forumId: string) => `forum:${forumId}`,
	plan: (planId: string) => `plan:${planId}`,
	/** A review cycle's completion view: its group's moderators only. */
	reviewCycle: (cycleId: string) => `review-cycle:${cycleId}`,
	meeting: (meetingId: string) => `meeting:${meetingId}`,
	program: (programId: string) => `program:${programId}`,
}

/** What clients may send, by event: the server parses every payload with its schema first. */
export const clientEventSchemas = {
	...forumClientEvents,
	...presenceClientEvents,
	...planClientEvents,
	...quarterlyClientEvents,
	...vendorClientEvents,
}
export type ClientEvent = keyof typeof clientEventSchemas
export type ClientPayload<E extends ClientEvent> = z.output<(typeof clientEventSchemas)[E]>

type ServerPayloads = ForumServerEvents &
	PresenceServerEvents &
	NotificationServerEvents &
	PlanServerEvents &
	QuarterlyServerEvents &
	VendorServerEvents
export type ServerEvent = keyof ServerPayloads
export type ServerPayload<E extends ServerEvent> = ServerPayloads[E]

/** The answer to a client event sent with an acknowledgement callback. */
export type Ack = {
	ok: boolean
	error?: 'not_found' | 'rate_limited'
	/** presence:join answers with who is online. */
	online?: OnlineMember[]
}

export type ClientToServerEvents = {
	[E in ClientEvent]: (
		payload: z.input<(typeof clientEventSchemas)[E]>,
		ack?: (answer: Ack) => void,
	) => void
}
export type ServerToClientEvents = {
	[E in ServerEvent]: (payload: ServerPayload<E>) => void
}

export interface RealtimePublisher {
	/** One broadcast to everyone in the room: the payload is serialised once by socket.io. */
	toRoom<E extends ServerEvent>(room: string, event: E, payload: ServerPayload<E>): void
	/** Same, to several rooms at once (a socket in more than one of them gets it once). */
	toRooms<E extends ServerEvent>(roomNames: string[], event: E, payload: ServerPayload<E>): void
	/**
	 * Ends live connections of a user (all, one session's, or all but one session's): the session
	 * itself ended (log-out, a revoked session, a changed password, expiry).
	 */
	disconnectUser(
		userId: string,
		filter?: { sessionId?: string; exceptSessionId?: string },
	): Promise<void>
	/**
	 * Access changed (a member removed or demoted, a thread hidden…): every live room of the
	 * user's sockets, or of every socket in the room, is checked again with the guard that let it
	 * in, and left where the guard now refuses. Call it after the change is committed.
	 */
	accessChanged(target: { userId: string } | { room: string }): Promise<void>
}

export type { OnlineMember, PresenceUpdate }

/** The publisher for work done with no socket server running (seeding, scripts): nobody listens. */
export const offlinePublisher: RealtimePublisher = {
	toRoom() {},
	toRooms() {},
	disconnectUser: async () => {},
	accessChanged: async () => {},
}
