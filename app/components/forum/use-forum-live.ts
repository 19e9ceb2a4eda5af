import { useEffect, useRef } from 'react'
import { useRevalidator } from 'react-router'
import { useSocket } from '#app/components/realtime.tsx'
import { FORUM_EVENTS, type ForumActivityEvent } from '#app/modules/forums/events.ts'

/**
 * Keeps a forum's thread list current: the server tells the forum's room that something changed,
 * and the list reloads from the database (bursts are folded into one reload). After a lost
 * connection the list reloads once, so nothing posted meanwhile is missing.
 */
export function useForumLive(forumId: string): void {
	const socket = useSocket()
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate
	useEffect(() => {
		if (!socket) return
		let timer: ReturnType<typeof setTimeout> | undefined
		const reload = () => {
			clearTimeout(timer)
			timer = setTimeout(() => void revalidate.current(), 300)
		}
		const onActivity = (event: ForumActivityEvent) => {
			if (event.forumId === forumId) reload()
		}
		let connectedBefore = socket.connected
		const join = () => {
			socket.emit('forum:join', { forumId })
			if (connectedBefore) reload()
			connectedBefore = true
		}
		socket.on(FORUM_EVENTS.forumActivity, onActivity)
		socket.on('connect', join)
		if (socket.connected) socket.emit('forum:join', { forumId })
		return () => {
			clearTimeout(timer)
			socket.off(FORUM_EVENTS.forumActivity, onActivity)
			socket.off('connect', join)
			socket.emit('forum:leave', { forumId })
		}
	}, [socket, forumId])
}
