/** A page number from the URL: 1 for anything that is not a positive integer. */
export function pageParam(url: URL, param = 'page'): number {
	const value = Number(url.searchParams.get(param))
	return Number.isInteger(value) && value > 0 ? Math.min(value, 100_000) : 1
}
