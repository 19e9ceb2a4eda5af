// Programs as a subject of notifications (the registry in notifications/subjects.server.ts lists
// them): the deadline notices to followers (deadline-notices.server.ts). Readable exactly while the
// reader may see the program (the vendors access rule), so a follower who leaves every group no
// longer sees what they were told; they lead to the program's page.
import type { NotificationSubject } from '#app/modules/notifications/subjects.server.ts'
import { db } from '#app/utils/db.server.ts'
import { join, queryRows, sql } from '#app/utils/sql.server.ts'
import { readableProgramSql } from './access.server.ts'
import { programTitle } from './program-dates.ts'

export const VENDORS_PROGRAM = 'vendors.program'

/** A program as the subject of notifications: read while the reader may see the program. */
const programSubject: NotificationSubject = {
	kind: VENDORS_PROGRAM,
	readableSql: (userId, subjectId) =>
		sql`EXISTS (SELECT 1 FROM "VendorProgram" vp WHERE vp."id" = ${subjectId} AND ${readableProgramSql(userId, sql`vp`)})`,
	async readable(userId, ids) {
		if (ids.length === 0) return new Set()
		const rows = await queryRows<{ id: string }>(
			sql`SELECT vp."id" FROM "VendorProgram" vp WHERE vp."id" IN (${join(ids)}) AND ${readableProgramSql(userId, sql`vp`)}`,
		)
		return new Set(rows.map((row) => row.id))
	},
	async links(ids) {
		if (ids.length === 0) return new Map()
		const rows = await db.vendorProgram.findMany({
			where: { id: { in: ids } },
			select: { id: true, name: true, state: true, vendor: { select: { name: true } } },
		})
		return new Map(
			rows.map((row) => [
				row.id,
				{
					href: `/programs/${row.id}`,
					title: programTitle(row.vendor.name, row.name),
					note: row.state === 'merged' ? 'it has since been merged into another program' : null,
				},
			]),
		)
	},
}

export const vendorNotificationSubjects: NotificationSubject[] = [programSubject]
