import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { Route } from './+types/draft.ts'
import type { DraftReply } from '#app/components/quarterly/update-form.tsx'
import { getCycle } from '#app/modules/quarterly/cycles.server.ts'
import { QuarterlyError } from '#app/modules/quarterly/quarterly-error.ts'
import { updateSchema } from '#app/modules/quarterly/schemas.ts'
import { saveUpdate } from '#app/modules/quarterly/submissions.server.ts'
import { requireCycle } from '#app/utils/permissions.server.ts'
import { notFound } from '#app/utils/responses.ts'

/**
 * The update form's autosave: saves the member's draft as it stands and answers whether it was
 * saved. Refused like a missing page outside the group; a value the draft cannot keep (a key
 * number that is not a number) is named, and the draft saved before stays as it was.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
	const { user, access } = await requireCycle(request, params.slug, params.cycleId)
	const cycle = await getCycle(access.cycleId)
	if (!cycle) throw notFound()
	const schema = updateSchema(cycle.questions, 'draft')
	const submission = parseWithZod(await request.formData(), { schema })
	if (submission.status !== 'success') {
		const first = Object.values(submission.error ?? {}).flat().find(Boolean)
		return data<DraftReply>({ ok: false, error: first ?? 'Check the form' }, { status: 400 })
	}
	try {
		const saved = await saveUpdate({ cycleId: cycle.id, memberId: user.id, input: submission.value, mode: 'draft', now: new Date(), realtime: context.realtime })
		return data<DraftReply>({ ok: true, savedAt: saved.updatedAt.toISOString() })
	} catch (error) {
		if (error instanceof QuarterlyError) return data<DraftReply>({ ok: false, error: error.message }, { status: 409 })
		throw error
	}
}
