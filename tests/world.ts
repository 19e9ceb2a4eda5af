// One small world for the proofs (authorisation matrix, cross-origin writes, fuzzing): two groups
// with members and moderators, threads of every kind, a hidden thread, the community forum, a
// notification, a draft, an invitation, a bookmark. Built once per test file; every :param of the
// route table has a real id in it.
//
// The people who act in a test are made fresh for each request (`actorFor`), in a relation to the
// world given by their role, so that what one request does (log out, leave a group, change a
// password, post) cannot change the answer to the next.
import { randomUUID } from 'node:crypto'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { createSession, generateToken, hashToken, SESSION_LIFETIME_MS, sessionCookieHeader } from '#app/modules/auth/sessions.server.ts'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { ensureCommunityForum } from '#app/modules/forums/forums.server.ts'
import { createInvitation } from '#app/modules/groups/invitations.server.ts'
import { db } from '#app/utils/db.server.ts'
import { createGroupWith, createUser } from './helpers.ts'

/** Who is asking, in relation to "this group" (group A). One column of the matrix each. */
export const ROLES = ['anonymous', 'outsider', 'otherMember', 'member', 'moderator', 'otherModerator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
	anonymous: 'not signed in',
	outsider: 'signed in, in no group',
	otherMember: 'member of another group',
	member: 'member of this group',
	moderator: 'moderator of this group',
	otherModerator: 'moderator of another group',
	admin: 'site admin (in no group)',
}

export type Actor = { id: string; name: string; cookie: string; sessionId: string }

async function signedIn(user: { id: string; name: string }): Promise<Actor> {
	const { token, session } = await createSession(user.id, { userAgent: 'vitest', ipAddress: '127.0.0.1' })
	return { id: user.id, name: user.name, cookie: sessionCookieHeader(token).split(';')[0]!, sessionId: session.id }
}

/** A post claiming the thread's next number, written directly (no posting limits, no rendering). */
export async function addPost(threadId: string, authorId: string, body = 'A reply with figures.') {
	const thread = await db.thread.update({
		where: { id: threadId },
		data: { lastPostNumber: { increment: 1 }, replyCount: { increment: 1 } },
		select: { lastPostNumber: true },
	})
	return db.post.create({
		data: { threadId, number: thread.lastPostNumber, authorId, body, bodyHtml: `<p>${body}</p>` },
		select: { id: true, number: true },
	})
}

type ThreadFields = { kind?: 'discussion' | 'question' | 'lesson'; title?: string; hidden?: boolean; locked?: boolean; pinned?: boolean }

/** A thread with its opening post, written directly. */
export async function addThread(forumId: string, authorId: string, fields: ThreadFields = {}) {
	const category = await db.category.findFirstOrThrow({ where: { forumId }, orderBy: { position: 'asc' }, select: { id: true } })
	const lesson =
		fields.kind === 'lesson'
			? { blocker: 'cash_flow', lessonHappened: 'We ran short.', lessonLearned: 'Invoice early.', lessonDifferently: 'Weekly reviews.' }
			: {}
	const thread = await db.thread.create({
		data: {
			forumId,
			categoryId: category.id,
			authorId,
			kind: fields.kind ?? 'discussion',
			title: fields.title ?? 'Cash flow in the slow months',
			hiddenAt: fields.hidden ? new Date() : null,
			locked: fields.locked ?? false,
			pinned: fields.pinned ?? false,
			lastPostNumber: 1,
			...lesson,
		},
		select: { id: true },
	})
	const opening = await db.post.create({
		data: { threadId: thread.id, number: 1, authorId, body: 'How do you plan for it?', bodyHtml: '<p>How do you plan for it?</p>', hiddenAt: fields.hidden ? new Date() : null },
		select: { id: true },
	})
	return { id: thread.id, openingPostId: opening.id }
}

