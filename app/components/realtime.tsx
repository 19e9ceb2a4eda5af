import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { io, type Socket } from 'socket.io-client'
import type {
	ClientToServerEvents,
	OnlineMember,
	PresenceUpdate,
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
	const socket = useSocket()
	const [online, setOnline] = useState<OnlineMember[] | null>(null)
	useEffect(() => {
		if (!socket) return
		const join = () => socket.emit('presence:join', { groupId })
		const onUpdate = (update: PresenceUpdate) => {
			if (update.groupId === groupId) setOnline(update.online)
		}
		socket.on('presence:update', onUpdate)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			socket.off('presence:update', onUpdate)
			socket.off('connect', join)
			socket.emit('presence:leave', { groupId })
		}
	}, [socket, groupId])
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
