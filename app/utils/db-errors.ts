/** A write refused by a unique key (Prisma's P2002): someone else got there first. */
export function isUniqueViolation(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
	)
}
