/** The UTC calendar day of a moment, as "2026-10-01": the one spelling of a day in URLs, forms, keys and exports. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10)
}
