import { Bell } from 'lucide-react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { NavLink, useLocation, useRouteLoaderData } from 'react-router'
import type { loader as rootLoader } from '#app/root.tsx'
import { bellLabel, NOTIFICATION_EVENT } from '#app/modules/notifications/notifications.ts'
import { cn } from '#app/utils/misc.ts'
import { useSocket } from './realtime.tsx'

/**
 * The unread count: the root loader's, replaced by a fresher one fetched from
 * /resources/notifications-count when a notification arrives, and again by the root loader's
 * whenever that runs. Only the count is fetched: the page the reader is on is left alone.
 */
function useUnreadCount(): number {
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const [fetched, setFetched] = useState<number | null>(null)
	// The root loader ran again: its count is the newest (adjusting state while rendering, not in an effect).
	const [seenRoot, setSeenRoot] = useState(root)
	if (seenRoot !== root) {
		setSeenRoot(root)
		setFetched(null)
	}
	const count = fetched ?? root?.unreadNotifications ?? 0

	const latest = useRef(0)
	const refresh = useCallback(async () => {
		const request = ++latest.current
		try {
			const response = await fetch('/resources/notifications-count', { headers: { Accept: 'application/json' } })
			if (!response.ok) return
			const body = (await response.json()) as { count: number }
			// Answers can overtake each other; only the last request's counts.
			if (request === latest.current) setFetched(body.count)
		} catch {
			// Offline for a moment: the next event or page brings the count.
		}
	}, [])

	const socket = useSocket()
	useEffect(() => {
		if (!socket) return
		const onChange = () => void refresh()
		socket.on(NOTIFICATION_EVENT, onChange)
		// Events sent while the connection was down are lost: catch up once it is back.
		socket.io.on('reconnect', onChange)
		return () => {
			socket.off(NOTIFICATION_EVENT, onChange)
			socket.io.off('reconnect', onChange)
		}
	}, [socket, refresh])

	// A page can read notifications (the thread page reads its thread's), and its loader runs
	// alongside the root loader, or without it on a later navigation: while anything is unread,
	// ask again once each page has loaded.
	const { pathname } = useLocation()
	const askedFor = useRef<string | null>(null)
	useEffect(() => {
		if (askedFor.current === pathname) return
		askedFor.current = pathname
		if (count > 0) void refresh()
	}, [pathname, count, refresh])

	return count
}

/** The top bar's bell: the unread count, live, and the way to /notifications. */
export function NotificationBell() {
	const count = useUnreadCount()
	return (
		<NavLink
			to="/notifications"
			aria-label={bellLabel(count)}
			className={({ isActive }) =>
				cn(
					'relative inline-flex h-9 w-9 items-center justify-center rounded-md no-underline hover:bg-slate-100 hover:no-underline',
					isActive ? 'text-brand-700' : 'text-slate-600 hover:text-slate-900',
				)
			}
		>
			<Bell aria-hidden="true" className="h-5 w-5" strokeWidth={1.8} />
			{count > 0 ? (
				<span
					aria-hidden="true"
					data-testid="unread-notifications"
					className="absolute top-0.5 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-brand-600 px-1 text-[10px] leading-none font-semibold text-white ring-2 ring-white"
				>
					{count > 99 ? '99+' : count}
				</span>
			) : null}
		</NavLink>
	)
}
