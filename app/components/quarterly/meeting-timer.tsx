import { useEffect, useMemo, useState } from 'react'
import { elapsedSeconds, formatDuration } from '#app/modules/quarterly/meeting.ts'
import { cn } from '#app/utils/misc.ts'

/**
 * The current item's timer, anchored to the server: the item started at `itemStartedAt` on the
 * server's clock, and `serverNow` (when the page's data was read) tells how far this device's
 * clock is off. It ticks here, but never from this device's idea of when the item began. The
 * server's render shows the same value without ticking (pages work without JavaScript).
 */
export function MeetingTimer({ itemStartedAt, serverNow, minutes }: { itemStartedAt: string | null; serverNow: string; minutes: number }) {
	// Measured when this data arrived: server now minus this device's now.
	const offset = useMemo(() => (typeof window === 'undefined' ? 0 : Date.parse(serverNow) - Date.now()), [serverNow])
	const [seconds, setSeconds] = useState(() => elapsedSeconds(itemStartedAt, Date.parse(serverNow), 0))
	useEffect(() => {
		const tick = () => setSeconds(elapsedSeconds(itemStartedAt, Date.now(), offset))
		tick()
		const timer = setInterval(tick, 1000)
		return () => clearInterval(timer)
	}, [itemStartedAt, offset])
	const over = seconds > minutes * 60
	return (
		<p className="flex items-baseline gap-2" data-testid="meeting-timer">
			<span className={cn('font-mono text-3xl font-semibold tabular-nums', over ? 'text-amber-700' : 'text-slate-900')} role="timer" aria-label="Time on this item">
				{formatDuration(seconds)}
			</span>
			<span className="text-sm text-slate-600">
				of {minutes} min{over ? ' — over time' : ''}
			</span>
		</p>
	)
}
