// A program's search documents, written in the transaction that approves, edits or merges it, or
// saves a rating of it (their kinds and who may find them: subjects.server.ts). Proposals are
// never indexed: they are their author's and the curators' until approved. A merged program's
// documents go; its ratings are indexed again under the program they moved to.
import { indexSubject, unindexSubject } from '#app/modules/search/index.server.ts'
import type { DbTransaction } from '#app/utils/db.server.ts'
import { CATALOGUE_SCOPE, ratingScope, VENDOR_PROGRAM, VENDOR_RATING } from './subjects.server.ts'

export async function indexProgram(tx: DbTransaction, programId: string): Promise<void> {
	const program = await tx.vendorProgram.findUnique({
		where: { id: programId },
		select: {
			state: true,
			name: true,
			description: true,
			requirements: true,
			eligibility: true,
			benefitText: true,
			vendor: { select: { name: true } },
			ratings: {
				select: { id: true, visibility: true, groupId: true, review: true, pros: true, cons: true },
			},
		},
	})
	const ratingIds = program?.ratings.map((r) => r.id) ?? []
	if (!program || program.state !== 'approved') {
		await unindexSubject(tx, VENDOR_PROGRAM, [programId])
		await unindexSubject(tx, VENDOR_RATING, ratingIds)
		return
	}
	const title = `${program.vendor.name} — ${program.name}`
	await indexSubject(tx, {
		kind: VENDOR_PROGRAM,
		id: programId,
		scope: CATALOGUE_SCOPE,
		title,
		text: [
			program.vendor.name,
			program.description,
			program.benefitText,
			program.requirements,
			program.eligibility,
		]
			.filter(Boolean)
			.join('\n\n'),
	})
	for (const rating of program.ratings) {
		const text = [rating.review, rating.pros, rating.cons].filter(Boolean).join('\n\n')
		if (!text) {
			await unindexSubject(tx, VENDOR_RATING, [rating.id])
			continue
		}
		await indexSubject(tx, {
			kind: VENDOR_RATING,
			id: rating.id,
			scope: ratingScope(rating),
			title: `A review of ${title}`,
			text,
		})
	}
}

/** Ratings gone with a merge (a member's older one of two). */
export async function unindexRatings(tx: DbTransaction, ratingIds: string[]): Promise<void> {
	await unindexSubject(tx, VENDOR_RATING, ratingIds)
}

/** One rating's words, indexed again after its member saved it. */
export async function indexRating(tx: DbTransaction, ratingId: string): Promise<void> {
	const rating = await tx.programRating.findUnique({
		where: { id: ratingId },
		select: {
			visibility: true,
			groupId: true,
			review: true,
			pros: true,
			cons: true,
			program: { select: { state: true, name: true, vendor: { select: { name: true } } } },
		},
	})
	const text = rating ? [rating.review, rating.pros, rating.cons].filter(Boolean).join('\n\n') : ''
	if (!rating || rating.program.state !== 'approved' || !text) {
		await unindexSubject(tx, VENDOR_RATING, [ratingId])
		return
	}
	await indexSubject(tx, {
		kind: VENDOR_RATING,
		id: ratingId,
		scope: ratingScope(rating),
		title: `A review of ${rating.program.vendor.name} — ${rating.program.name}`,
		text,
	})
}
