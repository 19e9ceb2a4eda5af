import { isoDay } from '#app/utils/iso-day.ts'

// Check-in dates are calendar days (YYYY-MM-DD) as the member lives them. The server cannot know
// the member's time zone, so "not in the future" means not past the latest day anywhere on Earth:
// UTC+14 (Kiribati) is at most one calendar day ahead of UTC.

const MAX_UTC_OFFSET_MS = 14 * 60 * 60 * 1000

/** The latest calendar day somewhere on Earth at this instant. */
export function latestDayAnywhere(now: Date): string {
	return isoDay(new Date(now.getTime() + MAX_UTC_OFFSET_MS))
}

/** The day after a YYYY-MM-DD day: the form's upper bound from the server's "today" (UTC). */
export function dayAfter(day: string): string {
	return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000))
}

/** The browser's own calendar day, YYYY-MM-DD. */
export function localDay(date: Date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
