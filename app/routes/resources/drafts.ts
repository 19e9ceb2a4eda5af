import type { Route } from './+types/drafts.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { forumAccess, threadAccess } from '#app/modules/forums/access.server.ts'
import { clearDraft, saveDraft, SaveDraftSchema } from '#app/modules/forums/drafts.server.ts'

/** Saves (or, with intent=clear, deletes) the viewer's draft; answers JSON for the autosave. */
export async function action({ request }: Route.ActionArgs) {
	const user = await requireUser(request)
	const formData = await request.formData()
	const parsed = SaveDraftSchema.safeParse(Object.fromEntries(formData))
	if (!parsed.success) return Response.json({ ok: false, error: parsed.error.issues[0]?.message ?? 'Draft not saved' }, { status: 400 })
	const [kind, id] = parsed.data.key.split(':') as ['reply' | 'thread', string]
	// A draft belongs to a place the user may post in; anything else is refused like a missing page.
	const allowed = kind === 'reply' ? Boolean(await threadAccess(user, id)) : (await forumAccess(user, id)).canPost
	if (!allowed) return Response.json({ ok: false, error: 'Not found' }, { status: 404 })
	if (formData.get('intent') === 'clear') {
		await clearDraft(user.id, parsed.data.key)
		return Response.json({ ok: true, savedAt: null })
	}
	const saved = await saveDraft(user.id, parsed.data)
	return Response.json({ ok: true, savedAt: saved?.updatedAt.toISOString() ?? null })
}
