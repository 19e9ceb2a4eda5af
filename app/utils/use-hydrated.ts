import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * False in the server's HTML and while hydrating, true once React runs the page in the browser.
 * For controls that only plain HTML needs (a submit button next to a select that submits itself
 * with JavaScript): rendered for everyone, hidden once the script has taken over.
 */
export function useHydrated(): boolean {
	return useSyncExternalStore(
		subscribe,
		() => true,
		() => false,
	)
}
