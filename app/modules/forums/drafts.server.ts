import { z } from 'zod'
import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { LIMITS } from './constants.ts'

// Drafts are saved on the server while typing, so a reply or a new thread survives a closed tab
// or a change of device; posting clears them.
export const DraftKeySchema = z.string().regex(/^(reply|thread):[A-Za-z0-9_-]{1,64}$/, 'Unknown draft')

export const SaveDraftSchema = z.object({
	key: DraftKeySchema,
	title: z.string().max(LIMITS.titleMax * 2).optional().default(''),
	body: z.string().max(LIMITS.bodyMax * 2).optional().default(''),
	data: z.string().max(LIMITS.bodyMax).optional().default('{}'),
})

export const draftKeys = {
	reply: (threadId: string) => `reply:${threadId}`,
	thread: (forumId: string) => `thread:${forumId}`,
}

export async function saveDraft(userId: string, draft: z.infer<typeof SaveDraftSchema>) {
	if (!draft.title.trim() && !draft.body.trim() && draft.data === '{}') {
		await clearDraft(userId, draft.key)
		return null
	}
	return db.draft.upsert({
		where: { userId_key: { userId, key: draft.key } },
		create: { userId, key: draft.key, title: draft.title, body: draft.body, data: draft.data },
		update: { title: draft.title, body: draft.body, data: draft.data },
		select: { updatedAt: true },
	})
}

export async function getDraft(userId: string, key: string) {
	const draft = await db.draft.findUnique({
		where: { userId_key: { userId, key } },
		select: { title: true, body: true, data: true, updatedAt: true },
	})
	return draft ? toDraft(draft) : null
}

/** A stored draft as pages show it (the thread page reads its row along with the thread). */
export function toDraft(draft: { title: string; body: string; data: string; updatedAt: Date }) {
	let data: Record<string, string> = {}
	try {
		const parsed: unknown = JSON.parse(draft.data)
		if (parsed && typeof parsed === 'object') data = parsed as Record<string, string>
	} catch {
		// A damaged draft keeps its title and body.
	}
	return { title: draft.title, body: draft.body, data, updatedAt: draft.updatedAt.toISOString() }
}

/** `client`: a transaction, when the draft goes with the post that replaces it. */
export async function clearDraft(userId: string, key: string, client: DbTransaction = db) {
	await client.draft.deleteMany({ where: { userId, key } })
}
