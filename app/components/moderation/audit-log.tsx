import { Form, Link } from 'react-router'
import { Card, EmptyState } from '#app/components/page.tsx'
import { Button, buttonClasses } from '#app/components/ui/button.tsx'
import { DateTime } from '#app/components/time.tsx'

export type AuditLogEntry = {
	id: string
	createdAt: string | Date
	actorId: string
	actorName: string
	action: string
	words: string
	targetLabel: string
	targetHref: string | null
	reason: string
}

/** An audit log: its filters (a GET form), the entries newest first, and the way to older ones. */
export function AuditLog({
	entries,
	actors,
	actions,
	selected,
	next,
}: {
	entries: AuditLogEntry[]
	actors: Array<{ id: string; name: string }>
	actions: Array<{ value: string; label: string }>
	selected: { actorId: string | null; action: string | null; paged: boolean }
	next: string | null
}) {
	const filtered = Boolean(selected.actorId || selected.action)
	const olderHref = () => {
		const params = new URLSearchParams()
		if (selected.actorId) params.set('actor', selected.actorId)
		if (selected.action) params.set('action', selected.action)
		if (next) params.set('before', next)
		return `?${params.toString()}`
	}
	return (
		<div className="space-y-4">
			<Form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the log">
				<div className="max-w-full min-w-0">
					<label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
						Who
					</label>
					<select
						id="audit-actor"
						name="actor"
						defaultValue={selected.actorId ?? ''}
						className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
					>
						<option value="">Anyone</option>
						{actors.map((actor) => (
							<option key={actor.id} value={actor.id}>
								{actor.name}
							</option>
						))}
					</select>
				</div>
				<div className="max-w-full min-w-0">
					<label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
						Action
					</label>
					<select
						id="audit-action"
						name="action"
						defaultValue={selected.action ?? ''}
						className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
					>
						<option value="">Any action</option>
						{actions.map((action) => (
							<option key={action.value} value={action.value}>
								{action.label}
							</option>
						))}
					</select>
				</div>
				<Button variant="secondary">Filter</Button>
				{filtered ? <Link to="?">Clear filters</Link> : null}
			</Form>
			<Card className="p-0">
				{entries.length === 0 ? (
					<div className="p-5">
						<EmptyState
							title={filtered || selected.paged ? 'No entries match' : 'Nothing recorded yet'}
						>
							{filtered || selected.paged ? (
								<Link to="?">See the whole log</Link>
							) : (
								'Moderator and admin actions appear here as they are taken.'
							)}
						</EmptyState>
					</div>
				) : (
					// Wider than a phone: the table scrolls on its own (focusable, so keyboards scroll it too).
					<div
						className="overflow-x-auto"
						tabIndex={0}
						role="region"
						aria-label="Log entries, scrollable"
					>
						<table className="w-full text-left text-sm">
							<thead className="border-b border-slate-100 text-slate-600">
								<tr>
									<th scope="col" className="px-4 py-2 font-medium">
										When
									</th>
									<th scope="col" className="px-4 py-2 font-medium">
										Who
									</th>
									<th scope="col" className="px-4 py-2 font-medium">
										Action
									</th>
									<th scope="col" className="px-4 py-2 font-medium">
										Target
									</th>
									<th scope="col" className="px-4 py-2 font-medium">
										Reason
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-slate-100" data-testid="audit-entries">
								{entries.map((entry) => (
									<tr key={entry.id}>
										<td className="whitespace-nowrap px-4 py-2">
											<DateTime date={entry.createdAt} />
										</td>
										<td className="px-4 py-2">{entry.actorName}</td>
										<td className="px-4 py-2">{entry.words}</td>
										<td className="px-4 py-2">
											{entry.targetHref ? (
												<Link to={entry.targetHref}>{entry.targetLabel}</Link>
											) : (
												entry.targetLabel
											)}
										</td>
										<td className="px-4 py-2 text-slate-600">{entry.reason || '—'}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</Card>
			{next ? (
				<p>
					<Link to={olderHref()} className={buttonClasses('secondary', 'sm')}>
						Older entries
					</Link>
				</p>
			) : null}
		</div>
	)
}
