// The catalogue of programs: any member proposes one (seen by its author and the curators until
// approved); curators (site admins, moderators) approve, edit, and merge a duplicate into another
// program, its ratings and followers moving with it. Lists filter and sort by what peers ask:
// vendor, kind, open now, ending soon; top rated, most rated, ending soonest, newest.
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { slugify } from '#app/modules/groups/groups.server.ts'
import { recordAudit } from '#app/modules/moderation/audit.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import {
	catalogueViewer,
	programAccess,
	visibleProgramsWhere,
	type CatalogueViewer,
} from './access.server.ts'
import type { ProgramKind } from './constants.ts'
import { VENDOR_EVENTS } from './events.ts'
import { figuresByProgram } from './figures.server.ts'
import { indexProgram, unindexRatings } from './program-search.server.ts'
import type { ProgramFigures } from './figures.ts'
import type { ProgramInput } from './schemas.ts'
import type { ProgramSort } from './sorts.ts'
import { lastDayOf, opensOn, programStatus, type ProgramStatus } from './status.ts'
import { VendorError } from './vendor-error.ts'
import { isoDay } from '#app/utils/iso-day.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

const day = (text: string | undefined) => (text ? new Date(`${text}T00:00:00Z`) : null)

function programFields(input: ProgramInput) {
	return {
		name: input.name,
		kind: input.kind,
		description: input.description ?? '',
		link: input.link ?? '',
		benefitAmount: input.benefitAmount ?? null,
		benefitCurrency: input.benefitAmount === undefined ? null : (input.benefitCurrency ?? null),
		benefitText: input.benefitText ?? '',
		feeAmount: input.feeAmount ?? null,
		feeCurrency: input.feeAmount === undefined ? null : (input.feeCurrency ?? null),
		hours: input.hours ?? null,
		requirements: input.requirements ?? '',
		eligibility: input.eligibility ?? '',
		capacityLimited: input.capacityLimited ?? false,
		enrollOpensOn: day(input.enrollOpensOn),
		enrollClosesOn: day(input.enrollClosesOn),
		claimOpensOn: day(input.claimOpensOn),
		claimClosesOn: day(input.claimClosesOn),
		proofDueOn: day(input.proofDueOn),
	}
}

/**
 * The vendor by its name (any case), made on first mention, in the transaction that names it: a
 * program refused later leaves no vendor behind. Two first mentions at once end as one vendor
 * (an upsert on the slug).
 */
async function vendorNamed(tx: DbTransaction, name: string): Promise<string> {
	const slug = slugify(name)
	return (
		await tx.vendor.upsert({
			where: { slug },
			create: { name, slug },
			update: {},
			select: { id: true },
		})
	).id
}

async function actorOf(tx: DbTransaction, viewer: Viewer) {
	const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true } })
	return { id: viewer.id, name: user.name }
}

/** A member proposes a program; null when they may not see the catalogue at all (404). */
export async function proposeProgram(
	viewer: Viewer,
	input: ProgramInput,
): Promise<{ id: string } | null> {
	const cv = await catalogueViewer(viewer)
	if (!cv) return null
	return db.$transaction(async (tx) => {
		const vendorId = await vendorNamed(tx, input.vendorName)
		return tx.vendorProgram.create({
			data: { ...programFields(input), vendorId, proposedById: viewer.id },
			select: { id: true },
		})
	})
}

