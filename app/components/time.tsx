import { format, formatDistanceToNowStrict } from 'date-fns'

type DateLike = Date | string

// Server and browser may sit in different time zones and render a few seconds apart, so the text
// may differ at hydration; the browser's version wins silently.
export function RelativeTime({ date }: { date: DateLike }) {
	const value = new Date(date)
	return (
		<time dateTime={value.toISOString()} title={format(value, 'd MMM yyyy, HH:mm')} suppressHydrationWarning>
			{formatDistanceToNowStrict(value, { addSuffix: true })}
		</time>
	)
}

export function DateTime({ date, pattern = 'd MMM yyyy, HH:mm' }: { date: DateLike; pattern?: string }) {
	const value = new Date(date)
	return (
		<time dateTime={value.toISOString()} suppressHydrationWarning>
			{format(value, pattern)}
		</time>
	)
}
