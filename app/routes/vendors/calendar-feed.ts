import type { Route } from './+types/calendar-feed.ts'
import {
	calendarFeedOwner,
	calendarResponse,
	chargeFeedFetch,
	followedPrograms,
	programsCalendar,
} from '#app/modules/vendors/calendar.server.ts'
import { publicOrigin } from '#app/modules/vendors/origin.server.ts'
import { notFound } from '#app/utils/responses.ts'

// A member's private iCalendar feed of the deadlines of the programs they follow, for calendar
// apps to subscribe to. No session: the token in the address is the key (only its hash is
// stored). An unknown, revoked or replaced token answers 404.
export async function loader({ request, params, context }: Route.LoaderArgs) {
	const charge = await chargeFeedFetch(params.token, context.clientIp)
	if (!charge.allowed) {
		return new Response('Too many requests for this calendar. Try again later.', {
			status: 429,
			headers: { 'Retry-After': String(charge.retryAfterSeconds), 'Content-Type': 'text/plain' },
		})
	}
	const owner = await calendarFeedOwner(params.token)
	if (!owner) throw notFound()
	const programs = await followedPrograms(owner)
	return calendarResponse(
		programsCalendar(programs, {
			name: 'PeerPower: program deadlines',
			origin: publicOrigin(request),
		}),
		'deadlines.ics',
	)
}
