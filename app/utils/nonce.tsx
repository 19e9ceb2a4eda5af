import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of the response being rendered, for the inline scripts React
 * Router writes into the page. Only the server knows it: in the browser the context stays empty
 * (browsers hide a nonce from the page once it has been checked), and the scripts have already run.
 */
const NonceContext = createContext<string | undefined>(undefined)

export const NonceProvider = NonceContext.Provider

export function useNonce(): string | undefined {
	return useContext(NonceContext)
}
