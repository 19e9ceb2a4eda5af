// A cycle's dates are UTC days ("2026-10-01"), stored as UTC midnights. Shared by forms and pages.

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
export const DAY_MS = 24 * 60 * 60 * 1000

/** "2026-10-01" → the UTC midnight of that day, or null when it is not a real day. */
export function parseDay(text: string): Date | null {
	const match = DAY_PATTERN.exec(text.trim())
	if (!match) return null
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
	const date = new Date(Date.UTC(year, month - 1, day))
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
	return date
}

/** The UTC midnight that starts the day of `date`. */
export function startOfDay(date: Date): Date {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })

/** "1 Oct 2026": the same text on the server and in every browser, whatever its time zone. */
export function formatDay(date: Date | string): string {
	return dayFormat.format(new Date(date))
}
