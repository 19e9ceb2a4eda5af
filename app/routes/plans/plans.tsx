import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link } from 'react-router'
import type { Route } from './+types/plans.ts'
import { Card, EmptyState, PageHeader, titleLinkClasses } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { FormErrors } from '#app/components/ui/field.tsx'
import { DEFAULT_PLAN_KIND, PLAN_KIND_LABELS, type PlanKind } from '#app/modules/plans/constants.ts'
import { PlanError } from '#app/modules/plans/plan-error.ts'
import { listYearPlans, startPlan } from '#app/modules/plans/plans.server.ts'
import { StartPlanSchema } from '#app/modules/plans/schemas.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Your plans') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	return { years: await listYearPlans(user.id) }
}

/** Starts a plan (or opens the one already started) and goes to it. */
export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const submission = parseWithZod(await request.formData(), { schema: StartPlanSchema })
	if (submission.status !== 'success') return data({ error: 'Choose a year and a kind of plan to start.' }, { status: 400 })
	try {
		const plan = await startPlan(user.id, submission.value.year, submission.value.kind)
		return redirectWithToast(`/plans/${plan.id}`, { title: `Your ${PLAN_KIND_LABELS[submission.value.kind].toLowerCase()} for ${submission.value.year} is ready` })
	} catch (error) {
		if (error instanceof PlanError) return data({ error: error.message }, { status: 400 })
		throw error
	}
}

function StartButton({ year, kind, primary }: { year: number; kind: PlanKind; primary?: boolean }) {
	return (
		<Form method="post">
			<input type="hidden" name="year" value={year} />
			<input type="hidden" name="kind" value={kind} />
			<Button variant={primary ? 'primary' : 'secondary'} size={primary ? 'md' : 'sm'}>
				{primary ? `Start your ${PLAN_KIND_LABELS[kind].toLowerCase()}` : `Add a ${PLAN_KIND_LABELS[kind].toLowerCase()}`}
			</Button>
		</Form>
	)
}

export default function Plans({ loaderData, actionData }: Route.ComponentProps) {
	return (
		<main className="mx-auto max-w-4xl space-y-8">
			<PageHeader title="Your plans" description="Write down what you want from the year, then check in on each goal as it moves." />
			<FormErrors errors={actionData?.error ? [actionData.error] : null} />
			{loaderData.years.map(({ year, plans, missingKinds }) => (
				<section key={year} aria-labelledby={`year-${year}`} className="space-y-3">
					<h2 id={`year-${year}`} className="text-lg font-semibold text-slate-900">
						{year}
					</h2>
					{plans.length === 0 ? (
						<EmptyState title={`No plan for ${year} yet`}>
							<p>Start with your business plan: a theme word for the year, a few goals, and a check-in now and then.</p>
							<div className="mt-4 flex justify-center">
								<StartButton year={year} kind={DEFAULT_PLAN_KIND} primary />
							</div>
						</EmptyState>
					) : (
						<ul className="grid gap-3 sm:grid-cols-2">
							{plans.map((plan) => (
								<li key={plan.id}>
									<Card className="h-full">
										<Link to={`/plans/${plan.id}`} className={`text-base font-semibold text-slate-900 ${titleLinkClasses}`}>
											{PLAN_KIND_LABELS[plan.kind]} {plan.year}
										</Link>
										<p className="mt-1 text-sm text-slate-600">
											{plan.themeWord ? (
												<>
													Theme: <span className="font-medium text-slate-800">{plan.themeWord}</span>
												</>
											) : (
												'No theme word yet'
											)}
										</p>
										<p className="mt-3 text-sm text-slate-700">
											{plan.goalCount === 0 ? 'No goals yet' : `${plan.goalCount} ${plan.goalCount === 1 ? 'goal' : 'goals'}, ${plan.doneCount} done`}
											{plan.staleCount > 0 ? (
												<span className="ml-2 font-medium text-orange-700">· {plan.staleCount} need a check-in</span>
											) : null}
										</p>
									</Card>
								</li>
							))}
						</ul>
					)}
					{plans.length > 0 && missingKinds.length > 0 ? (
						<div className="flex flex-wrap items-center gap-2">
							<span className="text-sm text-slate-600">Optional plans:</span>
							{missingKinds.map((kind) => (
								<StartButton key={kind} year={year} kind={kind} />
							))}
						</div>
					) : null}
				</section>
			))}
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
