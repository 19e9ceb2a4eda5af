// A program's discussion: one thread in the community forum's "Vendor programs" category, started
// by the first member who asks for it and linked both ways (the program keeps its id; the thread
// page asks programOfThread). Two starts at once leave one thread: the program takes the thread's
// id by a conditional update in the thread's own transaction, and the loser's thread is rolled back.
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { COMMUNITY_FORUM_ID, LIMITS } from '#app/modules/forums/constants.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { createThread } from '#app/modules/forums/posts.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { RealtimePublisher } from '#app/utils/realtime.ts'
import { programAccess } from './access.server.ts'
import { VendorError } from './vendor-error.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

/** Thrown inside the transaction when another start won: rolls this one's thread back. */
class AlreadyStarted extends Error {}

function discussionTitle(vendor: string, program: string): string {
	const title = `${vendor} — ${program}`
	return title.length <= LIMITS.titleMax ? title : `${title.slice(0, LIMITS.titleMax - 1)}…`
}

/**
 * The program's discussion thread, started now if it has none. Null (404) when the viewer may
 * not see the program; a VendorError for a proposal; `{ mergedIntoId }` for a merged program.
 */
export async function startDiscussion(
	viewer: Viewer,
	programId: string,
	realtime: RealtimePublisher,
): Promise<{ threadId: string; created: boolean } | { mergedIntoId: string } | null> {
	const access = await programAccess(viewer, programId)
	if (!access) return null
	if (access.mergedIntoId) return { mergedIntoId: access.mergedIntoId }
	if (access.state !== 'approved')
		throw new VendorError('A program’s discussion starts once it is approved')
	const program = await db.vendorProgram.findUniqueOrThrow({
		where: { id: programId },
		select: { name: true, discussionThreadId: true, vendor: { select: { name: true } } },
	})
	if (program.discussionThreadId) return { threadId: program.discussionThreadId, created: false }
	await ensureCommunityForum()
	// The "Vendor programs" category when the community has it, else its first one.
	const categories = await db.category.findMany({
		where: { forumId: COMMUNITY_FORUM_ID },
		orderBy: [{ position: 'asc' }, { name: 'asc' }],
		select: { id: true, slug: true },
	})
	const category = categories.find((c) => c.slug === 'vendors') ?? categories[0]
	if (!category)
		throw new VendorError('The community forum has no category to start a discussion in')
	const label = `${program.vendor.name} — ${program.name}`
	try {
		const { threadId } = await createThread(
			viewer,
			COMMUNITY_FORUM_ID,
			{
				kind: 'discussion',
				title: discussionTitle(program.vendor.name, program.name),
				categoryId: category.id,
				tags: [],
				body: `The community’s discussion of [${label.replace(/[[\]]/g, '')}](/programs/${programId}) from the vendor programs catalogue: questions, tips and experiences with it. Ratings and payouts are on the program’s page.`,
			},
			realtime,
			{
				// Written for the member: their own posting pace does not apply to it.
				pace: 'unpaced',
				alongWith: async (tx, created) => {
					const claimed = await tx.vendorProgram.updateMany({
						where: { id: programId, discussionThreadId: null },
						data: { discussionThreadId: created.threadId },
					})
					if (claimed.count !== 1) throw new AlreadyStarted()
				},
			},
		)
		return { threadId, created: true }
	} catch (error) {
		if (!(error instanceof AlreadyStarted)) throw error
		const won = await db.vendorProgram.findUniqueOrThrow({
			where: { id: programId },
			select: { discussionThreadId: true },
		})
		return { threadId: won.discussionThreadId!, created: false }
	}
}

/** The approved program whose discussion a thread is, if any: what the thread page links back to. */
export async function programOfThread(
	threadId: string,
): Promise<{ id: string; name: string } | null> {
	const program = await db.vendorProgram.findFirst({
		where: { discussionThreadId: threadId, state: 'approved' },
		select: { id: true, name: true, vendor: { select: { name: true } } },
	})
	return program ? { id: program.id, name: `${program.vendor.name} — ${program.name}` } : null
}
