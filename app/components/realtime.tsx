import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
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