export async function buildWorld() {
	const mona = await createUser({ name: 'Mona Moderator' })
	const alice = await createUser({ name: 'Alice Author' })
	const bob = await createUser({ name: 'Bob Member' })
	const olga = await createUser({ name: 'Olga Other-Moderator' })
	const oscar = await createUser({ name: 'Oscar Other-Member' })
	const ada = await createUser({ name: 'Ada Admin', isSiteAdmin: true })
	const group = await createGroupWith({ moderator: mona, members: [alice, bob], name: 'Group A' })
	const otherGroup = await createGroupWith({ moderator: olga, members: [oscar], name: 'Group B' })
	const forum = await db.forum.findUniqueOrThrow({ where: { groupId: group.id }, select: { id: true } })
	const otherForum = await db.forum.findUniqueOrThrow({ where: { groupId: otherGroup.id }, select: { id: true } })
	await ensureCommunityForum()

	// A question in group A by Alice, answered by Bob and Mona.
	const groupThread = await addThread(forum.id, alice.id, { kind: 'question', title: 'Which bank for a credit line?' })
	const bobReply = await addPost(groupThread.id, bob.id, 'We use the regional one.')
	await addPost(groupThread.id, mona.id, 'Ask for the covenants first.')
	const alicePost = await addPost(groupThread.id, alice.id, 'Thanks, both.')
	// Hidden by a moderator: only group A's moderators may see it.
	const hiddenThread = await addThread(forum.id, bob.id, { hidden: true, title: 'A post that was hidden' })
	await addPost(hiddenThread.id, alice.id)
	const lessonThread = await addThread(forum.id, alice.id, { kind: 'lesson', title: 'What a late invoice taught us' })
	const otherThread = await addThread(otherForum.id, oscar.id, { title: 'Group B’s own talk' })
	const communityThread = await addThread(COMMUNITY_FORUM_ID, alice.id, { title: 'Community: hiring the first salesperson' })
	const communityReply = await addPost(communityThread.id, oscar.id)

	const notification = await db.notification.create({
		data: { userId: alice.id, type: 'reply', subjectKind: 'forum.post', subjectId: bobReply.id, threadId: groupThread.id, postId: bobReply.id, actorId: bob.id },
		select: { id: true },
	})
	await db.draft.create({ data: { userId: alice.id, key: `reply:${groupThread.id}`, body: 'Half a thought' } })
	await db.bookmark.create({ data: { userId: alice.id, postId: bobReply.id } })
	// Alice's annual plan with a goal and a check-in: nobody but Alice (and her buddies, made per case) may see it.
	const plan = await db.plan.create({ data: { ownerId: alice.id, year: new Date().getUTCFullYear() }, select: { id: true } })
	const goal = await db.goal.create({
		data: { planId: plan.id, position: 1, title: 'Grow recurring revenue', area: 'sales', measure: 'number', unit: 'k€', startValue: 0, targetValue: 100, dueQuarter: 4 },
		select: { id: true },
	})
	const checkIn = await db.checkIn.create({ data: { goalId: goal.id, value: 40, status: 'on_track', note: 'Two new clients.' }, select: { id: true } })
	// Group A's open quarterly review cycle with Alice's submitted update, and its live meeting.
	const cycle = await db.reviewCycle.create({
		data: { groupId: group.id, quarter: '2026-Q4', opensOn: new Date(Date.UTC(2026, 9, 1)), dueOn: new Date(Date.UTC(2026, 11, 31)), status: 'open', visibility: 'group', questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: mona.id, openedAt: new Date() },
		select: { id: true },
	})
	const submission = await db.reviewSubmission.create({
		data: { cycleId: cycle.id, memberId: alice.id, status: 'submitted', submittedAt: new Date(), answers: JSON.stringify({ revenue: 1_200_000, ask: 'An introduction to a good banker.' }) },
		select: { id: true },
	})
	const meeting = await db.meeting.create({ data: { cycleId: cycle.id, startedById: mona.id }, select: { id: true } })
	// An approved vendor program (the community's catalogue) and Alice's proposal (hers and the curators').
	const vendor = await db.vendor.create({ data: { slug: 'contoso', name: 'Contoso' }, select: { id: true } })
	const program = await db.vendorProgram.create({ data: { vendorId: vendor.id, name: 'Flex marketing funds', kind: 'marketing_funds', state: 'approved', proposedById: bob.id }, select: { id: true } })
	const proposal = await db.vendorProgram.create({ data: { vendorId: vendor.id, name: 'Services rebate', kind: 'rebate', proposedById: alice.id }, select: { id: true } })
	const aliceSession = await signedIn(alice)
	const invitation = await createInvitation({ groupId: group.id, createdById: mona.id, expiresInDays: 7, singleUse: false })

	return {
		people: { mona, alice, bob, olga, oscar, ada },
		aliceSession,
		group: { id: group.id, slug: group.slug, forumId: forum.id },
		otherGroup: { id: otherGroup.id, slug: otherGroup.slug, forumId: otherForum.id },
		community: { forumId: COMMUNITY_FORUM_ID },
		groupThread: { ...groupThread, bobReplyId: bobReply.id, alicePostId: alicePost.id },
		hiddenThread,
		lessonThread,
		otherThread,
		communityThread: { ...communityThread, replyId: communityReply.id },
		notificationId: notification.id,
		invitationToken: invitation.token,
		plan: { id: plan.id, goalId: goal.id, checkInId: checkIn.id },
		cycle: { id: cycle.id, submissionId: submission.id, meetingId: meeting.id },
		vendors: { vendorId: vendor.id, programId: program.id, proposalId: proposal.id },
	}
}
export type World = Awaited<ReturnType<typeof buildWorld>>

