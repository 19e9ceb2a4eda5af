import type { SessionUser } from '#app/modules/auth/sessions.server.ts'
import { clientEventSchemas, type Ack, type ClientEvent, type ClientPayload } from '#app/utils/realtime.ts'
import { logger } from '#app/utils/logger.server.ts'
import type { AppRemoteSocket, AppServer, AppSocket } from './io.ts'

/**
 * A kind of room a client may ask to join (a thread, a forum, a group's presence). Each family
 * registers its kinds; this module is the one place that validates the request, asks the guard,
 * joins, and checks again when access changes.
 */
export type RoomKind<E extends ClientEvent = ClientEvent> = {
	/** The client events that ask to join and to leave; both carry the same parameters. */
	join: E
	leave: ClientEvent
	room(params: ClientPayload<E>): string
	/** The parameters back from a room name, for rooms of this kind; null for other rooms. */
	parse(room: string): ClientPayload<E> | null
	/** The domain's access rule: may this user be in this room now? */
	mayJoin(user: SessionUser, params: ClientPayload<E>): Promise<boolean>
	/** After a socket joined: what the join's answer carries besides ok. */
	joined?(io: AppServer, params: ClientPayload<E>): Promise<Partial<Ack> | void>
	/** After a socket left (asked to, was refused on a re-check, or disconnected). */
	left?(io: AppServer, params: ClientPayload<E>): void
}

/** Declares a room kind with its parameter types checked against its join event. */
export function roomKind<E extends ClientEvent>(kind: RoomKind<E>): RoomKind<E> {
	return kind
}

type AnyRoomKind = RoomKind<ClientEvent>

/**
 * Runs `handler` for a client event only once its payload matches the contract's schema; an
 * invalid payload goes no further and is answered like a room that does not exist (when the
 * client asked for an answer).
 */
export function onClientEvent<E extends ClientEvent>(
	socket: AppSocket,
	event: E,
	handler: (payload: ClientPayload<E>, ack: (answer: Ack) => void) => void | Promise<void>,
): void {
	const schema = clientEventSchemas[event]
	// socket.io's listener types are per event; this one listener serves any event of the contract.
	const listener = async (payload: unknown, ack?: unknown) => {
		const answer = typeof ack === 'function' ? (ack as (answer: Ack) => void) : () => {}
		const parsed = schema.safeParse(payload)
		if (!parsed.success) return answer({ ok: false, error: 'not_found' })
		try {
			await handler(parsed.data as ClientPayload<E>, answer)
		} catch (error) {
			logger.error({ err: error, event }, 'socket event failed')
			answer({ ok: false, error: 'not_found' })
		}
	}
	socket.on(event, listener as never)
}

/** Binds join and leave of every room kind to a newly connected socket. */
export function bindRoomKinds(io: AppServer, socket: AppSocket, kinds: AnyRoomKind[]): void {
	const { user } = socket.data
	for (const kind of kinds) {
		onClientEvent(socket, kind.join, async (params, ack) => {
			// The same answer for a room that does not exist and one this user may not see.
			if (!(await kind.mayJoin(user, params))) return ack({ ok: false, error: 'not_found' })
			await socket.join(kind.room(params))
			const extra = (await kind.joined?.(io, params)) ?? {}
			ack({ ok: true, ...extra })
		})
		onClientEvent(socket, kind.leave, async (params, ack) => {
			const room = kind.room(params as ClientPayload<typeof kind.join>)
			if (!socket.rooms.has(room)) return ack({ ok: false })
			await socket.leave(room)
			kind.left?.(io, params as ClientPayload<typeof kind.join>)
			ack({ ok: true })
		})
	}
	// The rooms are known while disconnecting; the others are told once the socket is out of them.
	let leaving: Array<() => void> = []
	socket.on('disconnecting', () => {
		for (const room of socket.rooms) {
			for (const kind of kinds) {
				const params = kind.parse(room)
				if (params && kind.left) leaving.push(() => kind.left!(io, params))
			}
		}
	})
	socket.on('disconnect', () => {
		for (const tell of leaving) tell()
		leaving = []
	})
}

/**
 * Checks the rooms of live sockets again, after a change of access: each room a socket is in is
 * put to its kind's guard, and left where the guard refuses. Works across instances (the Redis
 * adapter hands back remote sockets that can leave rooms). Guards are asked once per user and room.
 */
export async function recheckRooms(
	io: AppServer,
	kinds: AnyRoomKind[],
	target: { userId: string } | { room: string },
	userRoom: (userId: string) => string,
): Promise<void> {
	const sockets: AppRemoteSocket[] = await io.in('userId' in target ? userRoom(target.userId) : target.room).fetchSockets()
	const verdicts = new Map<string, Promise<boolean>>()
	const changed = new Map<string, { kind: AnyRoomKind; params: ClientPayload<ClientEvent> }>()
	await Promise.all(
		sockets.map(async (socket) => {
			const user = socket.data.user
			for (const room of socket.rooms) {
				if ('room' in target && room !== target.room) continue
				for (const kind of kinds) {
					const params = kind.parse(room)
					if (!params) continue
					const key = `${user.id} ${room}`
					if (!verdicts.has(key)) verdicts.set(key, kind.mayJoin(user, params))
					if (!(await verdicts.get(key))) {
						socket.leave(room)
						changed.set(room, { kind, params })
					}
				}
			}
		}),
	)
	for (const { kind, params } of changed.values()) kind.left?.(io, params)
}
