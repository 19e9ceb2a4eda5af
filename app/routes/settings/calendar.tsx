import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/calendar.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import {
	calendarFeedOf,
	createCalendarFeed,
	revokeCalendarFeed,
} from '#app/modules/vendors/calendar.server.ts'
import { publicOrigin } from '#app/modules/vendors/origin.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// The member's private calendar link: the deadlines of the programs they follow, for a calendar
// app to subscribe to. The link is shown once, when it is made (only its hash is kept); after that
// the page says that one exists, and it can be replaced or revoked.

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Calendar', 'Settings') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	return { feed: await calendarFeedOf(user.id) }
}

const ActionSchema = z.object({ intent: z.enum(['create', 'revoke']) })

export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success)
		return data({ error: 'That request was not understood.', url: null }, { status: 400 })
	if (parsed.data.intent === 'revoke') {
		const revoked = await revokeCalendarFeed(user.id)
		return redirectWithToast(
			'/settings/calendar',
			revoked
				? {
						title: 'Calendar link revoked',
						description: 'Calendars subscribed to it no longer get updates.',
					}
				: { type: 'info', title: 'You had no calendar link' },
		)
	}
	const token = await createCalendarFeed(user.id)
	// Shown in this answer only: the page reloaded later cannot show it again.
	return data({ error: null, url: `${publicOrigin(request)}/calendar/${token}/deadlines.ics` })
}

export default function CalendarSettings({ loaderData, actionData }: Route.ComponentProps) {
	const { feed } = loaderData
	const url = actionData?.url ?? null
	return (
		<main>
			<PageHeader
				title="Calendar"
				description="Put the deadlines of the vendor programs you follow in your own calendar app."
			/>
			{actionData?.error ? (
				<p
					role="alert"
					className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
				>
					{actionData.error}
				</p>
			) : null}
			<Card className="space-y-4">
				{url ? (
					<div className="space-y-2">
						<label htmlFor="calendar-url" className="block text-sm font-medium text-slate-800">
							Your private calendar link
						</label>
						<input
							type="text"
							id="calendar-url"
							readOnly
							value={url}
							aria-describedby="calendar-url-hint"
							className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
							onFocus={(event) => event.currentTarget.select()}
						/>
						<p id="calendar-url-hint" className="text-sm text-slate-600">
							Copy it now: it is shown only this once. In your calendar app choose “Subscribe to
							calendar” (or “Add calendar from URL”) and paste it. Anyone with the link sees which
							programs you follow, so keep it to yourself.
						</p>
					</div>
				) : feed ? (
					<p className="text-slate-700">
						You have a calendar link, made <RelativeTime date={feed.createdAt} />. For your privacy
						it is not shown again: make a new one to copy it (the old one then stops working), or
						revoke it.
					</p>
				) : (
					<p className="text-slate-700">
						You have no calendar link yet. Make one, then subscribe to it in your calendar app: it
						lists when enrollment opens and closes, the claim window and when proof of performance
						is due, for every program you follow.
					</p>
				)}
				<div className="flex flex-wrap gap-2">
					<Form method="post">
						<input type="hidden" name="intent" value="create" />
						<Button variant={feed || url ? 'secondary' : 'primary'}>
							{feed || url ? 'Make a new link' : 'Make my calendar link'}
						</Button>
					</Form>
					{feed || url ? (
						<Form method="post">
							<input type="hidden" name="intent" value="revoke" />
							<Button variant="danger">Revoke the link</Button>
						</Form>
					) : null}
				</div>
			</Card>
			<p className="mt-4 text-sm text-slate-600">
				See the month at a glance on <Link to="/programs/deadlines">Deadlines this month</Link>, or
				find programs to follow in the <Link to="/programs">vendor programs</Link>.
			</p>
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
