// Expected failures, thrown from loaders, actions and the helpers they call: React Router hands a
// thrown Response to the route's error boundary with its status (GeneralErrorBoundary words it).

/** 404: the thing is missing, or its existence is itself confidential (same answer for both). */
export function notFound(message = 'Not found'): Response {
	return new Response(message, { status: 404 })
}

/** Throws a Response (400 unless said otherwise) when the condition does not hold. */
export function invariantResponse(
	condition: unknown,
	message: string | (() => string),
	init: ResponseInit = { status: 400 },
): asserts condition {
	if (!condition) throw new Response(typeof message === 'function' ? message() : message, init)
}
