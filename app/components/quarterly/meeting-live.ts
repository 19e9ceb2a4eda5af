import { useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { usePresence, useSocket } from '#app/components/realtime.tsx'
import { QUARTERLY_EVENTS, type MeetingPresenceEvent, type MeetingStateEvent } from '#app/modules/quarterly/events.ts'
import type { Ack } from '#app/utils/realtime.ts'

export type MeetingPresence = { id: string; name: string }[]

/**
 * Follows a live meeting: joins its room (the server lets in only the group's members), reloads
 * the page's data when the meeting moves or something is added, and keeps who has joined. Nothing
 * of the state is trusted from the event alone: the page's loader reads it from the database, so a
 * reconnecting screen (which rejoins and reloads) catches up to the server's state.
 */
export function useMeetingLive(meetingId: string | null, version: number): MeetingPresence | null {
	const socket = useSocket()
	const { revalidate } = useRevalidator()
	const [online, setOnline] = useState<MeetingPresence | null>(null)
	const latest = useRef({ revalidate, version })
	useEffect(() => {
		latest.current = { revalidate, version }
	})
	useEffect(() => {
		if (!socket || !meetingId) return
		let joinedBefore = false
		const join = () => {
			socket.emit('meeting:join', { meetingId }, (answer: Ack) => {
				if (answer.ok && answer.online) setOnline(answer.online.map((m) => ({ id: m.userId, name: m.name })))
			})
			// After a reconnect, whatever was missed is read again from the server.
			if (joinedBefore) void latest.current.revalidate()
			joinedBefore = true
		}
		const onState = (event: MeetingStateEvent) => {
			if (event.meetingId === meetingId && event.version !== latest.current.version) void latest.current.revalidate()
		}
		const onAdded = (event: { meetingId: string }) => {
			if (event.meetingId === meetingId) void latest.current.revalidate()
		}
		const onPresence = (event: MeetingPresenceEvent) => {
			if (event.meetingId === meetingId) setOnline(event.members)
		}
		socket.on(QUARTERLY_EVENTS.meetingState, onState)
		socket.on(QUARTERLY_EVENTS.meetingParkingLot, onAdded)
		socket.on(QUARTERLY_EVENTS.meetingNote, onAdded)
		socket.on(QUARTERLY_EVENTS.meetingActionItem, onAdded)
		socket.on(QUARTERLY_EVENTS.meetingPresence, onPresence)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			socket.off(QUARTERLY_EVENTS.meetingState, onState)
			socket.off(QUARTERLY_EVENTS.meetingParkingLot, onAdded)
			socket.off(QUARTERLY_EVENTS.meetingNote, onAdded)
			socket.off(QUARTERLY_EVENTS.meetingActionItem, onAdded)
			socket.off(QUARTERLY_EVENTS.meetingPresence, onPresence)
			socket.off('connect', join)
			socket.emit('meeting:leave', { meetingId })
		}
	}, [socket, meetingId])
	return online
}

/**
 * Before the meeting exists: the page waits in the group's presence room (the start is announced
 * there) and reloads when a meeting of the group starts.
 */
export function useMeetingStart(groupId: string, waiting: boolean) {
	const socket = useSocket()
	const { revalidate } = useRevalidator()
	const latest = useRef(revalidate)
	useEffect(() => {
		latest.current = revalidate
	})
	usePresence(groupId)
	useEffect(() => {
		if (!socket || !waiting) return
		const onState = () => void latest.current()
		socket.on(QUARTERLY_EVENTS.meetingState, onState)
		return () => {
			socket.off(QUARTERLY_EVENTS.meetingState, onState)
		}
	}, [socket, waiting])
}
