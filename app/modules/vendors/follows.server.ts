// A member follows a program's deadlines: notices before each one (deadlines.ts), and the
// program in their calendar feed. Only a program they may see, and only an approved one.
import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { programAccess, programReadersWhere } from './access.server.ts'
import { VendorError } from './vendor-error.ts'

type Viewer = Pick<SessionUser, 'id' | 'isSiteAdmin'>

/** Follows or stops following; null (404) when the viewer may not see the program. */
export async function setFollowing(
	viewer: Viewer,
	programId: string,
	follow: boolean,
): Promise<boolean | null> {
	const access = await programAccess(viewer, programId)
	if (!access) return null
	if (!follow) {
		await db.programFollow.deleteMany({ where: { programId, userId: viewer.id } })
		return false
	}
	if (access.state !== 'approved')
		throw new VendorError('A program can be followed once it is approved')
	// Following twice is following once.
	await db.programFollow.upsert({
		where: { programId_userId: { programId, userId: viewer.id } },
		create: { programId, userId: viewer.id },
		update: {},
	})
	return true
}

export async function isFollowing(userId: string, programId: string): Promise<boolean> {
	return (await db.programFollow.count({ where: { programId, userId } })) > 0
}

/** The followers who may still see the program: the only ones told of its deadlines. */
export async function followersToTell(program: {
	id: string
	state: string
	proposedById: string
}): Promise<string[]> {
	const rows = await db.programFollow.findMany({
		where: { programId: program.id, user: programReadersWhere(program) },
		select: { userId: true },
	})
	return rows.map((row) => row.userId)
}
