import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/flags.ts'
import { Card, EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'
import {
	DISMISS_NOTE_MAX,
	FLAG_THRESHOLD_MAX,
	FLAG_THRESHOLD_MIN,
	HIDE_REASON_MAX,
	ResolveSchema,
} from '#app/modules/moderation/flag-schemas.ts'
import {
	groupFlagThreshold,
	listFlagQueue,
	resolveFlags,
	setFlagThreshold,
} from '#app/modules/moderation/flags.server.ts'
import { ModerationError } from '#app/modules/moderation/moderation-error.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { requireFlagQueue } from '#app/utils/permissions.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// One module, two addresses: a group's queue (/g/:slug/flags) and the community forum's
// (/community/flags). The guard tells them apart by the slug.

export const meta: Route.MetaFunction = ({ data }) => [
	{ title: pageTitle('Flagged', data?.scopeName ?? 'Moderation') },
]

export async function loader({ request, params }: Route.LoaderArgs) {
	const { scope, group, home, base } = await requireFlagQueue(request, params.slug)
	const queue = await listFlagQueue(scope, pageParam(new URL(request.url)))
	return {
		scopeName: group ? group.name : 'Community forum',
		home,
		base,
		threshold: group ? await groupFlagThreshold(group.id) : null,
		...queue,
	}
}

type Refusal = { intent: string; item?: string; errors: Record<string, string[]> }

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, scope, group, base } = await requireFlagQueue(request, params.slug)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: ResolveSchema })
	const intent = String(formData.get('intent') ?? '')
	const item = `${String(formData.get('kind') ?? '')}:${String(formData.get('id') ?? '')}`
	if (submission.status !== 'success') {
		const errors = Object.fromEntries(
			Object.entries(submission.error ?? {}).map(([key, value]) => [key || 'form', value ?? []]),
		)
		return data<Refusal>(
			{
				intent,
				item,
				errors: Object.keys(errors).length
					? errors
					: { form: ['That request was not understood.'] },
			},
			{ status: 400 },
		)
	}
	const value = submission.value
	try {
		if (value.intent === 'threshold') {
			if (!group)
				return data<Refusal>(
					{ intent, errors: { form: ['The community forum’s threshold is fixed.'] } },
					{ status: 400 },
				)
			await setFlagThreshold(user, group.id, value.threshold)
			return redirectWithToast(base, {
				title: `Items are hidden after ${value.threshold} ${value.threshold === 1 ? 'flag' : 'flags'}`,
			})
		}
		const resolution =
			value.intent === 'hide'
				? { intent: 'hide' as const, reason: value.reason }
				: { intent: 'dismiss' as const, note: value.note }
		const outcome = await resolveFlags(
			user,
			scope,
			{ kind: value.kind, id: value.id },
			resolution,
			context.realtime,
		)
		const flags = `${outcome.resolved} ${outcome.resolved === 1 ? 'flag' : 'flags'}`
		return redirectWithToast(back(request, base), {
			title:
				value.intent === 'hide'
					? `Hidden; ${flags} resolved`
					: `Dismissed ${flags}${outcome.unhidden ? '; shown again' : ''}`,
		})
	} catch (error) {
		if (error instanceof ModerationError)
			return data<Refusal>(
				{ intent, item, errors: { form: [error.message] } },
				{ status: error.status },
			)
		throw error
	}
}

/** Back to the page of the queue the form was on. */
function back(request: Request, base: string): string {
	const referer = request.headers.get('referer')
	if (!referer) return base
	try {
		const url = new URL(referer)
		return url.origin === new URL(request.url).origin && url.pathname === base
			? url.pathname + url.search
			: base
	} catch {
		return base
	}
}

const fieldClasses =
	'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm'

