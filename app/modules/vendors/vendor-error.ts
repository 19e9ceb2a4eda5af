/** A refusal the member can act on, optionally about one field of the form; routes show its message. */
export class VendorError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message)
	}
}
