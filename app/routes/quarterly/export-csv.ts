import type { Route } from './+types/export-csv.ts'
import { cycleReport, reportCsv } from '#app/modules/quarterly/export.server.ts'
import { requireCycleModerator } from '#app/utils/permissions.server.ts'

/** A cycle's updates as a spreadsheet, for the group's moderators: the updates they may read. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, group, access } = await requireCycleModerator(request, params.slug, params.cycleId)
	const report = await cycleReport(user, access)
	const name = `${group.slug}-${report.quarter}-updates.csv`.replace(/[^\w.-]+/g, '-')
	return new Response(reportCsv(report), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'private, no-store',
		},
	})
}
