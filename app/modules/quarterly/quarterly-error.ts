/** A refusal the moderator or member can act on, optionally about one field of the form; routes show its message. */
export class QuarterlyError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message)
	}
}
