import type { SessionUser } from '#app/modules/auth/sessions.server.ts'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { queryRows, sql } from '#app/utils/sql.server.ts'
import { recordAudit } from './audit.server.ts'
import { formatSuspensionDay } from './suspension-schemas.ts'

/**
 * Suspensions of accounts by site admins. A suspension is a row kept for history: it is active
 * while it has not been lifted and its end (if any) lies ahead. While active, the member cannot
 * log in (told why, once their password is right), every session of theirs is refused at the
 * next request (sessions.server.ts asks the same rule in SQL) and their live connections are
 * dropped when it starts. Their posts and everything else they wrote stay.
 */

export class SuspensionError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message)
	}
}

/** The Prisma form of "active at `now`"; sessions.server.ts has the same rule in SQL. */
const activeAt = (now: Date) => ({
	liftedAt: null,
	OR: [{ endsAt: null }, { endsAt: { gt: now } }],
})

export function activeSuspension(
	userId: string,
	now = new Date(),
	tx: DbTransaction | typeof db = db,
) {
	return tx.suspension.findFirst({
		where: { userId, ...activeAt(now) },
		orderBy: { createdAt: 'desc' },
		select: { id: true, reason: true, endsAt: true, createdAt: true, suspendedById: true },
	})
}

type Admin = Pick<SessionUser, 'id' | 'name' | 'isSiteAdmin'>

function requireAdmin(admin: Admin) {
	if (!admin.isSiteAdmin) throw new SuspensionError('Only site admins can suspend accounts.', 403)
}

/**
 * Suspends an account: in one transaction the suspension, the end of every session and the audit
 * entry; then, once committed, the account's open sockets are dropped on every instance.
 */
export async function suspendUser(
	admin: Admin,
	userId: string,
	input: { reason: string; endsAt: Date | null },
	realtime: RealtimePublisher,
	now = new Date(),
) {
	requireAdmin(admin)
	if (userId === admin.id) throw new SuspensionError('You cannot suspend your own account.')
	const suspended = await db.$transaction(async (tx) => {
		const user = await tx.user.findUnique({
			where: { id: userId },
			select: { id: true, name: true, email: true, isSiteAdmin: true },
		})
		if (!user) throw new SuspensionError('That account does not exist.', 404)
		if (user.isSiteAdmin)
			throw new SuspensionError(
				'Site admins cannot be suspended: another site admin’s account stays open.',
			)
		const current = await activeSuspension(userId, now, tx)
		if (current)
			throw new SuspensionError(
				`${user.name} is already suspended. Lift that suspension first to set a different one.`,
				409,
			)
		const suspension = await tx.suspension.create({
			data: {
				userId,
				reason: input.reason,
				endsAt: input.endsAt,
				suspendedById: admin.id,
				createdAt: now,
			},
			select: { id: true },
		})
		const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId } })
		await recordAudit(tx, {
			groupId: null,
			actor: admin,
			action: 'user.suspend',
			target: { kind: 'user', id: user.id, label: `${user.name} <${user.email}>` },
			reason: input.reason,
			detail: {
				suspensionId: suspension.id,
				endsAt: input.endsAt?.toISOString() ?? null,
				sessionsEnded,
			},
		})
		return { user, sessionsEnded }
	})
	// After the commit: their sockets drop now, here and (through the adapter) on other instances;
	// a reconnection is refused at the handshake, which has no session to find.
	await realtime.disconnectUser(userId)
	return suspended
}

/** Lifts the account's active suspension; false when there was none. */
export async function liftSuspension(
	admin: Admin,
	userId: string,
	now = new Date(),
): Promise<boolean> {
	requireAdmin(admin)
	return db.$transaction(async (tx) => {
		const user = await tx.user.findUnique({
			where: { id: userId },
			select: { id: true, name: true, email: true },
		})
		if (!user) throw new SuspensionError('That account does not exist.', 404)
		const current = await activeSuspension(userId, now, tx)
		if (!current) return false
		await tx.suspension.update({
			where: { id: current.id },
			data: { liftedAt: now, liftedById: admin.id },
		})
		await recordAudit(tx, {
			groupId: null,
			actor: admin,
			action: 'user.unsuspend',
			target: { kind: 'user', id: user.id, label: `${user.name} <${user.email}>` },
			detail: { suspensionId: current.id, endsAt: current.endsAt?.toISOString() ?? null },
		})
		return true
	})
}

export const ADMIN_USERS_PAGE_SIZE = 50

type AdminUserRow = {
	id: string
	name: string
	email: string
	company: string
	isSiteAdmin: boolean
	createdAt: Date
	suspendedUntil: Date | null
	suspended: unknown
}