/** Where each role stands: a membership of group A or B, or none. */
function membershipOf(world: World, role: Role): { groupId: string; role: 'member' | 'moderator' } | null {
	switch (role) {
		case 'member':
			return { groupId: world.group.id, role: 'member' }
		case 'moderator':
			return { groupId: world.group.id, role: 'moderator' }
		case 'otherMember':
			return { groupId: world.otherGroup.id, role: 'member' }
		case 'otherModerator':
			return { groupId: world.otherGroup.id, role: 'moderator' }
		default:
			return null
	}
}

// People are made in batches (three statements for a batch): one at a time, the writes of making
// them would be most of the matrix's time.
const BATCH = 40
const pools = new Map<Role, Actor[]>()
let batchCounter = 0

async function makeBatch(world: World, role: Role): Promise<Actor[]> {
	batchCounter += 1
	const passwordHash = (await db.user.findUniqueOrThrow({ where: { id: world.people.alice.id }, select: { passwordHash: true } })).passwordHash
	const people = Array.from({ length: BATCH }, (_, i) => {
		const tag = `${role.toLowerCase()}.${batchCounter}.${i}.${randomUUID().slice(0, 8)}`
		return { id: randomUUID(), name: `${role} ${batchCounter}.${i}`, handle: tag, email: `${tag}@example.com`, company: 'Actor Co', passwordHash, isSiteAdmin: role === 'admin' }
	})
	const tokens = people.map(() => generateToken())
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS)
	await db.user.createMany({ data: people })
	await db.session.createMany({
		data: people.map((person, i) => ({ id: hashToken(tokens[i]!), userId: person.id, expiresAt, userAgent: 'vitest', ipAddress: '127.0.0.1' })),
	})
	const joins = membershipOf(world, role)
	if (joins) await db.membership.createMany({ data: people.map((person) => ({ userId: person.id, ...joins })) })
	return people.map((person, i) => ({
		id: person.id,
		name: person.name,
		cookie: sessionCookieHeader(tokens[i]!).split(';')[0]!,
		sessionId: hashToken(tokens[i]!),
	}))
}

/**
 * A person never used before, standing in `role` to the world and signed in (null for the
 * anonymous visitor). Their password is TEST_PASSWORD.
 */
export async function actorFor(world: World, role: Role): Promise<Actor | null> {
	if (role === 'anonymous') return null
	let pool = pools.get(role)
	if (!pool?.length) pools.set(role, (pool = await makeBatch(world, role)))
	return pool.pop()!
}

/** A second signed-in session of the same person (another device). */
export function anotherSession(actor: Actor): Promise<Actor> {
	return signedIn(actor)
}
