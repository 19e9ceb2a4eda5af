import type { Prisma } from '../../../prisma/generated/sqlite/client.ts'
import { sql, type Sql } from '#app/utils/sql.server.ts'

/**
 * What "a member of the group" means for every rule: a Membership row whose holder has accepted
 * the group's current confidentiality agreement (agreement.server.ts keeps `agreementPending` in
 * step, in the transactions that publish a version, accept one and join the group). Until they
 * accept, a member is treated as not a member by every page, list, search, notification and
 * socket room. Every access module builds its membership conditions here, so none can forget it:
 *
 *   - activeMembershipWhere(where): a Prisma condition on Membership (inside `some`, findFirst…);
 *   - activeMembershipSql(m): the same on a Membership alias in typed SQL.
 *
 * Only the agreement page itself (agreement.server.ts) reads memberships that are pending.
 */
export function activeMembershipWhere<W extends Prisma.MembershipWhereInput>(
	where: W = {} as W,
): W & { agreementPending: false } {
	return { ...where, agreementPending: false }
}

/** activeMembershipWhere in SQL, on the Membership alias `m`. */
export function activeMembershipSql(m: Sql): Sql {
	return sql`${m}."agreementPending" = ${false}`
}
