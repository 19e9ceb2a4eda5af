import { Form, Link } from 'react-router'
import type { Route } from './+types/programs.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { buttonClasses } from '#app/components/ui/button.tsx'
import { ProgramRow } from '#app/components/vendors/program-bits.tsx'
import {
	PROGRAM_KIND_LABELS,
	PROGRAM_KINDS,
	type ProgramKind,
} from '#app/modules/vendors/constants.ts'
import { vendorsInCatalogue } from '#app/modules/vendors/program-page.server.ts'
import { pageOfPrograms } from '#app/modules/vendors/programs.server.ts'
import { PROGRAM_SORT_LABELS, PROGRAM_SORTS, type ProgramSort } from '#app/modules/vendors/sorts.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCatalogue } from '#app/utils/permissions.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Vendor programs') }]

/** The catalogue's filters from the address; anything unknown is left out rather than refused. */
function filtersFrom(url: URL) {
	const kind = url.searchParams.get('kind') ?? ''
	const sort = url.searchParams.get('sort') ?? ''
	return {
		vendorId: url.searchParams.get('vendor')?.slice(0, 100) || undefined,
		kind: (PROGRAM_KINDS as readonly string[]).includes(kind) ? (kind as ProgramKind) : undefined,
		openNow: url.searchParams.get('open') === '1',
		endingSoon: url.searchParams.get('ending') === '1',
		sort: (PROGRAM_SORTS as readonly string[]).includes(sort) ? (sort as ProgramSort) : 'top',
	}
}

export async function loader({ request }: Route.LoaderArgs) {
	const { viewer } = await requireCatalogue(request)
	const url = new URL(request.url)
	const { sort, ...filters } = filtersFrom(url)
	const now = new Date()
	const [list, vendors] = await Promise.all([
		pageOfPrograms(viewer, { filters, sort, now, page: pageParam(url) }),
		vendorsInCatalogue(viewer),
	])
	const filtered = Boolean(
		filters.vendorId || filters.kind || filters.openNow || filters.endingSoon,
	)
	return { ...list, vendors, filters, sort, filtered, now }
}

const selectClasses =
	'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600'

export default function Programs({ loaderData }: Route.ComponentProps) {
	const { items, total, page, pageCount, vendors, filters, sort, filtered, now } = loaderData
	return (
		<main className="mx-auto max-w-4xl">
			<PageHeader
				title="Vendor programs"
				description="Partner programs rated by peers: what they pay, how long it takes, whether it was worth it."
				actions={
					<Link to="/programs/new" className={buttonClasses('primary')}>
						Propose a program
					</Link>
				}
			/>
			<Card className="mb-6">
				<Form
					method="get"
					className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
					aria-label="Filter and sort programs"
				>
					<div className="space-y-1">
						<label htmlFor="filter-vendor" className="block text-sm font-medium text-slate-800">
							Vendor
						</label>
						<select
							id="filter-vendor"
							name="vendor"
							defaultValue={filters.vendorId ?? ''}
							className={selectClasses}
						>
							<option value="">All vendors</option>
							{vendors.map((vendor) => (
								<option key={vendor.id} value={vendor.id}>
									{vendor.name}
								</option>
							))}
						</select>
					</div>
					<div className="space-y-1">
						<label htmlFor="filter-kind" className="block text-sm font-medium text-slate-800">
							Kind
						</label>
						<select
							id="filter-kind"
							name="kind"
							defaultValue={filters.kind ?? ''}
							className={selectClasses}
						>
							<option value="">All kinds</option>
							{PROGRAM_KINDS.map((kind) => (
								<option key={kind} value={kind}>
									{PROGRAM_KIND_LABELS[kind]}
								</option>
							))}
						</select>
					</div>
					<div className="space-y-1">
						<label htmlFor="sort" className="block text-sm font-medium text-slate-800">
							Sort by
						</label>
						<select id="sort" name="sort" defaultValue={sort} className={selectClasses}>
							{PROGRAM_SORTS.map((value) => (
								<option key={value} value={value}>
									{PROGRAM_SORT_LABELS[value]}
								</option>
							))}
						</select>
					</div>
					<fieldset className="space-y-1">
						<legend className="text-sm font-medium text-slate-800">Show only</legend>
						<label className="flex items-center gap-2 text-sm text-slate-700">
							<input type="checkbox" name="open" value="1" defaultChecked={filters.openNow} />
							Open now
						</label>
						<label className="flex items-center gap-2 text-sm text-slate-700">
							<input type="checkbox" name="ending" value="1" defaultChecked={filters.endingSoon} />
							Ending soon
						</label>
					</fieldset>
					<div className="flex items-center gap-3 sm:col-span-2 lg:col-span-4">
						<button type="submit" className={buttonClasses('secondary')}>
							Show programs
						</button>
						{filtered ? (
							<Link to="/programs" className="text-sm">
								Clear filters
							</Link>
						) : null}
					</div>
				</Form>
			</Card>
			{items.length === 0 ? (
				filtered ? (
					<EmptyState title="No program matches these filters">
						<Link to="/programs">See all programs</Link>, or propose the one you are looking for.
					</EmptyState>
				) : (
					<EmptyState title="No programs yet">
						Know a vendor program worth sharing? <Link to="/programs/new">Propose it</Link> and
						peers can rate it once it is approved.
					</EmptyState>
				)
			) : (
				<>
					<p className="mb-2 text-sm text-slate-600" role="status">
						{total === 1 ? '1 program' : `${total} programs`}
					</p>
					<Card className="p-0">
						<ul className="divide-y divide-slate-100" aria-label="Programs">
							{items.map((program) => (
								<ProgramRow key={program.id} program={program} now={now} />
							))}
						</ul>
					</Card>
					<Pagination page={page} pageCount={pageCount} label="Pages of programs" />
				</>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
