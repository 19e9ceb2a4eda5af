import type { IncomingMessage } from 'node:http'

function ownOrigin(request: IncomingMessage, appUrl: string | undefined): string | null {
	if (appUrl) return new URL(appUrl).origin
	const host = request.headers.host
	if (!host) return null
	const encrypted = (request.socket as { encrypted?: boolean }).encrypted
	return `${encrypted ? 'https' : 'http'}://${host}`
}

/**
 * Our origin only. A browser sends Origin with every cross-origin request and every POST, so a
 * missing or foreign Origin on a state-changing request is a forged one.
 */
export function isAllowedOrigin(request: IncomingMessage, appUrl: string | undefined, allowMissing = false): boolean {
	const origin = request.headers.origin
	if (!origin) return allowMissing
	return origin === ownOrigin(request, appUrl)
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isSafeMethod(method: string | undefined): boolean {
	return SAFE_METHODS.has((method ?? 'GET').toUpperCase())
}
