import { useEffect, useRef } from 'react'
import { useRevalidator } from 'react-router'
import { useSocket } from '#app/components/realtime.tsx'
import type { CompletionEvent } from '#app/modules/quarterly/events.ts'
import { QUARTERLY_EVENTS } from '#app/modules/quarterly/events.ts'

/**
 * Keeps a moderator's completion view current: joins the cycle's room (the server lets in only the
 * group's moderators) and reloads the page's data when a member saves or submits. Bursts (a member
 * typing into a draft saves every few seconds) are coalesced into one reload. After a reconnect it
 * reloads too, since events may have been missed.
 */
export function useCycleCompletion(cycleId: string) {
	const socket = useSocket()
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	useEffect(() => {
		revalidate.current = revalidator.revalidate
	})
	useEffect(() => {
		if (!socket) return
		let timer: ReturnType<typeof setTimeout> | undefined
		let joinedBefore = false
		const reload = () => {
			clearTimeout(timer)
			timer = setTimeout(() => void revalidate.current(), 250)
		}
		const join = () => {
			socket.emit('review-cycle:join', { cycleId })
			if (joinedBefore) reload()
			joinedBefore = true
		}
		const onCompletion = (event: CompletionEvent) => {
			if (event.cycleId === cycleId) reload()
		}
		socket.on(QUARTERLY_EVENTS.completion, onCompletion)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			clearTimeout(timer)
			socket.off(QUARTERLY_EVENTS.completion, onCompletion)
			socket.off('connect', join)
			socket.emit('review-cycle:leave', { cycleId })
		}
	}, [socket, cycleId])
}
