/** A refusal of a flag or a moderator's decision that the user can act on; routes show its message. */
export class ModerationError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409 | 429 = 400,
	) {
		super(message)
	}
}
