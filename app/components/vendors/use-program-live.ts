import { useEffect, useRef } from 'react'
import { useRevalidator } from 'react-router'
import { useSocket } from '#app/components/realtime.tsx'
import { VENDOR_EVENTS, type ProgramRatingsChangedEvent } from '#app/modules/vendors/events.ts'

/**
 * Keeps a program's page current: joins the program's room (the server lets in only those who may
 * see the program) and reloads the page's data when its ratings change, so the figures and reviews
 * are the viewer's own reading of them. Bursts are coalesced into one reload; after a reconnect it
 * reloads too, since events may have been missed.
 */
export function useProgramLive(programId: string) {
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
			socket.emit('program:join', { programId })
			if (joinedBefore) reload()
			joinedBefore = true
		}
		const onChanged = (event: ProgramRatingsChangedEvent) => {
			if (event.programId === programId) reload()
		}
		socket.on(VENDOR_EVENTS.ratingsChanged, onChanged)
		socket.on('connect', join)
		if (socket.connected) join()
		return () => {
			clearTimeout(timer)
			socket.off(VENDOR_EVENTS.ratingsChanged, onChanged)
			socket.off('connect', join)
			socket.emit('program:leave', { programId })
		}
	}, [socket, programId])
}
