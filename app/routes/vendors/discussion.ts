import { redirect } from 'react-router'
import type { Route } from './+types/discussion.ts'
import { startDiscussion } from '#app/modules/vendors/discussion.server.ts'
import { VendorError } from '#app/modules/vendors/vendor-error.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { notFound } from '#app/utils/responses.ts'

// POST only: the program page's "Start the discussion" button. Leads to the program's thread in
// the community forum, started now if it has none (once, however many members ask at once).

export async function action({ request, params, context }: Route.ActionArgs) {
	const user = await requireUser(request)
	try {
		const outcome = await startDiscussion(user, params.programId, context.realtime)
		if (!outcome) throw notFound()
		if ('mergedIntoId' in outcome) return redirect(`/programs/${outcome.mergedIntoId}`)
		return redirect(`/t/${outcome.threadId}`)
	} catch (error) {
		if (error instanceof VendorError) throw new Response(error.message, { status: 400 })
		throw error
	}
}
