import type { HeadersFunction } from 'react-router'

/**
 * For a route's `headers` export. React Router passes only cookies on from a route's action and
 * loader by itself; a header meant for the client (Retry-After on a 429) needs this. The action's
 * headers win over the loader's, both over the parent routes'.
 */
export const passOnHeaders: HeadersFunction = ({ parentHeaders, loaderHeaders, actionHeaders }) => {
	const headers = new Headers()
	// Cookies are merged by React Router itself; copying them here would send them twice.
	for (const source of [parentHeaders, loaderHeaders, actionHeaders]) {
		for (const [name, value] of source) if (name !== 'set-cookie') headers.set(name, value)
	}
	return headers
}
