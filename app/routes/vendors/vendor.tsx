import { Link } from 'react-router'
import type { Route } from './+types/vendor.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { ProgramRow } from '#app/components/vendors/program-bits.tsx'
import { getVendor } from '#app/modules/vendors/program-page.server.ts'
import { listPrograms } from '#app/modules/vendors/programs.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireCatalogue } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle(data ? data.vendor.name : 'Vendor', 'Vendor programs') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { viewer } = await requireCatalogue(request)
	const vendor = await getVendor(params.vendorId)
	if (!vendor) throw notFound()
	const now = new Date()
	const programs = (await listPrograms(viewer, { filters: { vendorId: vendor.id }, now })).filter(
		(program) => program.state === 'approved',
	)
	return { vendor, programs, now }
}

export default function VendorPage({ loaderData }: Route.ComponentProps) {
	const { vendor, programs, now } = loaderData
	return (
		<main className="mx-auto max-w-4xl">
			<p className="mb-2 text-sm">
				<Link to="/programs">← Vendor programs</Link>
			</p>
			<PageHeader
				title={vendor.name}
				description={vendor.description || undefined}
				actions={
					<Link to="/programs/new" className="text-sm">
						Propose a program
					</Link>
				}
			/>
			{vendor.website ? (
				<p className="-mt-4 mb-6 text-sm">
					<a href={vendor.website} rel="noopener noreferrer nofollow" target="_blank">
						{vendor.website}
						<span className="sr-only"> (opens in a new tab)</span>
					</a>
				</p>
			) : null}
			<h2 className="mb-2 text-lg font-semibold text-slate-900">Programs</h2>
			{programs.length === 0 ? (
				<EmptyState title={`No approved programs of ${vendor.name} yet`}>
					<Link to="/programs/new">Propose one</Link> and peers can rate it once it is approved.
				</EmptyState>
			) : (
				<Card className="p-0">
					<ul className="divide-y divide-slate-100" aria-label={`Programs of ${vendor.name}`}>
						{programs.map((program) => (
							<ProgramRow key={program.id} program={program} now={now} showVendor={false} />
						))}
					</ul>
				</Card>
			)}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
