// Members' ratings of programs: one per member per program (the database's unique key backs it),
// editable; the member chooses who sees it and how it is signed. Pages showing the program hear
// of the change live and read their own figures again.
import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { isUniqueViolation } from '#app/utils/db-errors.ts'
import { db } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import {
	catalogueViewer,
	programAccessFrom,
	readableRatingsWhere,
	type CatalogueViewer,
} from './access.server.ts'
import { VENDOR_EVENTS } from './events.ts'
import { indexRating } from './program-search.server.ts'
import type { RatingInput } from './schemas.ts'
import type { RatingSort } from './sorts.ts'
import { VendorError } from './vendor-error.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

/**
 * Saves the viewer's rating of a program, new or changed. Refused with a VendorError when the
 * program cannot be rated (not approved, or not the viewer's to see) or the group is not theirs;
 * nothing is written then. Null when the viewer may not see the program at all (404).
 */
export async function saveRating(
	viewer: Viewer,
	programId: string,
	input: RatingInput,
	realtime: RealtimePublisher,
): Promise<{ ratingId: string; created: boolean } | null> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return null
	const program = await db.vendorProgram.findUnique({
		where: { id: programId },
		select: { id: true, state: true, proposedById: true },
	})
	const access = program ? programAccessFrom(cv, program) : null
	if (!access) return null
	if (!access.canRate) {
		throw new VendorError(
			access.state === 'approved'
				? 'Only members of a peer group can rate programs'
				: 'This program can be rated once it is approved',
		)
	}
	const groupId = input.groupId ?? cv.groupIds[0]!
	if (!cv.groupIds.includes(groupId)) throw new VendorError('Choose one of your groups', 'groupId')
	const rejected = input.rejected ?? false
	const fields = {
		groupId,
		visibility: input.visibility,
		shownAs: input.shownAs,
		overall: input.overall,
		valueScore: input.valueScore ?? null,
		easeScore: input.easeScore ?? null,
		supportScore: input.supportScore ?? null,
		roiScore: input.roiScore ?? null,
		wouldRecommend: input.wouldRecommend === 'yes',
		yearTookPart: input.yearTookPart ?? null,
		review: input.review ?? '',
		pros: input.pros ?? '',
		cons: input.cons ?? '',
		amountClaimed: input.amountClaimed ?? null,
		amountPaid: rejected ? null : (input.amountPaid ?? null),
		daysToPayout: rejected ? null : (input.daysToPayout ?? null),
		hoursSpent: input.hoursSpent ?? null,
		rejected,
		rejectionReason: rejected ? (input.rejectionReason ?? '') : '',
	}
	// Two saves at once by the same member end as one rating (the unique key refuses the second
	// create, which then updates), the later one's.
	const key = { programId_memberId: { programId, memberId: viewer.id } }
	let result: { ratingId: string; created: boolean }
	try {
		const created = await db.programRating.create({
			data: { programId, memberId: viewer.id, ...fields },
			select: { id: true },
		})
		result = { ratingId: created.id, created: true }
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
		const updated = await db.programRating.update({
			where: key,
			data: fields,
			select: { id: true },
		})
		result = { ratingId: updated.id, created: false }
	}
	// Its words are found by search by those who may read it (subjects.server.ts).
	await db.$transaction((tx) => indexRating(tx, result.ratingId))
	realtime.toRoom(rooms.program(programId), VENDOR_EVENTS.ratingsChanged, { programId })
	return result
}

export { RATING_SORTS, type RatingSort } from './sorts.ts'

/** What a member wrote in a rating, and how it is shared: the review list and the rating form read the same fields. */
const ratingFieldsSelect = {
	visibility: true,
	shownAs: true,
	overall: true,
	valueScore: true,
	easeScore: true,
	supportScore: true,
	roiScore: true,
	wouldRecommend: true,
	yearTookPart: true,
	review: true,
	pros: true,
	cons: true,
	amountClaimed: true,
	amountPaid: true,
	daysToPayout: true,
	hoursSpent: true,
	rejected: true,
	rejectionReason: true,
} satisfies Prisma.ProgramRatingSelect

/** The ratings of a program the viewer may read, with how each is signed. */
export async function listRatings(
	cv: CatalogueViewer,
	programId: string,
	sort: RatingSort = 'newest',
	/** One page of them (all when absent). */
	page?: { skip: number; take: number },
) {
	const rows = await db.programRating.findMany({
		where: { programId, ...readableRatingsWhere(cv) },
		...page,
		orderBy:
			sort === 'helpful'
				? [{ helpfulCount: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }]
				: [{ createdAt: 'desc' }, { id: 'asc' }],
		select: {
			id: true,
			memberId: true,
			...ratingFieldsSelect,
			helpfulCount: true,
			createdAt: true,
			updatedAt: true,
			member: { select: { id: true, name: true, company: true } },
			group: { select: { name: true } },
		},
	})
	// "A member of <group>" carries no name, company or id of the member.
	return rows.map(({ member, group, memberId, ...rating }) => ({
		...rating,
		isMine: memberId === cv.userId,
		signedBy:
			rating.shownAs === 'name'
				? { kind: 'name' as const, userId: member.id, name: member.name, company: member.company }
				: { kind: 'group' as const, groupName: group.name },
	}))
}

/** How many ratings of a program the viewer may read: for paging through them. */
export async function countRatings(cv: CatalogueViewer, programId: string): Promise<number> {
	return db.programRating.count({ where: { programId, ...readableRatingsWhere(cv) } })
}

/** The viewer's own rating of a program, as the rating form shows it; null before they rate. */
export async function ownRating(userId: string, programId: string) {
	return db.programRating.findUnique({
		where: { programId_memberId: { programId, memberId: userId } },
		select: {
			groupId: true,
			...ratingFieldsSelect,
		},
	})
}
