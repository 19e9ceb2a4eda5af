import type { Route } from './+types/export-csv.ts'
import { PLAN_KIND_LABELS, type PlanKind } from '#app/modules/plans/constants.ts'
import { planCsv } from '#app/modules/plans/review.server.ts'
import { requireReadablePlan } from '#app/utils/permissions.server.ts'

/** Plan against actual as a spreadsheet, for whoever may read the plan. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const { access } = await requireReadablePlan(request, params.planId)
	const name = `${(PLAN_KIND_LABELS[access.kind as PlanKind] ?? 'plan').toLowerCase().replace(/\s+/g, '-')}-${access.year}.csv`
	return new Response(await planCsv(access.planId), {
		headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' },
	})
}
