import { z } from 'zod'
import type { Route } from './+types/read-marker.ts'
import { markRead } from '#app/modules/forums/reading.server.ts'
import { requireReadableThread } from '#app/utils/permissions.server.ts'

const ReadSchema = z.object({ threadId: z.string().min(1), number: z.coerce.number().int().positive() })

/** Moves the read marker when a reader sees a reply arrive live (no page load involved). */
export async function action({ request }: Route.ActionArgs) {
	const parsed = ReadSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return Response.json({ ok: false, error: 'That request was not understood.' }, { status: 400 })
	const { user, thread } = await requireReadableThread(request, parsed.data.threadId)
	await markRead(user.id, thread.id, Math.min(parsed.data.number, thread.lastPostNumber))
	return Response.json({ ok: true })
}
