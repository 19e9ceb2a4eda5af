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

/**
 * The largest request body read, in bytes. The biggest legitimate form is a post of 20,000
 * characters: even as 4-byte characters, each percent-encoded (12 bytes), that stays under 250 kB
 * with its title and tags. 1 MiB leaves room and bounds what one request can make us hold.
 */
export const MAX_BODY_BYTES = 1024 * 1024

// Every form and fetch of the app sends urlencoded bodies. multipart/form-data is refused too:
// nothing uploads files yet, and a broken multipart body makes request.formData() throw inside
// an action (a 500). When uploads come, they get a route of their own that parses multipart.
const FORM_TYPES = new Set(['application/x-www-form-urlencoded'])

/** Every action reads a form: any other body (JSON, text, multipart, none) would only fail inside it. */
export function isFormContentType(contentType: string | undefined): boolean {
	const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
	return Boolean(mediaType && FORM_TYPES.has(mediaType))
}

/** Whether a declared Content-Length is over the limit (Node never reads past the declared length). */
export function declaresTooLargeBody(request: IncomingMessage, maxBytes: number): boolean {
	const declared = request.headers['content-length']
	return declared !== undefined && Number(declared) > maxBytes
}

/**
 * A body sent without a length (chunked) is counted as it arrives. Over the limit, `onTooLarge`
 * answers, and the body then fails with an error for whoever reads it: a truncated form must never
 * reach an action as if it were whole.
 */
export function countChunkedBody(request: IncomingMessage, maxBytes: number, onTooLarge: () => void): void {
	if (request.headers['content-length'] !== undefined) return
	// Paused first: listening for data would otherwise start the flow before the app reads it.
	request.pause()
	let received = 0
	const count = (chunk: Buffer) => {
		received += chunk.length
		if (received <= maxBytes) return
		request.off('data', count)
		onTooLarge()
	}
	request.on('data', count)
}

const ENCODED_NUL = /%00/i

/**
 * No address of ours holds a NUL character (raw, or percent-encoded as %00): such a request is
 * refused at the edge, before a route hands it to a query. (NULs in forms are dropped by the
 * database module: see stripNul in app/utils/db.server.ts.)
 */
export function hasNulInUrl(url: string | undefined): boolean {
	return ENCODED_NUL.test(url ?? '') || (url ?? '').includes('\0')
}

