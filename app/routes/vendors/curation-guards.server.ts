// The guards of the curation pages: each answers with what the page may show, or throws the
// response. Who may see and curate a program is the vendors access rule's (access.server.ts):
// someone who may not see the catalogue, or a proposal not theirs, gets 404; someone who sees the
// program but may not curate it gets 403; a merged program's pages lead to the program it went into.
import { redirect } from 'react-router'
import { catalogueViewer, programAccess } from '#app/modules/vendors/access.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { invariantResponse, notFound } from '#app/utils/responses.ts'

export async function requireCatalogueViewer(request: Request) {
	const user = await requireUser(request)
	const cv = await catalogueViewer(user)
	if (!cv) throw notFound()
	return { user, cv }
}

/** A program the viewer may see and is not merged (its address leads on to where it went). */
export async function requireProgram(
	request: Request,
	programId: string | undefined,
	leadsTo = (id: string) => `/programs/${id}`,
) {
	const user = await requireUser(request)
	const access = programId ? await programAccess(user, programId) : null
	if (!access) throw notFound()
	if (access.mergedIntoId) throw redirect(leadsTo(access.mergedIntoId))
	return { user, access }
}

/** A program the viewer curates: 403 for those who see it but do not. */
export async function requireCurator(
	request: Request,
	programId: string | undefined,
	leadsTo?: (id: string) => string,
) {
	const found = await requireProgram(request, programId, leadsTo)
	invariantResponse(
		found.access.canCurate,
		'Only site admins and group moderators curate the catalogue',
		{ status: 403 },
	)
	return found
}