/** A curator approves a proposal. Null (404) when the viewer may not see it. */
export async function approveProgram(
	viewer: Viewer,
	programId: string,
	now: Date = new Date(),
): Promise<boolean | null> {
	const access = await programAccess(viewer, programId)
	if (!access) return null
	if (!access.canCurate) throw new VendorError('Only site admins and moderators approve programs')
	return db.$transaction(async (tx) => {
		const approved = await tx.vendorProgram.updateMany({
			where: { id: programId, state: 'proposed' },
			data: { state: 'approved', approvedAt: now },
		})
		if (approved.count !== 1) return false
		const program = await tx.vendorProgram.findUniqueOrThrow({
			where: { id: programId },
			select: { name: true, vendor: { select: { name: true } } },
		})
		await recordAudit(tx, {
			groupId: null,
			actor: await actorOf(tx, viewer),
			action: 'program.approve',
			target: { kind: 'program', id: programId, label: `${program.vendor.name} — ${program.name}` },
		})
		await indexProgram(tx, programId)
		return true
	})
}

/** A curator edits a program; its author may edit it too while it is a proposal. */
export async function updateProgram(
	viewer: Viewer,
	programId: string,
	input: ProgramInput,
): Promise<boolean | null> {
	const access = await programAccess(viewer, programId)
	if (!access) return null
	const program = await db.vendorProgram.findUniqueOrThrow({
		where: { id: programId },
		select: { proposedById: true, state: true },
	})
	const isAuthorsProposal = program.state === 'proposed' && program.proposedById === viewer.id
	if (!access.canCurate && !isAuthorsProposal)
		throw new VendorError('Only site admins and moderators edit approved programs')
	if (program.state === 'merged')
		throw new VendorError('This program was merged into another: edit that one')
	await db.$transaction(async (tx) => {
		const vendorId = await vendorNamed(tx, input.vendorName)
		const before = await tx.vendorProgram.findUniqueOrThrow({
			where: { id: programId },
			select: { ...PROGRAM_FIELDS, vendor: { select: { name: true } } },
		})
		const after = await tx.vendorProgram.update({
			where: { id: programId },
			data: { ...programFields(input), vendorId },
			select: { ...PROGRAM_FIELDS, vendor: { select: { name: true } } },
		})
		// Curators' edits are audited; an author (not a curator) editing their own proposal is not.
		if (access.canCurate) {
			await recordAudit(tx, {
				groupId: null,
				actor: await actorOf(tx, viewer),
				action: 'program.edit',
				target: { kind: 'program', id: programId, label: `${after.vendor.name} — ${after.name}` },
				detail: changesOf(before, after),
			})
		}
		await indexProgram(tx, programId)
	})
	return true
}

/** A program's own fields, as pages, forms and the audit of an edit read them. */
export const PROGRAM_FIELDS = {
	name: true,
	kind: true,
	description: true,
	link: true,
	benefitAmount: true,
	benefitCurrency: true,
	benefitText: true,
	feeAmount: true,
	feeCurrency: true,
	hours: true,
	requirements: true,
	eligibility: true,
	capacityLimited: true,
	enrollOpensOn: true,
	enrollClosesOn: true,
	claimOpensOn: true,
	claimClosesOn: true,
	proofDueOn: true,
} as const

/** The fields an edit changed, old and new, for the audit log. */
function changesOf(
	before: Record<string, unknown> & { vendor: { name: string } },
	after: Record<string, unknown> & { vendor: { name: string } },
): Record<string, { from: unknown; to: unknown }> {
	const plain = (value: unknown) =>
		value instanceof Date ? isoDay(value) : value
	const changes: Record<string, { from: unknown; to: unknown }> = {}
	if (before.vendor.name !== after.vendor.name)
		changes.vendor = { from: before.vendor.name, to: after.vendor.name }
	for (const key of Object.keys(PROGRAM_FIELDS)) {
		const [from, to] = [plain(before[key]), plain(after[key])]
		if (from !== to) changes[key] = { from, to }
	}
	return changes
}

/**
 * A curator merges a duplicate into another program. The duplicate's ratings move over; a member
 * who rated both keeps the rating they changed last. Followers move too. The duplicate stays, as
 * "merged", so that links to it lead on. One transaction: figures read before or after, never between.
 */
