import { useEffect } from 'react'
import { data, Form, Link, useRevalidator } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/notifications.ts'
import { Avatar } from '#app/components/avatar.tsx'
import { EmptyState, PageHeader } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { useSocket } from '#app/components/realtime.tsx'
import { RelativeTime } from '#app/components/time.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { requireUser } from '#app/utils/auth.server.ts'
import { NOTIFICATION_EVENT, notificationPhrase, notificationSentence } from '#app/modules/notifications/notifications.ts'
import {
	listNotifications,
	markAllNotificationsRead,
	NOTIFICATIONS_PER_PAGE,
	unreadNotificationCount,
} from '#app/modules/notifications/notifications.server.ts'
import { cn, pageTitle } from '#app/utils/misc.ts'
import { pageParam } from '#app/utils/pagination.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Notifications') }]

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const page = pageParam(new URL(request.url))
	const [{ total, rows }, unread] = await Promise.all([listNotifications(user.id, page), unreadNotificationCount(user.id)])
	return {
		page,
		pageCount: Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE)),
		unread,
		notifications: rows.map((row) => ({
			id: row.id,
			phrase: notificationPhrase(row.type),
			sentence: notificationSentence(row.type, row.link.title),
			actor: row.actor,
			title: row.link.title,
			createdAt: row.createdAt,
			read: row.readAt !== null,
			note: row.link.note,
		})),
	}
}

const ActionSchema = z.object({ intent: z.literal('read-all') })

export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ error: 'That request was not understood.' }, { status: 400 })
	const count = await markAllNotificationsRead(user.id)
	const url = new URL(request.url)
	return redirectWithToast(url.pathname + url.search, count > 0 ? { title: 'All notifications marked as read' } : { type: 'info', title: 'Nothing was unread' })
}

/** A new notification while this page is open: show it (the page is cheap to load again). */
function useLiveList() {
	const socket = useSocket()
	const { revalidate } = useRevalidator()
	useEffect(() => {
		if (!socket) return
		const onNew = () => void revalidate()
		socket.on(NOTIFICATION_EVENT, onNew)
		return () => {
			socket.off(NOTIFICATION_EVENT, onNew)
		}
	}, [socket, revalidate])
}

export default function NotificationsPage({ loaderData, actionData }: Route.ComponentProps) {
	const { notifications, unread, page, pageCount } = loaderData
	useLiveList()
	return (
		<main className="mx-auto max-w-3xl">
			<PageHeader
				title="Notifications"
				description={unread > 0 ? `${unread} unread` : notifications.length > 0 ? 'You are all caught up.' : undefined}
				actions={
					unread > 0 ? (
						<Form method="post">
							<input type="hidden" name="intent" value="read-all" />
							<Button variant="secondary" size="sm">
								Mark all as read
							</Button>
						</Form>
					) : null
				}
			/>
			{actionData?.error ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
					{actionData.error}
				</p>
			) : null}
			{notifications.length === 0 ? (
				<EmptyState title="No notifications yet">
					<p>
						You will hear here when someone replies in a thread you watch, mentions you with your @handle, quotes you, or marks
						your reply as the answer.
					</p>
				</EmptyState>
			) : (
				<ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="notification-list">
					{notifications.map((notification) => (
						<li key={notification.id} data-unread={notification.read ? undefined : ''}>
							<Link
								to={`/notifications/${notification.id}`}
								className={cn(
									'flex items-start gap-3 px-5 py-4 no-underline hover:no-underline',
									notification.read ? 'text-slate-600 hover:bg-slate-50' : 'bg-brand-50/70 text-slate-900 hover:bg-brand-50',
								)}
							>
								<Avatar name={notification.actor?.name ?? (notification.sentence ? 'Deadline' : '?')} seed={notification.actor?.id} size="sm" />
								<span className="min-w-0 flex-1">
									<span className="block">
										{notification.read ? null : <span className="sr-only">Unread: </span>}
										{notification.sentence ? (
											<span className={notification.read ? 'font-medium text-slate-700' : 'font-semibold'}>{notification.sentence}</span>
										) : (
											<>
												<span className={notification.read ? 'font-medium text-slate-700' : 'font-semibold'}>{notification.actor?.name ?? 'Someone'}</span>{' '}
												{notification.phrase}{' '}
												<span className={notification.read ? 'font-medium text-slate-700' : 'font-semibold'}>{notification.title}</span>
											</>
										)}
									</span>
									<span className="mt-0.5 block text-xs text-slate-600">
										<RelativeTime date={notification.createdAt} />
										{notification.note ? ` · ${notification.note}` : null}
									</span>
								</span>
								{notification.read ? null : <span aria-hidden="true" className="mt-2 h-2 w-2 shrink-0 rounded-full bg-brand-600" />}
							</Link>
						</li>
					))}
				</ul>
			)}
			<Pagination page={page} pageCount={pageCount} label="Notification pages" />
		</main>
	)
}

export { GeneralErrorBoundary as ErrorBoundary } from '#app/components/error-boundary.tsx'