/** `LIKE` pattern for a term typed by the admin: its wildcards are taken literally. */
function containsPattern(term: string): string {
	return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * The admin's list of accounts: searched by name, email or company (any case), by name, 50 a
 * page, with each account's groups, site-admin flag and suspension state.
 */
export async function listUsersForAdmin(
	options: { query?: string; page: number },
	now = new Date(),
) {
	const term = options.query?.trim().slice(0, 100) ?? ''
	const pattern = containsPattern(term)
	const where = term
		? sql`(LOWER(u."name") LIKE ${pattern} ESCAPE '\\' OR LOWER(u."email") LIKE ${pattern} ESCAPE '\\' OR LOWER(u."company") LIKE ${pattern} ESCAPE '\\')`
		: sql`1 = 1`
	const [counted] = await queryRows<{ count: number | bigint }>(
		sql`SELECT COUNT(*) AS "count" FROM "User" u WHERE ${where}`,
	)
	const total = Number(counted?.count ?? 0)
	const pageCount = Math.max(1, Math.ceil(total / ADMIN_USERS_PAGE_SIZE))
	const page = Math.min(Math.max(1, options.page), pageCount)
	const rows = await queryRows<AdminUserRow>(sql`
		SELECT u."id", u."name", u."email", u."company", u."isSiteAdmin", u."createdAt",
			EXISTS (SELECT 1 FROM "Suspension" x WHERE x."userId" = u."id" AND x."liftedAt" IS NULL AND (x."endsAt" IS NULL OR x."endsAt" > ${now})) AS "suspended",
			(SELECT MAX(x."endsAt") FROM "Suspension" x WHERE x."userId" = u."id" AND x."liftedAt" IS NULL AND x."endsAt" > ${now}) AS "suspendedUntil"
		FROM "User" u WHERE ${where}
		ORDER BY LOWER(u."name") ASC, u."id" ASC
		LIMIT ${ADMIN_USERS_PAGE_SIZE} OFFSET ${(page - 1) * ADMIN_USERS_PAGE_SIZE}`)
	const memberships = rows.length
		? await db.membership.findMany({
				where: { userId: { in: rows.map((row) => row.id) } },
				select: { userId: true, role: true, group: { select: { name: true, slug: true } } },
				orderBy: { group: { name: 'asc' } },
			})
		: []
	return {
		query: term,
		total,
		page,
		pageCount,
		users: rows.map((row) => ({
			id: row.id,
			name: row.name,
			email: row.email,
			company: row.company,
			isSiteAdmin: Boolean(row.isSiteAdmin),
			suspended: Boolean(row.suspended),
			suspendedUntil: row.suspendedUntil ? formatSuspensionDay(new Date(row.suspendedUntil)) : null,
			groups: memberships
				.filter((m) => m.userId === row.id)
				.map((m) => ({ name: m.group.name, slug: m.group.slug, role: m.role })),
		})),
	}
}

/** One account as its admin page shows it: groups, sessions, the active suspension and the history. */
export async function userForAdmin(userId: string, now = new Date()) {
	const user = await db.user.findUnique({
		where: { id: userId },
		select: {
			id: true,
			name: true,
			email: true,
			company: true,
			isSiteAdmin: true,
			createdAt: true,
			memberships: {
				select: { role: true, group: { select: { name: true, slug: true } } },
				orderBy: { group: { name: 'asc' } },
			},
			_count: { select: { sessions: true } },
			suspensions: {
				orderBy: { createdAt: 'desc' },
				take: 20,
				select: {
					id: true,
					reason: true,
					endsAt: true,
					createdAt: true,
					liftedAt: true,
					suspendedById: true,
					liftedById: true,
				},
			},
		},
	})
	if (!user) return null
	const adminIds = [
		...new Set(user.suspensions.flatMap((s) => [s.suspendedById, s.liftedById ?? []].flat())),
	]
	const admins = new Map(
		(
			await db.user.findMany({ where: { id: { in: adminIds } }, select: { id: true, name: true } })
		).map((a) => [a.id, a.name]),
	)
	const isActive = (s: { liftedAt: Date | null; endsAt: Date | null }) =>
		!s.liftedAt && (!s.endsAt || s.endsAt > now)
	const active = user.suspensions.find(isActive) ?? null
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		company: user.company,
		isSiteAdmin: user.isSiteAdmin,
		createdAt: user.createdAt,
		groups: user.memberships.map((m) => ({ name: m.group.name, slug: m.group.slug, role: m.role })),
		sessionCount: user._count.sessions,
		active: active
			? {
					reason: active.reason,
					endsAt: active.endsAt ? formatSuspensionDay(active.endsAt) : null,
					createdAt: active.createdAt,
				}
			: null,
		history: user.suspensions.map((s) => ({
			id: s.id,
			reason: s.reason,
			createdAt: s.createdAt,
			endsAt: s.endsAt ? formatSuspensionDay(s.endsAt) : null,
			liftedAt: s.liftedAt,
			by: admins.get(s.suspendedById) ?? 'a former admin',
			liftedBy: s.liftedById ? (admins.get(s.liftedById) ?? 'a former admin') : null,
			state: isActive(s) ? 'active' : s.liftedAt ? 'lifted' : 'ended',
		})),
	}
}
