import { z } from 'zod'
import type { Route } from './+types/composer.ts'
import {
	mentionSuggestions,
	previewMarkdown,
	type ComposerPlace,
} from '#app/modules/forums/composer.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'

// The composer's helpers, as JSON: GET suggests members to mention, POST previews a body.
const id = z.string().trim().min(1).max(100)
const PlaceSchema = z.union([z.object({ threadId: id }), z.object({ forumId: id })])

function placeOf(fields: Record<string, unknown>): ComposerPlace | null {
	const parsed = PlaceSchema.safeParse(
		fields.threadId
			? { threadId: fields.threadId }
			: fields.forumId
				? { forumId: fields.forumId }
				: {},
	)
	return parsed.success ? parsed.data : null
}

const notUnderstood = () =>
	Response.json({ error: 'That request was not understood.' }, { status: 400 })
const notFound = () => Response.json({ error: 'Not found' }, { status: 404 })

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireUser(request)
	const params = Object.fromEntries(new URL(request.url).searchParams)
	const place = placeOf(params)
	if (!place || typeof params.q !== 'string' || params.q.length > 40) return notUnderstood()
	const members = await mentionSuggestions(user, place, params.q)
	return members ? Response.json({ members }) : notFound()
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const fields = Object.fromEntries(await request.formData())
	const place = placeOf(fields)
	if (!place || typeof fields.body !== 'string') return notUnderstood()
	const result = await previewMarkdown(user, place, fields.body)
	if (!result) return notFound()
	return Response.json(result, { status: 'error' in result ? 400 : 200 })
}
