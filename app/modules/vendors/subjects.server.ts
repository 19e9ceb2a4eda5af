// What the catalogue registers with search (the registry in search/subjects.server.ts lists these):
// approved programs, found by everyone who may see the catalogue, and the text of ratings, found
// by exactly those readableRatingSql lets read them. Each page of results is checked against the
// access rule again when it is read.
import type { SearchSubject, SearchViewer } from '#app/modules/search/subjects.server.ts'
import { join, queryRows, sql } from '#app/utils/sql.server.ts'
import { catalogueViewer, readableRatingSql } from './access.server.ts'

/** An approved program: its name, vendor, description and requirements. */
export const VENDOR_PROGRAM = 'vendors.program'
/** A rating's words (review, pros, cons). */
export const VENDOR_RATING = 'vendors.rating'

/** The scope of every approved program: the catalogue is the community's. */
export const CATALOGUE_SCOPE = 'catalogue'
/**
 * The scope of a rating: a community one is everyone's; a group-only one is its group's alone
 * (its author too, while in the group: the search leaves out what they wrote after leaving).
 */
export function ratingScope(rating: { visibility: string; groupId: string }): string {
	return rating.visibility === 'group' ? `group:${rating.groupId}` : CATALOGUE_SCOPE
}

const programSearch: SearchSubject = {
	kind: VENDOR_PROGRAM,
	async scopes(viewer: SearchViewer) {
		return (await catalogueViewer(viewer)) ? [CATALOGUE_SCOPE] : []
	},
	async results(viewer, ids) {
		if (ids.length === 0 || !(await catalogueViewer(viewer))) return new Map()
		const rows = await queryRows<{ id: string; name: string; vendorName: string }>(sql`
			SELECT vp."id", vp."name", v."name" AS "vendorName"
			FROM "VendorProgram" vp JOIN "Vendor" v ON v."id" = vp."vendorId"
			WHERE vp."id" IN (${join(ids)}) AND vp."state" = 'approved'`)
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/programs/${row.id}`,
					title: `${row.vendorName} — ${row.name}`,
					label: 'Vendor program',
				},
			]),
		)
	},
}

const ratingSearch: SearchSubject = {
	kind: VENDOR_RATING,
	async scopes(viewer) {
		const cv = await catalogueViewer(viewer)
		if (!cv) return []
		return [CATALOGUE_SCOPE, ...cv.groupIds.map((groupId) => `group:${groupId}`)]
	},
	async results(viewer, ids) {
		const cv = ids.length > 0 ? await catalogueViewer(viewer) : null
		if (!cv) return new Map()
		const rows = await queryRows<{
			id: string
			programId: string
			name: string
			vendorName: string
		}>(sql`
			SELECT r."id", r."programId", vp."name", v."name" AS "vendorName"
			FROM "ProgramRating" r JOIN "VendorProgram" vp ON vp."id" = r."programId"
			JOIN "Vendor" v ON v."id" = vp."vendorId"
			WHERE r."id" IN (${join(ids)}) AND vp."state" = 'approved' AND ${readableRatingSql(cv, sql`r`)}`)
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/programs/${row.programId}#rating-${row.id}`,
					title: `A review of ${row.vendorName} — ${row.name}`,
					label: 'Program review',
				},
			]),
		)
	},
}

export const vendorSearchSubjects: SearchSubject[] = [programSearch, ratingSearch]
