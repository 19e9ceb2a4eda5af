import { data, Form } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/sessions.ts'
import { Card, PageHeader } from '#app/components/page.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { requireAuth } from '#app/utils/auth.server.ts'
import { invalidateOtherSessions } from '#app/modules/auth/sessions.server.ts'
import { describeDevice } from '#app/modules/users/device.ts'
import { listSessions, revokeSession } from '#app/modules/users/users.server.ts'
import { pageTitle } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Sessions', 'Settings') }]

export async function loader({ request }: Route.LoaderArgs) {
	const { user, session } = await requireAuth(request)
	const sessions = await listSessions(user.id)
	return {
		sessions: sessions.map((row) => ({
			id: row.id,
			device: describeDevice(row.userAgent),
			ipAddress: row.ipAddress,
			createdAt: row.createdAt,
			lastSeenAt: row.lastSeenAt,
			current: row.id === session.id,
		})),
	}
}

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('revoke'), sessionId: z.string().min(1) }),
	z.object({ intent: z.literal('revoke-others') }),
])

export async function action({ request, context }: Route.ActionArgs) {
	const { user, session } = await requireAuth(request)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ error: 'That request was not understood.' }, { status: 400 })
	if (parsed.data.intent === 'revoke-others') {
		const count = await invalidateOtherSessions(user.id, session.id)
		await context.realtime.disconnectUser(user.id, { exceptSessionId: session.id })
		return redirectWithToast('/settings/sessions', {
			title: count ? `Logged out of ${count} other session${count === 1 ? '' : 's'}` : 'No other sessions to end',
		})
	}
	if (parsed.data.sessionId === session.id) {
		return data({ error: 'This is the session you are using. Use “Log out” in the menu instead.' }, { status: 400 })
	}
	const revoked = await revokeSession(user.id, parsed.data.sessionId)
	if (revoked) await context.realtime.disconnectUser(user.id, { sessionId: parsed.data.sessionId })
	return redirectWithToast('/settings/sessions', revoked ? { title: 'Session ended' } : { type: 'info', title: 'That session had already ended' })
}

export default function SessionsSettings({ loaderData, actionData }: Route.ComponentProps) {
	const others = loaderData.sessions.filter((session) => !session.current).length
	return (
		<main>
			<PageHeader
				title="Your sessions"
				description="Devices where you are logged in. End any you don’t recognise."
				actions={
					others > 0 ? (
						<Form method="post">
							<input type="hidden" name="intent" value="revoke-others" />
							<Button variant="danger">Log out everywhere else</Button>
						</Form>
					) : null
				}
			/>
			{actionData?.error ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
					{actionData.error}
				</p>
			) : null}
			<Card className="p-0">
				<ul className="divide-y divide-slate-100">
					{loaderData.sessions.map((session) => (
						<li key={session.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
							<div>
								<p className="font-medium">
									{session.device}
									{session.current ? (
										<span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
											This device
										</span>
									) : null}
								</p>
								<p className="text-sm text-slate-600">
									Signed in <RelativeTime date={session.createdAt} /> · last active <RelativeTime date={session.lastSeenAt} />
									{session.ipAddress ? ` · ${session.ipAddress}` : ''}
								</p>
							</div>
							{session.current ? null : (
								<Form method="post">
									<input type="hidden" name="intent" value="revoke" />
									<input type="hidden" name="sessionId" value={session.id} />
									<Button variant="secondary" size="sm" aria-label={`End session: ${session.device}`}>
										End session
									</Button>
								</Form>
							)}
						</li>
					))}
				</ul>
			</Card>
		</main>
	)
}
