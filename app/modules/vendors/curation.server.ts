// What the curation pages read: the queue of proposals (curators), a member's own proposals, a
// program as its edit form shows it, and the programs a duplicate may be merged into. Who may see
// which program is the access rule's (access.server.ts); these only shape what it lets through.
import { db } from '#app/utils/db.server.ts'
import { visibleProgramsWhere, type CatalogueViewer } from './access.server.ts'
import type { ProgramState } from './constants.ts'
import { PROGRAM_FIELDS } from './programs.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'

const day = (date: Date | null) => (date ? isoDay(date) : undefined)

const LISTED = {
	id: true,
	name: true,
	kind: true,
	state: true,
	createdAt: true,
	approvedAt: true,
	mergedIntoId: true,
	vendor: { select: { name: true } },
	proposedBy: { select: { id: true, name: true, company: true } },
} as const

/** The proposals awaiting approval, oldest first: for curators only (empty for anyone else). */
export async function proposalQueue(cv: CatalogueViewer) {
	if (!cv.canCurate) return []
	const rows = await db.vendorProgram.findMany({
		where: { state: 'proposed' },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: LISTED,
	})
	return rows.map((row) => ({
		...row,
		state: row.state as ProgramState,
		createdAt: row.createdAt.toISOString(),
	}))
}

/** The viewer's own proposals in every state, newest first: what became of each. */
export async function ownProposals(cv: CatalogueViewer) {
	const rows = await db.vendorProgram.findMany({
		where: { proposedById: cv.userId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: LISTED,
	})
	return rows.map((row) => ({
		...row,
		state: row.state as ProgramState,
		createdAt: row.createdAt.toISOString(),
	}))
}

/** The names of the vendors already in the catalogue, for the vendor field's suggestions. */
export async function vendorNames(): Promise<string[]> {
	const rows = await db.vendor.findMany({ orderBy: { name: 'asc' }, select: { name: true } })
	return rows.map((row) => row.name)
}

/** A program as its edit form shows it (the fields of ProgramSchema, as typed). */
export async function programForEdit(programId: string) {
	const p = await db.vendorProgram.findUnique({
		where: { id: programId },
		select: {
			id: true,
			...PROGRAM_FIELDS,
			state: true,
			proposedById: true,
			vendor: { select: { name: true } },
		},
	})
	if (!p) return null
	const amount = (value: number | null) => (value === null ? undefined : String(value))
	return {
		id: p.id,
		state: p.state as ProgramState,
		proposedById: p.proposedById,
		title: `${p.vendor.name} — ${p.name}`,
		values: {
			vendorName: p.vendor.name,
			name: p.name,
			kind: p.kind,
			description: p.description || undefined,
			link: p.link || undefined,
			benefitAmount: amount(p.benefitAmount),
			benefitCurrency: p.benefitCurrency ?? undefined,
			benefitText: p.benefitText || undefined,
			feeAmount: amount(p.feeAmount),
			feeCurrency: p.feeCurrency ?? undefined,
			hours: amount(p.hours),
			requirements: p.requirements || undefined,
			eligibility: p.eligibility || undefined,
			capacityLimited: p.capacityLimited ? 'on' : undefined,
			enrollOpensOn: day(p.enrollOpensOn),
			enrollClosesOn: day(p.enrollClosesOn),
			claimOpensOn: day(p.claimOpensOn),
			claimClosesOn: day(p.claimClosesOn),
			proofDueOn: day(p.proofDueOn),
		},
	}
}

export const MERGE_TARGETS_SHOWN = 200

/**
 * The programs a duplicate may go into: approved ones the viewer sees, not itself (merged ones
 * are not approved), by vendor and name; narrowed by words in the vendor's or program's name.
 */
export async function mergeTargets(cv: CatalogueViewer, fromId: string, words = '') {
	const q = words.trim().toLowerCase().slice(0, 100)
	const rows = await db.vendorProgram.findMany({
		where: { AND: [visibleProgramsWhere(cv), { state: 'approved', id: { not: fromId } }] },
		orderBy: [{ vendor: { name: 'asc' } }, { name: 'asc' }],
		select: {
			id: true,
			name: true,
			vendor: { select: { name: true } },
			_count: { select: { ratings: true } },
		},
	})
	// Case-insensitive on both engines alike: the catalogue is small enough to narrow here.
	return rows
		.map((row) => ({
			id: row.id,
			label: `${row.vendor.name} — ${row.name}`,
			ratings: row._count.ratings,
		}))
		.filter((row) => !q || row.label.toLowerCase().includes(q))
		.slice(0, MERGE_TARGETS_SHOWN)
}
