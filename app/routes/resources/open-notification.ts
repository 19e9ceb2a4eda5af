import { redirect } from 'react-router'
import type { Route } from './+types/open-notification.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { openNotification } from '#app/modules/notifications/notifications.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

/**
 * A notification's link: marks it read, then goes to the post. A plain link, so it works without
 * JavaScript; reading a notification is as harmless to repeat as opening the thread it points to.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const target = await openNotification(user.id, params.notificationId)
	// Someone else's, or in a thread out of reach now: the same answer, so nothing is revealed.
	if (!target) return redirectWithToast('/notifications', { type: 'info', title: 'That notification is no longer available' })
	return redirect(target)
}
