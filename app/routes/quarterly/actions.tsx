import { Form, Link } from 'react-router'
import type { Route } from './+types/actions.ts'
import { errorsOf, PlanForms, type MeetingFormReply } from '#app/components/quarterly/action-item-forms.tsx'
import { Card, EmptyState, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList } from '#app/components/ui/field.tsx'
import {
	listOpenActionItems,
	listRecentlyDoneActionItems,
	planTargets,
} from '#app/modules/quarterly/action-items.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { actionItemFormAction } from './meeting-actions.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Action items') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const now = new Date()
	const [open, done] = await Promise.all([listOpenActionItems(user), listRecentlyDoneActionItems(user, now)])
	return {
		today: isoDay(now),
		open,
		done,
		plans: open.length > 0 ? await planTargets(user, now) : [],
	}
}

export async function action({ request, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	return actionItemFormAction({ formData: await request.formData(), user, here: '/actions', realtime: context.realtime })
}

export default function ActionsPage({ loaderData, actionData }: Route.ComponentProps) {
	const { open, done, plans, today } = loaderData
	const reply = actionData as MeetingFormReply | undefined
	return (
		<main className="mx-auto max-w-3xl space-y-6">
			<PageHeader title="Action items" description="What you committed to in your groups’ quarterly meetings, until it is done." />
			{open.length === 0 ? (
				<EmptyState title="Nothing open">
					Commitments you make in a quarterly meeting show here until you mark them done. <Link to="/">Back home</Link>
				</EmptyState>
			) : (
				<Card className="p-0">
					<ul className="divide-y divide-slate-100" data-testid="open-action-items">
						{open.map((item) => {
							const due = isoDay(new Date(item.dueOn))
							const errors = errorsOf(reply, 'done', item.id)
							return (
								<li key={item.id} className="px-5 py-3">
									<div className="flex flex-wrap items-center gap-2 text-sm">
										<span className="font-medium text-slate-900">{item.text}</span>
										<span className={cn('text-xs', due < today ? 'text-red-700' : due === today ? 'text-amber-700' : 'text-slate-500')}>
											{due < today ? `overdue since ${due}` : due === today ? 'due today' : `due ${due}`}
										</span>
										<span className="text-xs text-slate-500">
											· <Link to={`/g/${item.group.slug}`}>{item.group.name}</Link>
										</span>
										<Form method="post" className="ml-auto">
											<input type="hidden" name="intent" value="done" />
											<input type="hidden" name="actionItemId" value={item.id} />
											<Button size="sm" variant="secondary">
												Mark done
											</Button>
										</Form>
									</div>
									<ErrorList errors={errors?.form} />
									{item.goalId ? (
										<p className="text-xs text-slate-500">In your plan.</p>
									) : plans.length > 0 ? (
										<PlanForms actionItemId={item.id} plans={plans} reply={reply} />
									) : null}
								</li>
							)
						})}
					</ul>
				</Card>
			)}
			{done.length > 0 ? (
				<section aria-labelledby="done-heading" className="space-y-2">
					<h2 id="done-heading" className="text-lg font-semibold text-slate-900">
						Done lately
					</h2>
					<ul className="space-y-1 text-sm text-slate-600">
						{done.map((item) => (
							<li key={item.id} className="flex items-center gap-2">
								<span className="line-through">{item.text}</span>
								<Form method="post">
									<input type="hidden" name="intent" value="reopen" />
									<input type="hidden" name="actionItemId" value={item.id} />
									<button type="submit" className="text-xs text-brand-700 hover:underline">
										Reopen
									</button>
								</Form>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
