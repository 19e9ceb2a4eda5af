import { data, Form, Link, useNavigation } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/proposals.ts'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { PROGRAM_KIND_LABELS, type ProgramKind } from '#app/modules/vendors/constants.ts'
import { ownProposals, proposalQueue } from '#app/modules/vendors/curation.server.ts'
import { approveProgram } from '#app/modules/vendors/programs.server.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { requireCatalogueViewer } from './curation-guards.server.ts'

export const meta: Route.MetaFunction = ({ data }) => [
	{
		title: pageTitle(data?.canCurate ? 'Proposals to review' : 'Your proposals', 'Vendor programs'),
	},
]

export async function loader({ request }: Route.LoaderArgs) {
	const { cv } = await requireCatalogueViewer(request)
	const [queue, own] = await Promise.all([proposalQueue(cv), ownProposals(cv)])
	return { canCurate: cv.canCurate, queue, own }
}

const ApproveSchema = z.object({
	intent: z.literal('approve'),
	programId: z.string().min(1).max(100),
})

/** A curator approves a proposal from the queue. */
export async function action({ request }: Route.ActionArgs) {
	const { user } = await requireCatalogueViewer(request)
	const parsed = ApproveSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ error: 'Choose a proposal to approve' }, { status: 400 })
	try {
		const approved = await approveProgram(user, parsed.data.programId)
		if (approved === null) throw notFound()
		return redirectWithToast('/programs/proposals', {
			title: approved ? 'Program approved' : 'Already approved',
			description: approved ? 'It is in the catalogue for every member now.' : undefined,
		})
	} catch (error) {
		if (error instanceof VendorError) return data({ error: error.message }, { status: 403 })
		throw error
	}
}

const STATE_LABELS = {
	proposed: 'Awaiting approval',
	approved: 'Approved',
	merged: 'Merged into another program',
} as const

const when = (iso: string) =>
	new Date(iso).toLocaleDateString('en-US', {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC',
	})

export default function Proposals({ loaderData, actionData }: Route.ComponentProps) {
	const { canCurate, queue, own } = loaderData
	const busy = useNavigation().state === 'submitting'
	return (
		<main className="mx-auto max-w-4xl space-y-6">
			<p className="text-sm">
				<Link to="/programs">← Vendor programs</Link>
			</p>
			<PageHeader
				title={canCurate ? 'Proposals to review' : 'Your proposals'}
				description={
					canCurate
						? 'Programs members proposed, oldest first. Approve one to put it in the catalogue, or edit it first.'
						: 'Programs you proposed, and what became of them. A proposal is yours and the curators’ until a curator approves it.'
				}
				actions={
					<Link to="/programs/new" className={buttonClasses('primary')}>
						Propose a program
					</Link>
				}
			/>
			{actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
			{canCurate ? (
				<section aria-labelledby="queue" className="space-y-3">
					<h2 id="queue" className="text-lg font-semibold text-slate-900">
						Awaiting approval ({queue.length})
					</h2>
					{queue.length === 0 ? (
						<EmptyState title="No proposals are waiting">
							When a member proposes a program, it appears here for you to approve.
						</EmptyState>
					) : (
						<Card className="p-0">
							<ul className="divide-y divide-slate-100">
								{queue.map((p) => (
									<li
										key={p.id}
										className="flex flex-wrap items-center justify-between gap-3 px-5 py-4"
									>
										<div className="min-w-0">
											<p className="font-medium text-slate-900">
												{p.vendor.name} — {p.name}
											</p>
											<p className="text-sm text-slate-600">
												{PROGRAM_KIND_LABELS[p.kind as ProgramKind] ?? p.kind} · proposed by{' '}
												{p.proposedBy.name}
												{p.proposedBy.company ? ` (${p.proposedBy.company})` : ''} on{' '}
												{when(p.createdAt)}
											</p>
										</div>
										<div className="flex items-center gap-2">
											<Link
												to={`/programs/${p.id}/edit`}
												className={buttonClasses('secondary', 'sm')}
											>
												Edit
											</Link>
											<Form method="post">
												<input type="hidden" name="intent" value="approve" />
												<input type="hidden" name="programId" value={p.id} />
												<Button size="sm" disabled={busy}>
													Approve
												</Button>
											</Form>
										</div>
									</li>
								))}
							</ul>
						</Card>
					)}
				</section>
			) : null}
			<section aria-labelledby="own" className="space-y-3">
				<h2 id="own" className="text-lg font-semibold text-slate-900">
					{canCurate ? 'Your own proposals' : 'Proposals'}
				</h2>
				{own.length === 0 ? (
					<EmptyState title="You have not proposed a program yet">
						Know a partner program peers should hear of? <Link to="/programs/new">Propose it</Link>.
					</EmptyState>
				) : (
					<Card className="p-0">
						<ul className="divide-y divide-slate-100">
							{own.map((p) => (
								<li
									key={p.id}
									className="flex flex-wrap items-center justify-between gap-3 px-5 py-4"
								>
									<div className="min-w-0">
										<Link to={`/programs/${p.id}`} className="font-medium">
											{p.vendor.name} — {p.name}
										</Link>
										<p className="text-sm text-slate-600">Proposed on {when(p.createdAt)}</p>
									</div>
									<span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">
										{STATE_LABELS[p.state]}
									</span>
								</li>
							))}
						</ul>
					</Card>
				)}
			</section>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
