import { redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/follow.ts'
import { safeRedirect } from '#app/modules/auth/schemas.ts'
import { programAccess } from '#app/modules/vendors/access.server.ts'
import { setFollowing } from '#app/modules/vendors/follows.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

// Follow or stop following a program's deadlines, from the Follow button of its page (a plain form:
// it works without JavaScript). Only approved programs the member may see: a proposal, a merged
// program or one out of reach answers 404 like a missing one.

/** An address typed in, or a link followed: the program's page is where the button is. */
export function loader({ params }: Route.LoaderArgs) {
	return redirect(`/programs/${params.programId}`)
}

const FollowSchema = z.object({
	follow: z.enum(['1', '0']),
	redirectTo: z.string().optional(),
})

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireUser(request)
	const access = await programAccess(user, params.programId)
	if (!access || access.state !== 'approved') throw notFound()
	const parsed = FollowSchema.safeParse(Object.fromEntries(await request.formData()))
	invariantResponse(parsed.success, 'Say whether to follow the program (follow = 1 or 0)')
	const follow = parsed.data.follow === '1'
	const done = await setFollowing(user, params.programId, follow)
	if (done === null) throw notFound()
	const back = safeRedirect(parsed.data.redirectTo, `/programs/${params.programId}`)
	return redirectWithToast(
		back,
		follow
			? {
					title: 'You follow this program',
					description: 'You will hear 14 and 2 days before each of its deadlines.',
				}
			: { title: 'You no longer follow this program' },
	)
}
