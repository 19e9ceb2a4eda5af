import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { db, dbEngine, type DbTransaction } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { activeMembershipWhere } from '#app/modules/groups/membership.server.ts'

// Accountability pairings: one member invites another who shares a group with them; the invitee
// accepts or declines; either side ends an accepted pairing. An accepted pairing is what lets
// each see the other's plans (access.server.ts reads these rows); this module only keeps them.

type Person = { id: string; name: string }

/** A pairing that stands in the way of a new invitation between the two: pending or accepted. */
const OPEN_STATUSES = ['pending', 'accepted']

/** Members who share at least one group with `userId`, as a condition on users. */
function sharesGroupWith(userId: string): Prisma.UserWhereInput {
	return { memberships: { some: activeMembershipWhere({ group: { memberships: { some: activeMembershipWhere({ userId }) } } }) } }
}

/** Users with an open pairing (pending or accepted, either direction) with `userId`. */
function pairedWith(userId: string): Prisma.UserWhereInput {
	return {
		OR: [
			{ buddyInvitesSent: { some: { inviteeId: userId, status: { in: OPEN_STATUSES } } } },
			{ buddyInvitesGot: { some: { inviterId: userId, status: { in: OPEN_STATUSES } } } },
		],
	}
}

/** The condition on users a member may invite: in one of their groups, not themselves, not paired or invited either way. */
function invitableWhere(userId: string): Prisma.UserWhereInput {
	return { AND: [{ id: { not: userId } }, sharesGroupWith(userId), { NOT: pairedWith(userId) }] }
}

/** The people a member may invite now, by name. */
export async function invitableMembers(userId: string): Promise<Person[]> {
	return db.user.findMany({
		where: invitableWhere(userId),
		select: { id: true, name: true },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
	})
}

export type InviteRefusal = 'self' | 'not-invitable'

/**
 * Invites `inviteeId` to be the inviter's buddy. Refused for oneself, for someone who shares no
 * group with the inviter, and where a pairing is pending or accepted between the two (in either
 * direction); the check and the write are one transaction.
 */
export async function inviteBuddy(input: {
	inviterId: string
	inviteeId: string
}): Promise<{ ok: true; pairId: string } | { ok: false; reason: InviteRefusal }> {
	if (input.inviterId === input.inviteeId) return { ok: false, reason: 'self' }
	return db.$transaction(async (tx) => {
		// Two invitations between the same people at once (either way): on PostgreSQL both users'
		// rows are locked, in one order, so the second sees the first (SQLite runs one at a time).
		if (dbEngine() === 'postgresql') {
			const ids = [input.inviterId, input.inviteeId].sort()
			await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" IN (${ids[0]}, ${ids[1]}) ORDER BY "id" FOR UPDATE`
		}
		const invitable = await tx.user.findFirst({
			where: { AND: [{ id: input.inviteeId }, invitableWhere(input.inviterId)] },
			select: { id: true },
		})
		if (!invitable) return { ok: false as const, reason: 'not-invitable' as const }
		const pair = await tx.buddyPair.create({
			data: { inviterId: input.inviterId, inviteeId: input.inviteeId },
			select: { id: true },
		})
		return { ok: true as const, pairId: pair.id }
	})
}

/** The invitee answers a pending invitation; false when there is no such invitation for them. */
export async function respondToInvitation(input: {
	userId: string
	pairId: string
	accept: boolean
	now?: Date
}): Promise<boolean> {
	const { count } = await db.buddyPair.updateMany({
		where: { id: input.pairId, inviteeId: input.userId, status: 'pending' },
		data: { status: input.accept ? 'accepted' : 'declined', respondedAt: input.now ?? new Date() },
	})
	return count === 1
}

/** The inviter takes back an invitation not yet answered. */
export async function withdrawInvitation(input: {
	userId: string
	pairId: string
	now?: Date
}): Promise<boolean> {
	const { count } = await db.buddyPair.updateMany({
		where: { id: input.pairId, inviterId: input.userId, status: 'pending' },
		data: { status: 'ended', endedAt: input.now ?? new Date(), endedById: input.userId },
	})
	return count === 1
}

/**
 * Either side ends an accepted pairing. Access ends with it: both people's live plan rooms are
 * put to the access rule again after the commit, so the former buddy stops receiving events.
 */
export async function endPairing(
	input: { userId: string; pairId: string; now?: Date },
	realtime: RealtimePublisher,
): Promise<boolean> {
	const pair = await db.buddyPair.findFirst({
		where: {
			id: input.pairId,
			status: 'accepted',
			OR: [{ inviterId: input.userId }, { inviteeId: input.userId }],
		},
		select: { id: true, inviterId: true, inviteeId: true },
	})
	if (!pair) return false
	const { count } = await db.buddyPair.updateMany({
		where: { id: pair.id, status: 'accepted' },
		data: { status: 'ended', endedAt: input.now ?? new Date(), endedById: input.userId },
	})
	if (count !== 1) return false
	await Promise.all([
		realtime.accessChanged({ userId: pair.inviterId }),
		realtime.accessChanged({ userId: pair.inviteeId }),
	])
	return true
}

export type PairView = { pairId: string; partner: Person; since: Date }

/** A member's pairings: invitations to answer, invitations sent, and accepted buddies. */
export async function listPairs(
	userId: string,
): Promise<{ incoming: PairView[]; outgoing: PairView[]; accepted: PairView[] }> {
	const pairs = await db.buddyPair.findMany({
		where: { status: { in: OPEN_STATUSES }, OR: [{ inviterId: userId }, { inviteeId: userId }] },
		select: {
			id: true,
			status: true,
			createdAt: true,
			respondedAt: true,
			inviter: { select: { id: true, name: true } },
			invitee: { select: { id: true, name: true } },
		},
		orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
	})
	const view = (pair: (typeof pairs)[number]): PairView => ({
		pairId: pair.id,
		partner: pair.inviter.id === userId ? pair.invitee : pair.inviter,
		since: pair.respondedAt ?? pair.createdAt,
	})
	return {
		incoming: pairs.filter((p) => p.status === 'pending' && p.invitee.id === userId).map(view),
		outgoing: pairs.filter((p) => p.status === 'pending' && p.inviter.id === userId).map(view),
		accepted: pairs.filter((p) => p.status === 'accepted').map(view),
	}
}

/** The ids of a user's accepted buddies (either direction), read in `tx` or alone. */
export async function acceptedBuddyIds(
	client: DbTransaction | typeof db,
	userId: string,
): Promise<string[]> {
	const pairs = await client.buddyPair.findMany({
		where: { status: 'accepted', OR: [{ inviterId: userId }, { inviteeId: userId }] },
		select: { inviterId: true, inviteeId: true },
	})
	return [
		...new Set(pairs.map((pair) => (pair.inviterId === userId ? pair.inviteeId : pair.inviterId))),
	]
}