export default function FlagQueue({ loaderData, actionData }: Route.ComponentProps) {
	const { items, total, page, pageCount, threshold, scopeName, home } = loaderData
	const navigation = useNavigation()
	const refusal = actionData as Refusal | undefined
	const busy = navigation.state === 'submitting'
	return (
		<main className="mx-auto max-w-4xl space-y-6">
			<p className="text-sm">
				<Link to={home}>← {scopeName}</Link>
			</p>
			<PageHeader
				title="Flagged"
				description={
					total > 0
						? `${total} ${total === 1 ? 'item waits' : 'items wait'} for a moderator in ${scopeName}, oldest first.`
						: `What members of ${scopeName} flag comes here.`
				}
			/>
			{refusal?.intent === 'threshold' || (refusal && !refusal.item) ? (
				<ErrorList errors={refusal.errors.form ?? refusal.errors.threshold} />
			) : null}
			{items.length === 0 ? (
				<EmptyState title="Nothing flagged">
					Items members flag will be listed here for you to hide or dismiss.
				</EmptyState>
			) : (
				<ol className="space-y-4" aria-label="Flagged items">
					{items.map((item) => {
						const key = `${item.kind}:${item.id}`
						const errors = refusal?.item === key ? refusal.errors : null
						return (
							<li key={key}>
								<Card>
									<article aria-labelledby={`item-${item.id}`} data-testid="flagged-item">
										<header className="flex flex-wrap items-baseline justify-between gap-2">
											<h2 id={`item-${item.id}`} className="font-semibold">
												{item.target ? (
													<Link
														to={item.target.href}
														className={`text-slate-900 ${titleLinkClasses}`}
													>
														{item.target.label}
													</Link>
												) : (
													<span>Something since removed</span>
												)}
											</h2>
											<p className="text-sm text-slate-600">
												<span data-testid="flag-count">
													{item.count} {item.count === 1 ? 'flag' : 'flags'}
												</span>
												{' · first '}
												<RelativeTime date={item.firstFlaggedAt} />
											</p>
										</header>
										{item.target ? (
											<p className="mt-1 text-sm text-slate-600">
												by {item.target.authorName}
												{item.hiddenByFlags ? (
													<span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
														Hidden until reviewed
													</span>
												) : null}
												{item.hiddenByModerator ? (
													<span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
														Hidden by a moderator
													</span>
												) : null}
												{item.target.deleted ? (
													<span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700">
														Deleted by its author
													</span>
												) : null}
											</p>
										) : null}
										{item.target?.excerpt ? (
											<blockquote className="mt-3 border-l-4 border-slate-200 pl-3 text-sm text-slate-700">
												{item.target.excerpt}
											</blockquote>
										) : null}
										<p className="mt-3 text-sm">
											{item.reasons
												.map((reason) => `${reason.label} × ${reason.count}`)
												.join(' · ')}
										</p>
										<ul className="mt-2 space-y-1 text-sm text-slate-700">
											{item.flags.map((flag) => (
												<li key={flag.id}>
													<span className="font-medium">{flag.reporterName}</span>:{' '}
													{flag.reasonLabel}
													{flag.note ? <span> — “{flag.note}”</span> : null}
												</li>
											))}
										</ul>
										{errors ? (
											<div role="alert" className="mt-3">
												<ErrorList
													errors={[
														...(errors.form ?? []),
														...(errors.reason ?? []),
														...(errors.note ?? []),
													]}
												/>
											</div>
										) : null}
										<div className="mt-4 grid gap-4 sm:grid-cols-2">
											<Form method="post" className="space-y-2">
												<input type="hidden" name="intent" value="hide" />
												<input type="hidden" name="kind" value={item.kind} />
												<input type="hidden" name="id" value={item.id} />
												<label
													htmlFor={`reason-${item.id}`}
													className="block text-sm font-medium text-slate-800"
												>
													Reason shown to the author
												</label>
												<input
													type="text"
													id={`reason-${item.id}`}
													name="reason"
													required
													maxLength={HIDE_REASON_MAX}
													className={fieldClasses}
												/>
												<Button type="submit" variant="danger" size="sm" disabled={busy}>
													Hide
												</Button>
											</Form>
											<Form method="post" className="space-y-2">
												<input type="hidden" name="intent" value="dismiss" />
												<input type="hidden" name="kind" value={item.kind} />
												<input type="hidden" name="id" value={item.id} />
												<label
													htmlFor={`note-${item.id}`}
													className="block text-sm font-medium text-slate-800"
												>
													Note (optional)
												</label>
												<input
													type="text"
													id={`note-${item.id}`}
													name="note"
													maxLength={DISMISS_NOTE_MAX}
													className={fieldClasses}
												/>
												<Button type="submit" variant="secondary" size="sm" disabled={busy}>
													Dismiss
												</Button>
											</Form>
										</div>
									</article>
								</Card>
							</li>
						)
					})}
				</ol>
			)}
			<Pagination page={page} pageCount={pageCount} label="Pages of flagged items" />
			{threshold !== null ? (
				<Card>
					<h2 className="font-semibold">Hiding before review</h2>
					<Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
						<input type="hidden" name="intent" value="threshold" />
						<div>
							<label htmlFor="threshold" className="block text-sm font-medium text-slate-800">
								Hide an item once this many members flag it
							</label>
							<input
								id="threshold"
								name="threshold"
								type="number"
								min={FLAG_THRESHOLD_MIN}
								max={FLAG_THRESHOLD_MAX}
								required
								defaultValue={threshold}
								className={fieldClasses + ' w-28'}
							/>
						</div>
						<Button type="submit" variant="secondary" size="sm" disabled={busy}>
							Save
						</Button>
					</Form>
				</Card>
			) : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
