/** A refusal the user can act on; routes show its message, never a stack trace. */
export class ForumError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409 | 429 = 400,
	) {
		super(message)
	}
}