export async function mergeProgram(
	viewer: Viewer,
	input: { fromId: string; intoId: string },
	realtime: RealtimePublisher,
): Promise<boolean | null> {
	const [from, into] = await Promise.all([
		programAccess(viewer, input.fromId),
		programAccess(viewer, input.intoId),
	])
	if (!from || !into) return null
	if (!from.canCurate) throw new VendorError('Only site admins and moderators merge programs')
	if (input.fromId === input.intoId)
		throw new VendorError('Choose another program to merge into', 'intoId')
	if (from.state === 'merged') throw new VendorError('This program was already merged')
	if (into.state !== 'approved') throw new VendorError('Merge into an approved program', 'intoId')
	await db.$transaction(async (tx) => {
		const moving = await tx.programRating.findMany({
			where: { programId: input.fromId },
			select: { id: true, memberId: true, updatedAt: true },
		})
		const staying = await tx.programRating.findMany({
			where: { programId: input.intoId, memberId: { in: moving.map((r) => r.memberId) } },
			select: { id: true, memberId: true, updatedAt: true },
		})
		const stayingBy = new Map(staying.map((r) => [r.memberId, r]))
		const dropped: string[] = []
		for (const rating of moving) {
			const other = stayingBy.get(rating.memberId)
			if (!other) continue
			// The member's later word wins; the other rating goes (with its helpful votes).
			if (rating.updatedAt > other.updatedAt) dropped.push(other.id)
			else dropped.push(rating.id)
		}
		await tx.programRating.deleteMany({ where: { id: { in: dropped } } })
		await unindexRatings(tx, dropped)
		await tx.programRating.updateMany({
			where: { programId: input.fromId },
			data: { programId: input.intoId },
		})
		const followers = await tx.programFollow.findMany({
			where: { programId: input.fromId },
			select: { userId: true },
		})
		const already = new Set(
			(
				await tx.programFollow.findMany({
					where: { programId: input.intoId },
					select: { userId: true },
				})
			).map((f) => f.userId),
		)
		await tx.programFollow.deleteMany({ where: { programId: input.fromId } })
		const newFollowers = followers.filter((f) => !already.has(f.userId))
		if (newFollowers.length > 0)
			await tx.programFollow.createMany({
				data: newFollowers.map((f) => ({ programId: input.intoId, userId: f.userId })),
			})
		const merged = await tx.vendorProgram.update({
			where: { id: input.fromId },
			data: { state: 'merged', mergedIntoId: input.intoId },
			select: { name: true, vendor: { select: { name: true } } },
		})
		const target = await tx.vendorProgram.findUniqueOrThrow({
			where: { id: input.intoId },
			select: { name: true, vendor: { select: { name: true } } },
		})
		await recordAudit(tx, {
			groupId: null,
			actor: await actorOf(tx, viewer),
			action: 'program.merge',
			target: {
				kind: 'program',
				id: input.fromId,
				label: `${merged.vendor.name} — ${merged.name}`,
			},
			detail: {
				intoId: input.intoId,
				into: `${target.vendor.name} — ${target.name}`,
				ratingsMoved: moving.length - dropped.length,
				ratingsDropped: dropped.length,
			},
		})
		await indexProgram(tx, input.fromId)
		await indexProgram(tx, input.intoId)
	})
	realtime.toRooms(
		[rooms.program(input.intoId), rooms.program(input.fromId)],
		VENDOR_EVENTS.ratingsChanged,
		{
			programId: input.intoId,
		},
	)
	return true
}

export { PROGRAM_SORTS, PROGRAM_SORT_LABELS, type ProgramSort } from './sorts.ts'

export type ProgramFilters = {
	vendorId?: string
	kind?: ProgramKind
	/** open now: open or ending soon. */
	openNow?: boolean
	endingSoon?: boolean
}

export type ProgramListItem = {
	id: string
	name: string
	kind: string
	state: string
	vendor: { id: string; slug: string; name: string }
	status: ProgramStatus
	opensOn: Date | null
	lastDay: Date | null
	benefit: { amount: number | null; currency: string | null; text: string }
	createdAt: Date
	figures: ProgramFigures
}

