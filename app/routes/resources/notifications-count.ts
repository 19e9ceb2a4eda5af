import type { Route } from './+types/notifications-count.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { unreadNotificationCount } from '#app/modules/notifications/notifications.server.ts'

const noStore = { 'Cache-Control': 'no-store' }

/**
 * The bell's unread count, fetched when a 'notification:new' event arrives. A signed-out request
 * gets 401 rather than the usual redirect to the log-in page: the caller is a script, not a reader.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const user = await getUser(request)
	if (!user) return Response.json({ error: 'unauthorized' }, { status: 401, headers: noStore })
	return Response.json({ count: await unreadNotificationCount(user.id) }, { headers: noStore })
}
