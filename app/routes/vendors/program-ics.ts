import { redirect } from 'react-router'
import type { Route } from './+types/program-ics.ts'
import { programAccess } from '#app/modules/vendors/access.server.ts'
import {
	calendarResponse,
	programForCalendar,
	programsCalendar,
} from '#app/modules/vendors/calendar.server.ts'
import { publicOrigin } from '#app/modules/vendors/origin.server.ts'
import { programTitle } from '#app/modules/vendors/program-dates.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { notFound } from '#app/utils/responses.ts'

// One program's days as a calendar file ("Add deadlines to calendar" on its page), for whoever
// may see the program; 404 for everyone else. A merged program's file is the one it went into.
export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const access = await programAccess(user, params.programId)
	if (!access) throw notFound()
	if (access.mergedIntoId) throw redirect(`/programs/${access.mergedIntoId}/deadlines.ics`, 301)
	const program = await programForCalendar(params.programId)
	if (!program) throw notFound()
	const slug = programTitle(program.vendor.name, program.name)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
	return calendarResponse(
		programsCalendar([program], {
			name: programTitle(program.vendor.name, program.name),
			origin: publicOrigin(request),
		}),
		`${slug || 'program'}-deadlines.ics`,
		{ attachment: true },
	)
}