/** The catalogue as the viewer may see it, filtered and sorted; figures by the access rule. */
export async function listPrograms(
	cv: CatalogueViewer,
	options: { filters?: ProgramFilters; sort?: ProgramSort; now?: Date } = {},
): Promise<ProgramListItem[]> {
	const { filters = {}, sort = 'top', now = new Date() } = options
	const rows = await db.vendorProgram.findMany({
		where: {
			AND: [
				visibleProgramsWhere(cv),
				filters.vendorId ? { vendorId: filters.vendorId } : {},
				filters.kind ? { kind: filters.kind } : {},
			],
		},
		select: {
			id: true,
			name: true,
			kind: true,
			state: true,
			createdAt: true,
			enrollOpensOn: true,
			enrollClosesOn: true,
			claimOpensOn: true,
			claimClosesOn: true,
			proofDueOn: true,
			benefitAmount: true,
			benefitCurrency: true,
			benefitText: true,
			vendor: { select: { id: true, slug: true, name: true } },
		},
	})
	const figures = await figuresByProgram(
		cv,
		rows.map((row) => row.id),
	)
	const items: ProgramListItem[] = rows.map((row) => ({
		id: row.id,
		name: row.name,
		kind: row.kind,
		state: row.state,
		vendor: row.vendor,
		status: programStatus(row, now),
		opensOn: opensOn(row),
		lastDay: lastDayOf(row),
		benefit: { amount: row.benefitAmount, currency: row.benefitCurrency, text: row.benefitText },
		createdAt: row.createdAt,
		figures: figures.get(row.id)!,
	}))
	const shown = items.filter(
		(item) =>
			(!filters.openNow || item.status === 'open' || item.status === 'ending_soon') &&
			(!filters.endingSoon || item.status === 'ending_soon'),
	)
	const byName = (a: ProgramListItem, b: ProgramListItem) => a.name.localeCompare(b.name)
	const compare: Record<ProgramSort, (a: ProgramListItem, b: ProgramListItem) => number> = {
		top: (a, b) =>
			(b.figures.average ?? 0) - (a.figures.average ?? 0) ||
			b.figures.count - a.figures.count ||
			byName(a, b),
		most: (a, b) =>
			b.figures.count - a.figures.count ||
			(b.figures.average ?? 0) - (a.figures.average ?? 0) ||
			byName(a, b),
		// Programs still to end first, soonest first; then those with no end; ended ones last.
		ending: (a, b) => endingKey(a, now) - endingKey(b, now) || byName(a, b),
		newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byName(a, b),
	}
	return shown.sort(compare[sort])
}

export const PROGRAMS_PAGE_SIZE = 25

/** One page of the catalogue (offset paging over the sorted list), with how many pages there are. */
export async function pageOfPrograms(
	cv: CatalogueViewer,
	options: { filters?: ProgramFilters; sort?: ProgramSort; now?: Date; page?: number },
): Promise<{ items: ProgramListItem[]; total: number; page: number; pageCount: number }> {
	const all = await listPrograms(cv, options)
	const pageCount = Math.max(1, Math.ceil(all.length / PROGRAMS_PAGE_SIZE))
	const page = Math.min(Math.max(1, options.page ?? 1), pageCount)
	const start = (page - 1) * PROGRAMS_PAGE_SIZE
	return {
		items: all.slice(start, start + PROGRAMS_PAGE_SIZE),
		total: all.length,
		page,
		pageCount,
	}
}

function endingKey(item: ProgramListItem, now: Date): number {
	if (!item.lastDay) return Number.MAX_SAFE_INTEGER - 1
	if (item.status === 'ended') return Number.MAX_SAFE_INTEGER
	return item.lastDay.getTime() - now.getTime()
}
