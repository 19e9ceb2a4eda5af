// Quarters as peer groups name them: "2026-Q4". Days are UTC days throughout quarterly reviews.

export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 }

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/

export function parseQuarter(text: string): Quarter | null {
	const match = QUARTER_PATTERN.exec(text.trim())
	if (!match) return null
	const year = Number(match[1])
	if (year < 2000 || year > 2100) return null
	return { year, quarter: Number(match[2]) as Quarter['quarter'] }
}

export function formatQuarter({ year, quarter }: Quarter): string {
	return `${year}-Q${quarter}`
}

export function quarterOf(date: Date): Quarter {
	return {
		year: date.getUTCFullYear(),
		quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as Quarter['quarter'],
	}
}

export function previousQuarter({ year, quarter }: Quarter): Quarter {
	return quarter === 1
		? { year: year - 1, quarter: 4 }
		: { year, quarter: (quarter - 1) as Quarter['quarter'] }
}

export function nextQuarter({ year, quarter }: Quarter): Quarter {
	return quarter === 4
		? { year: year + 1, quarter: 1 }
		: { year, quarter: (quarter + 1) as Quarter['quarter'] }
}

/** The first day of the quarter and the first day of the next, as UTC midnights. */
export function quarterBounds({ year, quarter }: Quarter): { start: Date; end: Date } {
	const start = new Date(Date.UTC(year, (quarter - 1) * 3, 1))
	const end = new Date(Date.UTC(year, quarter * 3, 1))
	return { start, end }
}

/** "2026-Q4" sorts as text in time order, which lists and charts rely on. */
export function compareQuarters(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
