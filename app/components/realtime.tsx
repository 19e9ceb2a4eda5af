import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { useRevalidator } from 'react-router'
import { io, type Socket } from 'socket.io-client'
import type {
	ClientToServerEvents,
	OnlineMember,
	PresenceUpdate,
	ServerEvent,
	ServerPayload,
	ServerToClientEvents,
} from '#app/utils/realtime.ts'

/** The tab's socket, typed by PeerPower's realtime contract (app/utils/realtime.ts). */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const SocketContext = createContext<AppSocket | null>(null)

/** One socket per tab, opened once a user is signed in and shared by every live feature. */
export function RealtimeProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
	const [socket, setSocket] = useState<AppSocket | null>(null)
	useEffect(() => {
		if (!userId) return
		const next: AppSocket = io({ transports: ['websocket', 'polling'], withCredentials: true })
		setSocket(next)
		return () => {
			next.disconnect()
			setSocket(null)
		}
	}, [userId])
	return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>
}

export function useSocket(): AppSocket | null {
	return useContext(SocketContext)
}

/** Members of a group who have one of its pages open now. Rejoins after a reconnect. */
export function usePresence(groupId: string): OnlineMember[] | null {
	return useGroupsPresence([groupId])?.get(groupId) ?? null
}

/**
 * Members of each of these groups who have one of its pages open now, by group (null until the
 * socket has answered for any of them). Rejoins after a reconnect.
 */
export function useGroupsPresence(groupIds: string[]): Map<string, OnlineMember[]> | null {
	const socket = useSocket()
	const [online, setOnline] = useState<Map<string, OnlineMember[]> | null>(null)
	const key = [...groupIds].sort().join(',')
	useEffect(() => {
		if (!socket || !key) return
		const ids = key.split(',')
		const wanted = new Set(ids)
		const join = () => {
			for (const groupId of ids) socket.emit('presence:join', { groupId })
		}
		const onUpdate = (update: PresenceUpdate) => {
			if (!wanted.has(update.groupId)) return
			setOnline((current) => new Map(current ?? []).set(update.groupId, update.online))
		}
		socket.on('presence:update', onUpdate)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			socket.off('presence:update', onUpdate)
			socket.off('connect', join)
			for (const groupId of ids) socket.emit('presence:leave', { groupId })
		}
	}, [socket, key])
	return online
}

type PlanEvent = 'plan:check-in' | 'plan:review' | 'plan:comment'

/**
 * Keeps a page's data fresh while plans change: joins the rooms of the plans shown (the server
 * lets in only those who may see them) and calls `onEvent` when one of `events` arrives for one of
 * them. Rejoins after a reconnect, and calls `onEvent` then too (events may have been missed).
 */
export function usePlanRooms(planIds: string[], events: PlanEvent[], onEvent: () => void) {
	const socket = useSocket()
	const latest = useRef(onEvent)
	useEffect(() => {
		latest.current = onEvent
	})
	const key = [...planIds].sort().join(',')
	const eventKey = events.join(',')
	useEffect(() => {
		if (!socket || !key) return
		const ids = key.split(',')
		const wanted = new Set(ids)
		const names = eventKey.split(',') as PlanEvent[]
		let joinedBefore = false
		const join = () => {
			for (const planId of ids) socket.emit('plan:join', { planId })
			if (joinedBefore) latest.current()
			joinedBefore = true
		}
		const listener = (payload: { planId: string }) => {
			if (wanted.has(payload.planId)) latest.current()
		}
		for (const name of names) socket.on(name, listener)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			for (const name of names) socket.off(name, listener)
			socket.off('connect', join)
			for (const planId of ids) socket.emit('plan:leave', { planId })
		}
	}, [socket, key, eventKey])
}

/**
 * Keeps a page's data current while one room changes: joins the room (the server lets in only
 * those its guard allows), and reloads the page's data when `event` arrives for it. Bursts are
 * coalesced into one reload; after a reconnect it reloads too, since events may have been missed.
 * `room` names the room: the hook leaves and joins again only when it changes.
 */
export function useReloadOnRoomEvent<E extends ServerEvent>(options: {
	room: string
	join: (socket: AppSocket) => void
	leave: (socket: AppSocket) => void
	event: E
	concerns: (payload: ServerPayload<E>) => boolean
}) {
	const socket = useSocket()
	const revalidator = useRevalidator()
	// The latest callbacks, read when they are needed: they are new objects on every render, and an
	// effect depending on them would leave and join the room on every render.
	const latest = useRef({ ...options, revalidate: revalidator.revalidate })
	useEffect(() => {
		latest.current = { ...options, revalidate: revalidator.revalidate }
	})
	const { room, event } = options
	useEffect(() => {
		if (!socket) return
		let timer: ReturnType<typeof setTimeout> | undefined
		let joinedBefore = false
		const reload = () => {
			clearTimeout(timer)
			timer = setTimeout(() => void latest.current.revalidate(), 250)
		}
		const join = () => {
			latest.current.join(socket)
			if (joinedBefore) reload()
			joinedBefore = true
		}
		const listener = (payload: ServerPayload<E>) => {
			if (latest.current.concerns(payload)) reload()
		}
		// socket.io's typed `on` cannot follow a generic event name to its listener's type.
		const typedSocket = socket as unknown as {
			on(name: E, listener: (payload: ServerPayload<E>) => void): void
			off(name: E, listener: (payload: ServerPayload<E>) => void): void
		}
		typedSocket.on(event, listener)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			clearTimeout(timer)
			typedSocket.off(event, listener)
			socket.off('connect', join)
			latest.current.leave(socket)
		}
	}, [socket, room, event])
}
