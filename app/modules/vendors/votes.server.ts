// "Helpful" votes on ratings: one per member per rating (the vote's key backs it), never on one's
// own rating, and a second press takes the vote back. The rating's helpfulCount (the "most
// helpful" order) is counted again from the votes in the same transaction, so it cannot drift.
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { catalogueViewer, programAccessFrom, readableRatingsWhere } from './access.server.ts'
import { VendorError } from './vendor-error.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

/**
 * Marks a rating helpful, or takes the mark back. Null (404) when the viewer may not read the
 * rating; a VendorError for one's own rating. Answers whether the viewer's vote now stands.
 */
export async function toggleHelpful(
	viewer: Viewer,
	ratingId: string,
	helpful: boolean,
): Promise<{ voted: boolean; helpfulCount: number } | null> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return null
	const rating = await db.programRating.findFirst({
		where: { id: ratingId, ...readableRatingsWhere(cv) },
		select: {
			memberId: true,
			program: { select: { id: true, state: true, proposedById: true } },
		},
	})
	if (!rating || !programAccessFrom(cv, rating.program)) return null
	if (rating.memberId === viewer.id)
		throw new VendorError('You cannot mark your own rating helpful')
	const key = { ratingId_voterId: { ratingId, voterId: viewer.id } }
	return db.$transaction(async (tx) => {
		if (helpful) {
			// Voting twice is voting once.
			await tx.ratingHelpfulVote.upsert({
				where: key,
				create: { ratingId, voterId: viewer.id },
				update: {},
			})
		} else {
			await tx.ratingHelpfulVote.deleteMany({ where: key.ratingId_voterId })
		}
		const helpfulCount = await tx.ratingHelpfulVote.count({ where: { ratingId } })
		await tx.programRating.update({ where: { id: ratingId }, data: { helpfulCount } })
		return { voted: helpful, helpfulCount }
	})
}

/** Which of these ratings the viewer has marked helpful. */
export async function helpfulVotesOf(userId: string, ratingIds: string[]): Promise<Set<string>> {
	if (ratingIds.length === 0) return new Set()
	const votes = await db.ratingHelpfulVote.findMany({
		where: { voterId: userId, ratingId: { in: ratingIds } },
		select: { ratingId: true },
	})
	return new Set(votes.map((vote) => vote.ratingId))
}
