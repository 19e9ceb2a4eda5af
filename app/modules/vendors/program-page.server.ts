// What the catalogue's pages read besides lists and figures: the vendors to filter by, a vendor,
// a program in full. Who may see them is the access rule's (access.server.ts); callers pass its answer.
import { db } from '#app/utils/db.server.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'
import { visibleProgramsWhere, type CatalogueViewer } from './access.server.ts'
import { PROGRAM_FIELDS } from './programs.server.ts'
import { lastDayOf, opensOn, programStatus } from './status.ts'

/** The vendors with a program the viewer may see, by name: the catalogue's vendor filter. */
export function vendorsInCatalogue(cv: CatalogueViewer) {
	return db.vendor.findMany({
		where: { programs: { some: visibleProgramsWhere(cv) } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true },
	})
}

/** A vendor, or null. Anyone who sees the catalogue sees its vendors (a vendor is public knowledge). */
export function getVendor(vendorId: string) {
	return db.vendor.findUnique({
		where: { id: vendorId },
		select: { id: true, name: true, website: true, description: true },
	})
}

/** A program in full, with its status on `now`; the caller has checked the viewer may see it. */
export async function programDetail(programId: string, now: Date = new Date()) {
	const program = await db.vendorProgram.findUnique({
		where: { id: programId },
		select: {
			id: true,
			...PROGRAM_FIELDS,
			state: true,
			discussionThreadId: true,
			proposedById: true,
			vendor: { select: { id: true, name: true } },
		},
	})
	if (!program) return null
	return {
		...program,
		status: programStatus(program, now),
		opensOn: opensOn(program),
		lastDay: lastDayOf(program),
	}
}

/** The groups a member may sign a rating as, by name. */
export async function ratingGroupsOf(userId: string) {
	const memberships = await db.membership.findMany({
		where: activeMembershipWhere({ userId }),
		select: { group: { select: { id: true, name: true } } },
		orderBy: { group: { name: 'asc' } },
	})
	return memberships.map((membership) => membership.group)
}

/** A web address safe to link to: http(s) only, else null. */
export function safeLink(link: string): string | null {
	return /^https?:\/\//i.test(link) ? link : null
}
