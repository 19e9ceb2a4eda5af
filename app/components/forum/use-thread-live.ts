import { useCallback, useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { useSocket } from '#app/components/realtime.tsx'
import { POSTS_PER_PAGE } from '#app/modules/forums/constants.ts'
import {
	FORUM_EVENTS,
	type PostCreatedEvent,
	type PostRemovedEvent,
	type PostUpdatedEvent,
	type ReadersEvent,
	type ThreadUpdatedEvent,
	type TypingEvent,
} from '#app/modules/forums/events.ts'
import type { PostView, PostViewerState } from '#app/modules/forums/views.ts'

export type LivePost = PostView & PostViewerState
type ThreadState = { locked: boolean; pinned: boolean; acceptedPostId: string | null; title: string }

type Options = {
	threadId: string
	viewerId: string
	canModerate: boolean
	page: number
	posts: LivePost[]
	thread: ThreadState
	lastPostNumber: number
}

const TYPING_SHOWN_MS = 4000

function isNearBottom(): boolean {
	return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 200
}

function sendReadMarker(threadId: string, number: number) {
	void fetch('/resources/read-marker', { method: 'POST', body: new URLSearchParams({ threadId, number: String(number) }) }).catch(() => {})
}

/**
 * A thread page that stays current: new replies, edits, deletions and "helpful" counts arrive
 * over the thread's room; a reader scrolled up gets an "N new replies" bar instead of a jump; a
 * reconnect reloads the page's data so nothing posted meanwhile is missing.
 */
export function useThreadLive(options: Options) {
	const socket = useSocket()
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate

	const [posts, setPosts] = useState(options.posts)
	const [thread, setThread] = useState(options.thread)
	const [lastPostNumber, setLastPostNumber] = useState(options.lastPostNumber)
	const [unseen, setUnseen] = useState<number[]>([])
	const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({})
	const [readers, setReaders] = useState<ReadersEvent | null>(null)

	// New data from the server (navigation, revalidation) replaces the live copy.
	useEffect(() => setPosts(options.posts), [options.posts])
	useEffect(() => setThread(options.thread), [options.thread])
	useEffect(() => setLastPostNumber(options.lastPostNumber), [options.lastPostNumber])
	useEffect(() => setUnseen([]), [options.posts])

	const live = useRef(options)
	live.current = options

	useEffect(() => {
		if (!socket) return
		const { threadId } = live.current
		let joinedBefore = false
		const join = () => {
			socket.emit('thread:join', { threadId })
			// After a lost connection, catch up from the database.
			if (joinedBefore) void revalidate.current()
			joinedBefore = true
		}
		const onCreated = (event: PostCreatedEvent) => {
			if (event.threadId !== threadId) return
			// Their reply is here: they are no longer typing it.
			setTyping((current) => {
				if (!(event.post.author.id in current)) return current
				const { [event.post.author.id]: _done, ...rest } = current
				return rest
			})
			setLastPostNumber((n) => Math.max(n, event.lastPostNumber))
			const { page } = live.current
			const onThisPage = event.post.number > (page - 1) * POSTS_PER_PAGE && event.post.number <= page * POSTS_PER_PAGE
			const mine = event.post.author.id === live.current.viewerId
			if (onThisPage) {
				const atBottom = isNearBottom()
				setPosts((current) =>
					current.some((p) => p.id === event.post.id)
						? current
						: [...current, { ...event.post, foundHelpful: false, bookmarked: false }].sort((a, b) => a.number - b.number),
				)
				if (atBottom || mine) {
					requestAnimationFrame(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'smooth' }))
					sendReadMarker(threadId, event.post.number)
					return
				}
			}
			if (!mine) setUnseen((current) => (current.includes(event.post.number) ? current : [...current, event.post.number]))
		}
		const onUpdated = (event: PostUpdatedEvent) => {
			if (event.threadId !== threadId) return
			setPosts((current) => current.map((p) => (p.id === event.post.id ? { ...p, ...event.post } : p)))
		}
		const onRemoved = (event: PostRemovedEvent) => {
			if (event.threadId !== threadId) return
			setPosts((current) =>
				live.current.canModerate
					? current.map((p) => (p.id === event.postId ? { ...p, hidden: true } : p))
					: current.filter((p) => p.id !== event.postId),
			)
		}
		const onThread = (event: ThreadUpdatedEvent) => {
			if (event.threadId !== threadId) return
			setThread({ locked: event.locked, pinned: event.pinned, acceptedPostId: event.acceptedPostId, title: event.title })
		}
		const onTyping = (event: TypingEvent) => {
			if (event.threadId !== threadId || event.userId === live.current.viewerId) return
			setTyping((current) => ({ ...current, [event.userId]: { name: event.name, until: Date.now() + TYPING_SHOWN_MS } }))
		}
		const onReaders = (event: ReadersEvent) => {
			if (event.threadId === threadId) setReaders(event)
		}
		socket.on('connect', join)
		socket.on(FORUM_EVENTS.postCreated, onCreated)
		socket.on(FORUM_EVENTS.postUpdated, onUpdated)
		socket.on(FORUM_EVENTS.postRemoved, onRemoved)
		socket.on(FORUM_EVENTS.threadUpdated, onThread)
		socket.on(FORUM_EVENTS.typing, onTyping)
		socket.on(FORUM_EVENTS.readers, onReaders)
		if (socket.connected) join()
		return () => {
			socket.off('connect', join)
			socket.off(FORUM_EVENTS.postCreated, onCreated)
			socket.off(FORUM_EVENTS.postUpdated, onUpdated)
			socket.off(FORUM_EVENTS.postRemoved, onRemoved)
			socket.off(FORUM_EVENTS.threadUpdated, onThread)
			socket.off(FORUM_EVENTS.typing, onTyping)
			socket.off(FORUM_EVENTS.readers, onReaders)
			socket.emit('thread:leave', { threadId })
		}
	}, [socket, options.threadId])

	// Typing notices fade on their own.
	useEffect(() => {
		const entries = Object.values(typing)
		if (entries.length === 0) return
		const next = Math.min(...entries.map((e) => e.until)) - Date.now()
		const timer = setTimeout(() => {
			const now = Date.now()
			setTyping((current) => Object.fromEntries(Object.entries(current).filter(([, e]) => e.until > now)))
		}, Math.max(50, next))
		return () => clearTimeout(timer)
	}, [typing])

	// Scrolling down to the new replies clears the bar.
	useEffect(() => {
		if (unseen.length === 0) return
		const onScroll = () => {
			if (!isNearBottom()) return
			const visible = unseen.filter((n) => posts.some((p) => p.number === n))
			if (visible.length === 0) return
			setUnseen((current) => current.filter((n) => !visible.includes(n)))
			sendReadMarker(live.current.threadId, Math.max(...visible))
		}
		window.addEventListener('scroll', onScroll, { passive: true })
		return () => window.removeEventListener('scroll', onScroll)
	}, [unseen, posts])

	const lastTypingSent = useRef(0)
	const notifyTyping = useCallback(() => {
		if (!socket || Date.now() - lastTypingSent.current < 2000) return
		lastTypingSent.current = Date.now()
		socket.emit(FORUM_EVENTS.typing, { threadId: live.current.threadId })
	}, [socket])

	const unseenOnThisPage = unseen.filter((n) => posts.some((p) => p.number === n))
	return {
		posts,
		thread,
		lastPostNumber,
		/** New replies the reader has not scrolled to, and those that landed on a later page. */
		newReplies: { onThisPage: unseenOnThisPage, later: unseen.filter((n) => !unseenOnThisPage.includes(n)) },
		typingNames: Object.values(typing).map((e) => e.name),
		readers,
		notifyTyping,
	}
}
