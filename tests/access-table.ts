// Who may do what: the one table of expected answers, per route × method (× case) × role, and per
// socket event × room × role. tests/integration/authorization-matrix.test.ts and
// authorization-sockets.test.ts check every cell, and fail when a route of app/routes.ts or an event
// the socket server listens to has no row here.
//
// The roles are the columns, in the order of ROLES (tests/world.ts):
//   anonymous · outsider (signed in, no group) · otherMember (of group B) · member (of group A)
//   · moderator (of group A) · otherModerator (of group B) · admin (site admin, in no group)
// "This group" is group A; its forum, threads and invitation are the ones the cases use.
//
// Answers:
//   ok       served (a loader), or done: the action answered 2xx/3xx and wrote to the database
//   no-op    answered 2xx/3xx but wrote nothing (someone else's thing, or nothing to do)
//   login    redirect to the log-in page          home   redirect to / (already signed in)
//   400 401 403 404   refused with that status; a refused action must change nothing
import { createUser, TEST_PASSWORD } from './helpers.ts'
import { ROLES, addPost, addThread, anotherSession, type Actor, type Role, type World } from './world.ts'
import { db } from '#app/utils/db.server.ts'
import { createInvitation } from '#app/modules/groups/invitations.server.ts'
import { createGroup } from '#app/modules/groups/groups.server.ts'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { addGoal } from '#app/modules/plans/goals.server.ts'
import { startPlan } from '#app/modules/plans/plans.server.ts'
import { DEFAULT_QUESTIONS } from '#app/modules/quarterly/questions.ts'
import { createCalendarFeed } from '#app/modules/vendors/calendar.server.ts'

export const OUTCOMES = ['ok', 'no-op', 'login', 'home', '400', '401', '403', '404'] as const
export type Outcome = (typeof OUTCOMES)[number]

export type CaseContext = { world: World; actor: Actor | null; made: Record<string, string> }

export type RouteCase = {
	/** The route module, as app/routes.ts names it. */
	route: string
	method: 'GET' | 'POST'
	what: string
	/** Values for the pattern's :params (group A's slug and thread by default). */
	params?: (c: CaseContext) => Record<string, string>
	/** The query string, e.g. '?q=bank', or made from the case (an id made by its setup). */
	query?: string | ((c: CaseContext) => string)
	form?: (c: CaseContext) => Record<string, string>
	/** Things made fresh for each request (a post to delete, a thread to lock), by name. */
	setup?: (c: Omit<CaseContext, 'made'>) => Promise<Record<string, string>>
	/** A loader that writes (marks read): told apart as ok / no-op like an action. */
	writes?: boolean
	/** A page for signed-out visitors only: a redirect to / is the refusal. */
	anonymousOnly?: boolean
	expect: Record<Role, Outcome>
}

/** One row of answers, written as in the table's header: 'login 404 404 ok ok 404 404'. */
function roles(answers: string): Record<Role, Outcome> {
	const parts = answers.trim().split(/\s+/)
	if (parts.length !== ROLES.length) throw new Error(`"${answers}" has ${parts.length} answers for ${ROLES.length} roles`)
	for (const part of parts) if (!(OUTCOMES as readonly string[]).includes(part)) throw new Error(`unknown answer "${part}"`)
	return Object.fromEntries(ROLES.map((role, i) => [role, parts[i] as Outcome])) as Record<Role, Outcome>
}

let unique = 0
const fresh = (prefix: string) => `${prefix} ${++unique}-${Date.now().toString(36)}`
const actorOr = (c: { world: World; actor: Actor | null }) => c.actor?.id ?? c.world.people.alice.id

const thread = (id: (w: World) => string) => (c: CaseContext) => ({ threadId: id(c.world) })
const groupThread = thread((w) => w.groupThread.id)
const made = (name: string) => (c: CaseContext) => c.made[name]!

/** A reply by Alice in group A's question, made for one request. */
const alicesReply = async ({ world }: { world: World }) => ({ postId: (await addPost(world.groupThread.id, world.people.alice.id)).id })
const ownReply = async (c: { world: World; actor: Actor | null }) => ({ postId: (await addPost(c.world.groupThread.id, actorOr(c))).id })

/** A pairing between Alice (inviting) and the actor. */
const pairWithAlice = (c: { world: World; actor: Actor | null }, status: 'pending' | 'accepted') =>
	db.buddyPair.create({ data: { inviterId: c.world.people.alice.id, inviteeId: actorOr(c), status }, select: { id: true } })
const buddyOfAlice = async (c: { world: World; actor: Actor | null }): Promise<Record<string, string>> => {
	if (c.actor) await pairWithAlice(c, 'accepted')
	return {}
}
const aliceCheckIn = ({ world }: CaseContext) => ({ planId: world.plan.id, checkInId: world.plan.checkInId })
/** A goal of Alice's plan with no check-in for 40 days: one a buddy may nudge. */
const quietGoal = (world: World) =>
	db.goal.create({
		data: { planId: world.plan.id, position: 2, title: 'Hire a salesperson', area: 'sales', measure: 'milestone', dueQuarter: 2, createdAt: new Date(Date.now() - 40 * 24 * 60 * 60 * 1000) },
		select: { id: true },
	})

/** A cycle of group A made for one request: a draft (only its moderators see it) or open. */
let cycleQuarter = 0
const groupCycle = (status: 'draft' | 'open') => async ({ world }: { world: World }) => {
	cycleQuarter += 1
	const cycle = await db.reviewCycle.create({
		data: { groupId: world.group.id, quarter: `${2060 + Math.floor(cycleQuarter / 4)}-Q${(cycleQuarter % 4) + 1}`, opensOn: new Date(status === 'draft' ? '2099-01-01' : '2026-01-01'), dueOn: new Date('2099-12-31'), status, questions: JSON.stringify(DEFAULT_QUESTIONS), createdById: world.people.mona.id },
		select: { id: true },
	})
	return { cycleId: cycle.id }
}
const worldCycle = ({ world }: CaseContext) => ({ cycleId: world.cycle.id })
const madeCycle = (c: CaseContext) => ({ cycleId: made('cycleId')(c) })
const newCycleForm = () => {
	cycleQuarter += 1
	return { quarter: `${2060 + Math.floor(cycleQuarter / 4)}-Q${(cycleQuarter % 4) + 1}`, opensOn: '2099-01-01', dueOn: '2099-01-15', visibility: 'group' }
}
/** Group A's review cycle (open, Alice's update submitted). */
const cycleParams = (c: CaseContext) => ({ cycleId: c.world.cycle.id })
/** The once-a-day limit lifted, so that a moderator's reminder goes out. */
const remindable = async ({ world }: { world: World }) => {
	await db.reviewCycle.update({ where: { id: world.cycle.id }, data: { lastRemindedAt: null } })
	return {}
}

/**
 * A group of its own for a request that publishes or accepts an agreement (either would ask group
 * A's other members, pooled actors included, to accept): the actor stands in it as in group A,
 * and it has a version 1 that the actor has accepted or not (`pending`).
 */
const agreementGroup = (pending: boolean) => async ({ world, actor }: { world: World; actor: Actor | null }) => {
	const group = await createGroup({ name: fresh('Agreement group'), description: '', creatorId: world.people.mona.id })
	const version = await db.groupAgreementVersion.create({
		data: { groupId: group.id, version: 1, text: 'Confidential.', html: '<p>Confidential.</p>', createdById: world.people.mona.id },
		select: { id: true },
	})
	const inA = actor ? await db.membership.findFirst({ where: { userId: actor.id, groupId: world.group.id }, select: { role: true } }) : null
	if (actor && inA) await db.membership.create({ data: { userId: actor.id, groupId: group.id, role: inA.role, agreementPending: pending } })
	return { slug: group.slug, versionId: version.id }
}

type Row = Omit<RouteCase, 'expect'>
const r = (row: Row, answers: string): RouteCase => ({ ...row, expect: roles(answers) })

const meetingParams = ({ world }: CaseContext) => ({ slug: world.group.slug, cycleId: world.cycle.id })
/** An agenda item on group A's cycle, and the meeting's version now: a move a moderator may make. */
const agendaStop = async ({ world }: { world: World }) => {
	const item = await db.agendaItem.create({ data: { cycleId: world.cycle.id, position: 1, kind: 'custom', title: fresh('Item') }, select: { id: true } })
	const meeting = await db.meeting.findUniqueOrThrow({ where: { id: world.cycle.meetingId }, select: { version: true } })
	return { agendaItemId: item.id, version: String(meeting.version) }
}
/** An open action item of group A owned by Alice. */
const alicesActionItem = async ({ world }: { world: World }) => {
	const item = await db.actionItem.create({
		data: { groupId: world.group.id, meetingId: world.cycle.meetingId, ownerId: world.people.alice.id, createdById: world.people.mona.id, text: fresh('Send the figures'), dueOn: new Date() },
		select: { id: true },
	})
	return { actionItemId: item.id }
}


/** Vendor programs' deadlines: the approved program, Alice's proposal, a follow or a calendar link of the actor's own. */
const approvedProgram = ({ world }: CaseContext) => ({ programId: world.vendors.programId })
const alicesProposal = ({ world }: CaseContext) => ({ programId: world.vendors.proposalId })
const followedByActor = async ({ world, actor }: { world: World; actor: Actor | null }): Promise<Record<string, string>> => {
	if (actor) await db.programFollow.create({ data: { programId: world.vendors.programId, userId: actor.id } })
	return {}
}
const ownCalendarLink = async ({ actor }: { actor: Actor | null }): Promise<Record<string, string>> => {
	if (actor) await createCalendarFeed(actor.id)
	return {}
}
const alicesCalendarLink = async ({ world }: { world: World }) => ({ token: await createCalendarFeed(world.people.alice.id) })
/** Vendor programs made for one request: an approved one, a proposal by Bob, or one by the actor. */
const freshProgram = (state: 'approved' | 'proposed', by: 'bob' | 'own') => async (c: { world: World; actor: Actor | null }) => {
	const program = await db.vendorProgram.create({
		data: { vendorId: c.world.vendors.vendorId, name: fresh('Program'), kind: 'rebate', state, proposedById: by === 'bob' ? c.world.people.bob.id : actorOr(c) },
		select: { id: true },
	})
	return { programId: program.id }
}
const madeProgram = (c: CaseContext) => ({ programId: made('programId')(c) })
const worldProgram = ({ world }: CaseContext) => ({ programId: world.vendors.programId })
const programForm = () => ({ vendorName: 'Contoso', name: fresh('Partner rebate'), kind: 'rebate', enrollOpensOn: '2027-01-01', enrollClosesOn: '2027-03-31' })
/** Vendor programs: the world's approved program or Alice's proposal; a rating on the approved one by Alice (shared with the community) or by Bob (group A only). */
const vendorProgram = ({ world }: CaseContext) => ({ programId: world.vendors.programId })
const vendorProposal = ({ world }: CaseContext) => ({ programId: world.vendors.proposalId })
const programRatingBy = (who: 'alice' | 'bob') => async ({ world }: { world: World }) => {
	const memberId = world.people[who].id
	const visibility = who === 'alice' ? 'community' : 'group'
	const rating = await db.programRating.upsert({
		where: { programId_memberId: { programId: world.vendors.programId, memberId } },
		create: { programId: world.vendors.programId, memberId, groupId: world.group.id, visibility, overall: 4, wouldRecommend: true },
		update: {},
		select: { id: true },
	})
	return { ratingId: rating.id }
}

const reply = (body = 'Agreed, with numbers.') => ({ intent: 'reply', body })
/** A fresh thread (in group A's forum, or the community's) and a category to move it to: another of its forum's, or group B's. */
const threadToMove = (into: 'group' | 'otherGroup' | 'community') => async ({ world }: { world: World }) => {
	const from = into === 'community' ? COMMUNITY_FORUM_ID : world.group.forumId
	const to = into === 'otherGroup' ? world.otherGroup.forumId : from
	const { id } = await addThread(from, world.people.alice.id)
	const categories = await db.category.findMany({ where: { forumId: to }, orderBy: { position: 'asc' }, select: { id: true } })
	return { threadId: id, categoryId: categories[into === 'otherGroup' ? 0 : 1]!.id }
}

/** A reply by Alice with an open flag by Bob, in group A's question or in the community forum: an item of a queue. */
const flaggedReply = (where: 'group' | 'community') => async ({ world }: { world: World }) => {
	const threadId = where === 'group' ? world.groupThread.id : world.communityThread.id
	const { id: postId } = await addPost(threadId, world.people.alice.id)
	await db.flag.create({ data: { subjectKind: 'post', subjectId: postId, groupId: where === 'group' ? world.group.id : null, reporterId: world.people.bob.id, reason: 'off_topic' } })
	return { postId }
}
/** A review of the approved program by a new member of group A, shared with the community or kept in the group. */
const reviewInGroupA = (visibility: 'community' | 'group') => async ({ world }: { world: World }) => {
	const rater = await db.user.create({ data: { name: fresh('Rater'), handle: fresh('rater').replace(/\W/g, '.').toLowerCase(), email: `${fresh('rater').replace(/\W/g, '')}@example.com`, company: 'Rater Co', passwordHash: 'x' }, select: { id: true } })
	await db.membership.create({ data: { userId: rater.id, groupId: world.group.id } })
	const rating = await db.programRating.create({
		data: { programId: world.vendors.programId, memberId: rater.id, groupId: world.group.id, visibility, overall: 4, wouldRecommend: true, review: 'Paid out in 30 days.' },
		select: { id: true },
	})
	return { ratingId: rating.id }
}
const reviewParams = (c: CaseContext) => ({ programId: c.world.vendors.programId, ratingId: made('ratingId')(c) })
let thresholdTurn = 0

/** A plan with a goal, of Alice's (private: only she may see it) or of the actor's own. */
const planOf = (whose: 'alice' | 'own') => async (c: { world: World; actor: Actor | null }) => {
	const plan = await startPlan(whose === 'alice' ? c.world.people.alice.id : actorOr(c), new Date().getUTCFullYear())
	// Alice's plan is asked for by many rows: its one goal is reused (a plan holds at most 50).
	const goal =
		(await db.goal.findFirst({ where: { planId: plan.id }, select: { id: true } })) ??
		(await addGoal(plan.id, { title: 'Reach 20 clients', area: 'sales', measure: 'number', targetValue: 20, dueQuarter: 4 }))
	return { planId: plan.id, goalId: goal.id }
}
const planParams = (c: CaseContext) => ({ planId: made('planId')(c), goalId: made('goalId')(c) })
const goalForm = { title: 'Open a second office', area: 'operations', measure: 'milestone', dueQuarter: '3' }

//                                                                                  anon  outs  othM  mem   mod   othMod admin
// The table is aligned by hand, one column per role: prettier leaves it alone.
// prettier-ignore
export const ROUTE_CASES: RouteCase[] = [
	r({ route: 'routes/home.tsx', method: 'GET', what: 'home' },                                  'ok    ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/auth/signup.tsx', method: 'GET', what: 'sign-up page', anonymousOnly: true }, 'ok    home  home  home  home  home  home'),
	r({ route: 'routes/auth/signup.tsx', method: 'POST', what: 'sign up', anonymousOnly: true,
		form: () => ({ name: 'New Person', email: `${fresh('new').replace(/\W/g, '')}@example.com`, company: 'Newco', password: 'a long new password', redirectTo: '/settings/profile' }) },
		'ok    home  home  home  home  home  home'),
	r({ route: 'routes/auth/login.tsx', method: 'GET', what: 'log-in page', anonymousOnly: true },  'ok    home  home  home  home  home  home'),
	r({ route: 'routes/auth/login.tsx', method: 'POST', what: 'log in as Bob', anonymousOnly: true,
		form: ({ world }) => ({ email: world.people.bob.email, password: TEST_PASSWORD, redirectTo: '/community' }) },
		'ok    home  home  home  home  home  home'),
	r({ route: 'routes/auth/logout.tsx', method: 'GET', what: 'log-out link' },                   'ok    ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/auth/logout.tsx', method: 'POST', what: 'log out' },                        'no-op ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/layout.tsx', method: 'GET', what: 'settings layout' },             'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/profile.tsx', method: 'GET', what: 'own profile' },                'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/profile.tsx', method: 'POST', what: 'save own profile',
		form: () => ({ name: 'Renamed Person', company: 'Renamed Co', bio: 'Bio' }) },           'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/password.tsx', method: 'GET', what: 'password page' },             'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/password.tsx', method: 'POST', what: 'change own password',
		form: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'another long password', confirmPassword: 'another long password' }) },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/sessions.tsx', method: 'GET', what: 'own sessions' },              'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/sessions.tsx', method: 'POST', what: 'end own other session',
		setup: async ({ actor }) => ({ sessionId: actor ? (await anotherSession(actor)).sessionId : 'none' }),
		form: (c) => ({ intent: 'revoke', sessionId: made('sessionId')(c) }) },                  'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/sessions.tsx', method: 'POST', what: 'end Alice’s session',
		form: ({ world }) => ({ intent: 'revoke', sessionId: world.aliceSession.sessionId }) },   'login no-op no-op no-op no-op no-op no-op'),
	r({ route: 'routes/settings/sessions.tsx', method: 'POST', what: 'end all own other sessions',
		setup: async ({ actor }): Promise<Record<string, string>> => (actor ? { other: (await anotherSession(actor)).sessionId } : {}),
		form: () => ({ intent: 'revoke-others' }) },                                              'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/users/profile.tsx', method: 'GET', what: 'Alice’s profile', params: ({ world }) => ({ userId: world.people.alice.id }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/admin/groups.tsx', method: 'GET', what: 'all groups' },                     'login 404   404   404   404   404   ok'),
	r({ route: 'routes/admin/groups.tsx', method: 'POST', what: 'create a group', form: () => ({ name: fresh('Group'), description: '' }) },
		'login 404   404   404   404   404   ok'),
	r({ route: 'routes/invite.tsx', method: 'GET', what: 'invitation page', params: ({ world }) => ({ token: world.invitationToken }) },
		'ok    ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/invite.tsx', method: 'POST', what: 'accept an invitation to group A',
		setup: async ({ world }) => ({ token: (await createInvitation({ groupId: world.group.id, createdById: world.people.mona.id, expiresInDays: 7, singleUse: true })).token }),
		params: (c) => ({ token: made('token')(c) }) },                                           'login ok    ok    no-op no-op ok    ok'),

	// Group A's pages: a group's existence is confidential, so everyone outside it gets 404.
	r({ route: 'routes/groups/home.tsx', method: 'GET', what: 'group page' },                     'login 404   404   ok    ok    404   404'),
	...(['set-role', 'remove'] as const).map((intent) =>
		r({ route: 'routes/groups/home.tsx', method: 'POST', what: `${intent} of a member`,
			setup: async ({ world }) => {
				const person = await db.user.create({ data: { name: 'Target', handle: fresh('target').replace(/\W/g, ''), email: `${fresh('t').replace(/\W/g, '')}@example.com`, company: 'T', passwordHash: 'x' } })
				return { membershipId: (await db.membership.create({ data: { userId: person.id, groupId: world.group.id } })).id }
			},
			form: (c) => ({ intent, membershipId: made('membershipId')(c), role: 'moderator' }) },   'login 404   404   403   ok    404   404'),
	),
	r({ route: 'routes/groups/invitations.tsx', method: 'GET', what: 'invitations' },              'login 404   404   403   ok    404   404'),
	r({ route: 'routes/groups/invitations.tsx', method: 'POST', what: 'create an invitation', form: () => ({ expiresInDays: '7' }) },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/groups/invitations.tsx', method: 'POST', what: 'revoke an invitation',
		setup: async ({ world }) => ({ invitationId: (await createInvitation({ groupId: world.group.id, createdById: world.people.mona.id, expiresInDays: 7, singleUse: false })).id }),
		form: (c) => ({ intent: 'revoke', invitationId: made('invitationId')(c) }) },            'login 404   404   403   ok    404   404'),
	// The confidentiality agreement (group A has none: no gate) and the audit logs.
	r({ route: 'routes/groups/agreement.tsx', method: 'GET', what: 'the agreement' },              'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/groups/agreement.tsx', method: 'POST', what: 'accept the agreement', setup: agreementGroup(true),
		params: (c) => ({ slug: made('slug')(c) }), form: (c) => ({ intent: 'accept', versionId: made('versionId')(c) }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/groups/agreement.tsx', method: 'POST', what: 'publish a version', setup: agreementGroup(false),
		params: (c) => ({ slug: made('slug')(c) }), form: () => ({ intent: 'publish', format: 'plain', text: 'What is said in the group stays in it.' }) },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/groups/audit.tsx', method: 'GET', what: 'the group’s audit log' },         'login 404   404   403   ok    404   ok'),
	r({ route: 'routes/admin/audit.tsx', method: 'GET', what: 'the site audit log' },             'login 404   404   404   404   404   ok'),
	r({ route: 'routes/forums/group-forum.tsx', method: 'GET', what: 'group forum' },             'login 404   404   ok    ok    404   404'),
	r({ route: 'group-new-thread', method: 'GET', what: 'new-thread form' },     'login 404   404   ok    ok    404   404'),
	r({ route: 'group-new-thread', method: 'POST', what: 'start a thread',
		form: (c) => ({ kind: 'discussion', title: 'Pricing our services', body: 'How do you price?', categoryId: made('categoryId')(c) }),
		setup: async ({ world }) => ({ categoryId: (await db.category.findFirstOrThrow({ where: { forumId: world.group.forumId } })).id }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'group-categories', method: 'GET', what: 'forum categories' },   'login 404   404   403   ok    404   404'),
	r({ route: 'group-categories', method: 'POST', what: 'create a category', form: () => ({ intent: 'create', name: fresh('Cat').slice(0, 30) }) },
		'login 404   404   403   ok    404   404'),
	r({ route: 'group-categories', method: 'POST', what: 'delete a category',
		setup: async ({ world }) => ({ categoryId: (await db.category.create({ data: { forumId: world.group.forumId, slug: fresh('c').replace(/\W/g, '-'), name: 'Doomed' } })).id }),
		form: (c) => ({ intent: 'delete', categoryId: made('categoryId')(c) }) },                 'login 404   404   403   ok    404   404'),

	// The community forum: members of any group read and post; site admins moderate.
	r({ route: 'routes/forums/community.tsx', method: 'GET', what: 'community forum' },           'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'community-new-thread', method: 'GET', what: 'new-thread form' }, 'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'community-new-thread', method: 'POST', what: 'start a thread',
		setup: async () => ({ categoryId: (await db.category.findFirstOrThrow({ where: { forumId: COMMUNITY_FORUM_ID } })).id }),
		form: (c) => ({ kind: 'question', title: 'Who does your payroll?', body: 'Looking for advice.', categoryId: made('categoryId')(c) }) },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'community-categories', method: 'GET', what: 'categories' },     'login 404   403   403   403   403   ok'),
	r({ route: 'community-categories', method: 'POST', what: 'create a category', form: () => ({ intent: 'create', name: fresh('Cat').slice(0, 30) }) },
		'login 404   403   403   403   403   ok'),
	r({ route: 'routes/lessons.tsx', method: 'GET', what: 'lessons library' },                    'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/search.tsx', method: 'GET', what: 'search', query: '?q=bank' },            'login ok    ok    ok    ok    ok    ok'),

	// Threads: group A's question. Reading hidden and community threads, and joining their rooms, is
	// in the doors table (tests/integration/doors.test.ts), with every other way of reading them.
	r({ route: 'routes/threads/thread.tsx', method: 'GET', what: 'group thread', params: groupThread, writes: true },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'GET', what: 'group B’s thread', params: thread((w) => w.otherThread.id), writes: true },
		'login 404   ok    404   404   ok    404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'reply in group thread', params: groupThread, form: () => reply() },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'reply in hidden thread', params: thread((w) => w.hiddenThread.id), form: () => reply() },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'reply in community thread', params: thread((w) => w.communityThread.id), form: () => reply() },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'watch group thread', params: groupThread, form: () => ({ intent: 'level', level: 'watching' }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'unknown intent', params: groupThread, form: () => ({ intent: 'frobnicate' }) },
		'login 404   404   400   400   404   404'),
	...(['lock', 'unlock', 'pin', 'unpin'] as const).map((intent) =>
		r({ route: 'routes/threads/thread.tsx', method: 'POST', what: `${intent} a group thread`,
			setup: async ({ world }) => ({ threadId: (await addThread(world.group.forumId, world.people.alice.id, { locked: intent === 'unlock', pinned: intent === 'unpin' })).id }),
			params: (c) => ({ threadId: made('threadId')(c) }), form: () => ({ intent }) },           'login 404   404   403   ok    404   404'),
	),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'lock a community thread',
		setup: async ({ world }) => ({ threadId: (await addThread(COMMUNITY_FORUM_ID, world.people.alice.id)).id }),
		params: (c) => ({ threadId: made('threadId')(c) }), form: () => ({ intent: 'lock' }) },      'login 404   403   403   403   403   ok'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'delete Alice’s reply', params: groupThread, setup: alicesReply,
		form: (c) => ({ intent: 'delete', postId: made('postId')(c) }) },                          'login 404   404   403   ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'delete own reply', params: groupThread, setup: ownReply,
		form: (c) => ({ intent: 'delete', postId: made('postId')(c) }) },                          'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'hide Alice’s reply', params: groupThread, setup: alicesReply,
		form: (c) => ({ intent: 'hide', postId: made('postId')(c), reason: 'Off-topic for this group' }) }, 'login 404   404   403   ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'hide Alice’s reply without a reason', params: groupThread, setup: alicesReply,
		form: (c) => ({ intent: 'hide', postId: made('postId')(c) }) },                            'login 404   404   403   400   404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'unhide a hidden reply', params: groupThread,
		setup: async (c) => {
			const { postId } = await alicesReply(c)
			await db.post.update({ where: { id: postId }, data: { hiddenAt: new Date() } })
			return { postId }
		},
		form: (c) => ({ intent: 'unhide', postId: made('postId')(c) }) },                          'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'accept an answer to Alice’s question', params: groupThread,
		setup: async ({ world }) => ({ postId: (await addPost(world.groupThread.id, world.people.bob.id)).id }),
		form: (c) => ({ intent: 'accept', postId: made('postId')(c) }) },                          'login 404   404   403   ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'accept an answer to own question',
		setup: async (c) => {
			const own = await addThread(c.world.group.forumId, actorOr(c), { kind: 'question' })
			return { threadId: own.id, postId: (await addPost(own.id, c.world.people.bob.id)).id }
		},
		params: (c) => ({ threadId: made('threadId')(c) }), form: (c) => ({ intent: 'accept', postId: made('postId')(c) }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'mark Alice’s reply helpful', params: groupThread, setup: alicesReply,
		form: (c) => ({ intent: 'helpful', postId: made('postId')(c) }) },                         'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'bookmark Alice’s reply', params: groupThread,
		form: ({ world }) => ({ intent: 'bookmark', postId: world.groupThread.alicePostId }) },     'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'bookmark group B’s post through group A’s thread', params: groupThread,
		form: ({ world }) => ({ intent: 'bookmark', postId: world.otherThread.openingPostId }) },    'login 404   404   404   404   404   404'),

	r({ route: 'routes/threads/edit-post.tsx', method: 'GET', what: 'edit Alice’s post',
		params: ({ world }) => ({ threadId: world.groupThread.id, postId: world.groupThread.alicePostId }) }, 'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/edit-post.tsx', method: 'GET', what: 'edit own post', setup: ownReply,
		params: (c) => ({ threadId: c.world.groupThread.id, postId: made('postId')(c) }) },       'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/edit-post.tsx', method: 'POST', what: 'edit Alice’s post', setup: alicesReply,
		params: (c) => ({ threadId: c.world.groupThread.id, postId: made('postId')(c) }), form: () => ({ body: 'Edited.' }) },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/edit-post.tsx', method: 'POST', what: 'edit own post', setup: ownReply,
		params: (c) => ({ threadId: c.world.groupThread.id, postId: made('postId')(c) }), form: () => ({ body: 'Edited.' }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/edit-post.tsx', method: 'POST', what: 'edit a post through another thread’s address',
		params: (c) => ({ threadId: c.world.communityThread.id, postId: c.world.groupThread.alicePostId }), form: () => ({ body: 'Edited.' }) },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/threads/edit-lesson.tsx', method: 'GET', what: 'edit Alice’s lesson', params: thread((w) => w.lessonThread.id) },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/edit-lesson.tsx', method: 'POST', what: 'edit own lesson',
		setup: async (c) => ({ threadId: (await addThread(c.world.group.forumId, actorOr(c), { kind: 'lesson' })).id }),
		params: (c) => ({ threadId: made('threadId')(c) }),
		form: () => ({ title: 'A lesson, edited', blocker: 'sales', lessonHappened: 'A', lessonLearned: 'B', lessonDifferently: 'C' }) },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/threads/edit-lesson.tsx', method: 'POST', what: 'edit Alice’s lesson', params: thread((w) => w.lessonThread.id),
		form: () => ({ title: 'A lesson, edited', blocker: 'sales', lessonHappened: 'A', lessonLearned: 'B', lessonDifferently: 'C' }) },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/post-history.tsx', method: 'GET', what: 'edit history',
		params: ({ world }) => ({ threadId: world.groupThread.id, postId: world.groupThread.bobReplyId }) }, 'login 404   404   404   ok    404   404'),

	// Suspending accounts (site admins), moving threads and slow mode (moderators).
	r({ route: 'routes/admin/users.tsx', method: 'GET', what: 'all accounts' },                    'login 404   404   404   404   404   ok'),
	r({ route: 'routes/admin/users.tsx', method: 'GET', what: 'search accounts', query: '?q=alice&page=2' },
		'login 404   404   404   404   404   ok'),
	r({ route: 'routes/admin/user.tsx', method: 'GET', what: 'Alice’s account', params: ({ world }) => ({ userId: world.people.alice.id }) },
		'login 404   404   404   404   404   ok'),
	r({ route: 'routes/admin/user.tsx', method: 'POST', what: 'suspend a member', setup: async () => ({ userId: (await createUser()).id }),
		params: (c) => ({ userId: made('userId')(c) }), form: () => ({ intent: 'suspend', reason: 'Shared a member’s numbers outside the group.' }) },
		'login 404   404   404   404   404   ok'),
	r({ route: 'routes/admin/user.tsx', method: 'POST', what: 'suspend own account', params: (c) => ({ userId: actorOr(c) }),
		form: () => ({ intent: 'suspend', reason: 'Testing.' }) },                                  'login 404   404   404   404   404   400'),
	r({ route: 'routes/admin/user.tsx', method: 'POST', what: 'suspend a site admin', params: ({ world }) => ({ userId: world.people.ada.id }),
		form: () => ({ intent: 'suspend', reason: 'Testing.' }) },                                  'login 404   404   404   404   404   400'),
	r({ route: 'routes/admin/user.tsx', method: 'POST', what: 'suspend without a reason', setup: async () => ({ userId: (await createUser()).id }),
		params: (c) => ({ userId: made('userId')(c) }), form: () => ({ intent: 'suspend', reason: ' ' }) },
		'login 404   404   404   404   404   400'),
	r({ route: 'routes/admin/user.tsx', method: 'POST', what: 'lift a suspension',
		setup: async ({ world }) => {
			const { id } = await createUser()
			await db.suspension.create({ data: { userId: id, reason: 'Spam.', suspendedById: world.people.ada.id } })
			return { userId: id }
		},
		params: (c) => ({ userId: made('userId')(c) }), form: () => ({ intent: 'lift' }) },         'login 404   404   404   404   404   ok'),
	r({ route: 'routes/threads/move.tsx', method: 'GET', what: 'move group thread', params: groupThread },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/move.tsx', method: 'POST', what: 'move a group thread to another category', setup: threadToMove('group'),
		params: (c) => ({ threadId: made('threadId')(c) }), form: (c) => ({ categoryId: made('categoryId')(c) }) },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/threads/move.tsx', method: 'POST', what: 'move a group thread into group B', setup: threadToMove('otherGroup'),
		params: (c) => ({ threadId: made('threadId')(c) }), form: (c) => ({ categoryId: made('categoryId')(c) }) },
		'login 404   404   404   403   404   404'),
	r({ route: 'routes/threads/move.tsx', method: 'POST', what: 'move a community thread', setup: threadToMove('community'),
		params: (c) => ({ threadId: made('threadId')(c) }), form: (c) => ({ categoryId: made('categoryId')(c) }) },
		'login 404   404   404   404   404   ok'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'set slow mode',
		setup: async ({ world }) => ({ threadId: (await addThread(world.group.forumId, world.people.alice.id)).id }),
		params: (c) => ({ threadId: made('threadId')(c) }), form: () => ({ intent: 'slow-mode', minutes: '5' }) },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/threads/thread.tsx', method: 'POST', what: 'set slow mode to 2000 minutes',
		setup: async ({ world }) => ({ threadId: (await addThread(world.group.forumId, world.people.alice.id)).id }),
		params: (c) => ({ threadId: made('threadId')(c) }), form: () => ({ intent: 'slow-mode', minutes: '0', customMinutes: '2000' }) },
		'login 404   404   400   400   404   404'),

	// Resources the pages' scripts call.
	r({ route: 'routes/resources/drafts.ts', method: 'POST', what: 'draft a reply in group thread',
		form: ({ world }) => ({ key: `reply:${world.groupThread.id}`, body: 'Half a thought' }) },  'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/resources/drafts.ts', method: 'POST', what: 'draft a reply in hidden thread',
		form: ({ world }) => ({ key: `reply:${world.hiddenThread.id}`, body: 'Half a thought' }) }, 'login 404   404   404   ok    404   404'),
	r({ route: 'routes/resources/drafts.ts', method: 'POST', what: 'draft a thread in group forum',
		form: ({ world }) => ({ key: `thread:${world.group.forumId}`, title: 'Draft', body: 'Half a thought' }) }, 'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/resources/drafts.ts', method: 'POST', what: 'draft a reply in community thread',
		form: ({ world }) => ({ key: `reply:${world.communityThread.id}`, body: 'Half a thought' }) }, 'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/resources/read-marker.ts', method: 'POST', what: 'read marker in group thread',
		form: ({ world }) => ({ threadId: world.groupThread.id, number: '2' }) },                 'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/resources/read-marker.ts', method: 'POST', what: 'read marker in hidden thread',
		form: ({ world }) => ({ threadId: world.hiddenThread.id, number: '1' }) },                'login 404   404   404   ok    404   404'),
	r({ route: 'routes/resources/composer.ts', method: 'GET', what: 'mention suggestions in group thread',
		query: ({ world }) => `?threadId=${world.groupThread.id}&q=a` },                         'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/resources/composer.ts', method: 'GET', what: 'mention suggestions in group forum',
		query: ({ world }) => `?forumId=${world.group.forumId}&q=a` },                           'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/resources/composer.ts', method: 'POST', what: 'preview a reply in group thread',
		form: ({ world }) => ({ threadId: world.groupThread.id, body: '**Half** a thought' }) },  'login 404   404   no-op no-op 404   404'),
	r({ route: 'routes/resources/composer.ts', method: 'POST', what: 'preview a reply in hidden thread',
		form: ({ world }) => ({ threadId: world.hiddenThread.id, body: 'Half a thought' }) },      'login 404   404   404   no-op 404   404'),
	r({ route: 'routes/resources/composer.ts', method: 'POST', what: 'preview a reply in community thread',
		form: ({ world }) => ({ threadId: world.communityThread.id, body: 'Half a thought' }) },   'login 404   no-op no-op no-op no-op no-op'),
	r({ route: 'routes/notifications.tsx', method: 'GET', what: 'own notifications' },            'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/notifications.tsx', method: 'POST', what: 'mark all own read',
		setup: async (c): Promise<Record<string, string>> => (c.actor ? { id: (await db.notification.create({ data: { userId: c.actor.id, type: 'reply', subjectKind: 'forum.post', subjectId: c.world.communityThread.replyId, threadId: c.world.communityThread.id, postId: c.world.communityThread.replyId } })).id } : {}),
		form: () => ({ intent: 'read-all' }) },                                                    'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/resources/open-notification.ts', method: 'GET', what: 'open own notification in group thread', writes: true,
		setup: async (c) => ({ notificationId: c.actor ? (await db.notification.create({ data: { userId: c.actor.id, type: 'reply', subjectKind: 'forum.post', subjectId: c.world.groupThread.bobReplyId, threadId: c.world.groupThread.id, postId: c.world.groupThread.bobReplyId } })).id : 'none' }),
		params: (c) => ({ notificationId: made('notificationId')(c) }) },                          'login no-op no-op ok    ok    no-op no-op'),
	r({ route: 'routes/resources/open-notification.ts', method: 'GET', what: 'open Alice’s notification', writes: true,
		params: ({ world }) => ({ notificationId: world.notificationId }) },                        'login no-op no-op no-op no-op no-op no-op'),
	r({ route: 'routes/resources/notifications-count.ts', method: 'GET', what: 'unread count' },  '401   ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/bookmarks.tsx', method: 'GET', what: 'own bookmarks' },                    'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/bookmarks.tsx', method: 'POST', what: 'remove own bookmark',
		setup: async (c) => {
			if (c.actor) await db.bookmark.create({ data: { userId: c.actor.id, postId: c.world.groupThread.bobReplyId } })
			return {}
		},
		form: ({ world }) => ({ intent: 'remove', postId: world.groupThread.bobReplyId }) },      'login ok    ok    ok    ok    ok    ok'),

	// Buddies and check-ins of Alice's plan: a plan is seen by its owner and her accepted buddies
	// only (the moderators of a plan not shared, admins and everyone else: 404). "As Alice's buddy"
	// rows pair the actor with Alice first.
	r({ route: 'routes/buddies.tsx', method: 'GET', what: 'buddy dashboard' },                   'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/buddies.tsx', method: 'POST', what: 'invite Bob (of group A)',
		form: ({ world }) => ({ intent: 'invite', inviteeId: world.people.bob.id }) },            'login 400   400   ok    ok    400   400'),
	r({ route: 'routes/buddies.tsx', method: 'POST', what: 'accept Alice’s invitation',
		setup: async (c) => ({ pairId: c.actor ? (await pairWithAlice(c, 'pending')).id : 'none' }),
		form: (c) => ({ intent: 'accept', pairId: made('pairId')(c) }) },                         'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/buddies.tsx', method: 'POST', what: 'accept an invitation to Alice',
		setup: async ({ world }) => ({ pairId: (await db.buddyPair.create({ data: { inviterId: world.people.bob.id, inviteeId: world.people.alice.id } })).id }),
		form: (c) => ({ intent: 'accept', pairId: made('pairId')(c) }) },                         'login no-op no-op no-op no-op no-op no-op'),
	r({ route: 'routes/buddies.tsx', method: 'POST', what: 'end own pairing with Alice',
		setup: async (c) => ({ pairId: c.actor ? (await pairWithAlice(c, 'accepted')).id : 'none' }),
		form: (c) => ({ intent: 'end', pairId: made('pairId')(c), confirm: 'yes' }) },           'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/buddies.tsx', method: 'POST', what: 'end a pairing without confirming',
		setup: async (c) => ({ pairId: c.actor ? (await pairWithAlice(c, 'accepted')).id : 'none' }),
		form: (c) => ({ intent: 'end', pairId: made('pairId')(c) }) },                            'login 400   400   400   400   400   400'),
	r({ route: 'routes/plans/check-in.tsx', method: 'GET', what: 'Alice’s check-in', params: aliceCheckIn },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/check-in.tsx', method: 'GET', what: 'Alice’s check-in as her buddy', params: aliceCheckIn, setup: buddyOfAlice },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/check-in.tsx', method: 'POST', what: 'confirm Alice’s check-in', params: aliceCheckIn,
		form: () => ({ intent: 'review', verdict: 'confirmed' }) },                               'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/check-in.tsx', method: 'POST', what: 'confirm Alice’s check-in as her buddy', params: aliceCheckIn, setup: buddyOfAlice,
		form: () => ({ intent: 'review', verdict: 'confirmed' }) },                               'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/check-in.tsx', method: 'POST', what: 'comment on Alice’s check-in', params: aliceCheckIn,
		form: () => ({ intent: 'comment', body: 'Well done.' }) },                                'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/check-in.tsx', method: 'POST', what: 'comment on Alice’s check-in as her buddy', params: aliceCheckIn, setup: buddyOfAlice,
		form: () => ({ intent: 'comment', body: 'Well done.' }) },                                'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/nudge.ts', method: 'POST', what: 'nudge Alice’s quiet goal',
		setup: async ({ world }) => ({ goalId: (await quietGoal(world)).id }),
		params: (c) => ({ planId: c.world.plan.id, goalId: made('goalId')(c) }) },               'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/nudge.ts', method: 'POST', what: 'nudge Alice’s quiet goal as her buddy',
		setup: async (c) => ({ ...(await buddyOfAlice(c)), goalId: (await quietGoal(c.world)).id }),
		params: (c) => ({ planId: c.world.plan.id, goalId: made('goalId')(c) }) },               'login ok    ok    ok    ok    ok    ok'),

	// Annual plans: a plan is seen by its owner, accepted buddies and (if shared) moderators; all
	// of those roles and more are in tests/integration/plans-privacy.test.ts. Here: Alice's plan
	// (not shared) against everyone's own.
	r({ route: 'routes/plans/plans.tsx', method: 'GET', what: 'own plans' },                         'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/plans.tsx', method: 'POST', what: 'start own business plan',
		form: () => ({ year: String(new Date().getUTCFullYear()), kind: 'business' }) },             'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/plan.tsx', method: 'GET', what: 'Alice’s plan', setup: planOf('alice'), params: planParams },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/plan.tsx', method: 'GET', what: 'own plan', setup: planOf('own'), params: planParams },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/plan.tsx', method: 'POST', what: 'add a goal to Alice’s plan', setup: planOf('alice'), params: planParams,
		form: () => ({ intent: 'add-goal', ...goalForm }) },                                          'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/plan.tsx', method: 'POST', what: 'add a goal to own plan', setup: planOf('own'), params: planParams,
		form: () => ({ intent: 'add-goal', ...goalForm }) },                                          'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/goal.tsx', method: 'GET', what: 'a goal of Alice’s plan', setup: planOf('alice'), params: planParams },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/goal.tsx', method: 'GET', what: 'a goal of own plan', setup: planOf('own'), params: planParams },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/goal.tsx', method: 'POST', what: 'check in on Alice’s goal', setup: planOf('alice'), params: planParams,
		form: () => ({ intent: 'check-in', value: '3', status: 'on_track' }) },                       'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/goal.tsx', method: 'POST', what: 'check in on own goal', setup: planOf('own'), params: planParams,
		form: () => ({ intent: 'check-in', value: '3', status: 'on_track' }) },                       'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/edit.tsx', method: 'GET', what: 'edit Alice’s plan', setup: planOf('alice'), params: planParams },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/edit.tsx', method: 'GET', what: 'edit own plan', setup: planOf('own'), params: planParams },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/edit.tsx', method: 'POST', what: 'save Alice’s plan', setup: planOf('alice'), params: planParams,
		form: () => ({ themeWord: 'Mine', reminderCadence: 'monthly' }) },                            'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/edit.tsx', method: 'POST', what: 'save own plan', setup: planOf('own'), params: planParams,
		form: () => ({ themeWord: 'Mine', reminderCadence: 'quarterly' }) },                          'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/review.tsx', method: 'GET', what: 'review of Alice’s plan', setup: planOf('alice'), params: planParams },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/review.tsx', method: 'GET', what: 'review of own plan', setup: planOf('own'), params: planParams },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/review.tsx', method: 'POST', what: 'closing note on Alice’s goal', setup: planOf('alice'), params: planParams,
		form: (c) => ({ intent: 'closing-note', goalId: made('goalId')(c), note: 'Mine now' }) },      'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/review.tsx', method: 'POST', what: 'closing note on own goal', setup: planOf('own'), params: planParams,
		form: (c) => ({ intent: 'closing-note', goalId: made('goalId')(c), note: 'Nearly there' }) },  'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/plans/export-csv.ts', method: 'GET', what: 'export Alice’s plan', setup: planOf('alice'), params: planParams },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/plans/export-csv.ts', method: 'GET', what: 'export own plan', setup: planOf('own'), params: planParams },
		'login ok    ok    ok    ok    ok    ok'),
	// Quarterly review cycles: the group's members and moderators; a draft only its moderators.
	// Every role and page is in tests/integration/quarterly-cycles.test.ts.
	r({ route: 'routes/quarterly/reviews.tsx', method: 'GET', what: 'group A’s reviews' },          'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/new-cycle.tsx', method: 'GET', what: 'new cycle form' },           'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/new-cycle.tsx', method: 'POST', what: 'create a cycle', form: newCycleForm },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/cycle.tsx', method: 'GET', what: 'group A’s open cycle', params: worldCycle },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/cycle.tsx', method: 'GET', what: 'a draft cycle', setup: groupCycle('draft'), params: madeCycle },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/quarterly/cycle.tsx', method: 'POST', what: 'save own draft update', params: worldCycle,
		form: () => ({ intent: 'save-draft', 'answers.wins': 'Half a thought' }) },               'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/cycle.tsx', method: 'POST', what: 'open a draft cycle', setup: groupCycle('draft'), params: madeCycle,
		form: () => ({ intent: 'open' }) },                                                       'login 404   404   404   ok    404   404'),
	r({ route: 'routes/quarterly/cycle.tsx', method: 'POST', what: 'close an open cycle', setup: groupCycle('open'), params: madeCycle,
		form: () => ({ intent: 'close' }) },                                                      'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/edit-cycle.tsx', method: 'GET', what: 'edit a draft cycle', setup: groupCycle('draft'), params: madeCycle },
		'login 404   404   404   ok    404   404'),
	r({ route: 'routes/quarterly/edit-cycle.tsx', method: 'POST', what: 'add a question to a draft cycle', setup: groupCycle('draft'), params: madeCycle,
		form: () => ({ intent: 'add-question', kind: 'text', label: 'Anything else?' }) },         'login 404   404   404   ok    404   404'),
	r({ route: 'routes/quarterly/draft.ts', method: 'POST', what: 'autosave own update', params: worldCycle,
		form: () => ({ 'answers.wins': 'Typing' }) },                                              'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/update.tsx', method: 'GET', what: 'Alice’s submitted update', params: ({ world }) => ({ cycleId: world.cycle.id, memberId: world.people.alice.id }) },
		'login 404   404   ok    ok    404   404'),
	// Quarterly reviews, the moderators' pages of group A's open cycle: moderators only (403 for the
	// group's members, 404 outside it), but its key numbers for every member. Every role of a cycle,
	// drafts and other groups' addresses included, is in tests/integration/quarterly-dashboard.test.ts.
	r({ route: 'routes/quarterly/dashboard.tsx', method: 'GET', what: 'completion of group A’s cycle', params: cycleParams },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/dashboard.tsx', method: 'POST', what: 'remind everyone pending', params: cycleParams, setup: remindable,
		form: () => ({ intent: 'remind' }) },                                                           'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/numbers.tsx', method: 'GET', what: 'key numbers of group A’s cycle', params: cycleParams },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/agenda.tsx', method: 'GET', what: 'agenda of group A’s cycle', params: cycleParams },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/agenda.tsx', method: 'POST', what: 'add an agenda item', params: cycleParams,
		form: () => ({ intent: 'add', title: fresh('Round of wins'), minutes: '10' }) },                 'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/export-csv.ts', method: 'GET', what: 'export group A’s cycle', params: cycleParams },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/print.tsx', method: 'GET', what: 'print group A’s cycle', params: cycleParams },
		'login 404   404   403   ok    404   404'),
	// The live quarterly meeting of group A's cycle: the group's members follow and park; its
	// moderators step through the agenda, take notes and capture action items. The rest of the
	// roles × every meeting action are in tests/integration/quarterly-meeting.test.ts.
	r({ route: 'routes/quarterly/meeting.tsx', method: 'GET', what: 'group A’s meeting', params: meetingParams },
		'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/meeting.tsx', method: 'POST', what: 'park an item', params: meetingParams,
		form: () => ({ intent: 'park', body: 'Come back to pricing' }) },                            'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/quarterly/meeting.tsx', method: 'POST', what: 'start it again', params: meetingParams,
		form: () => ({ intent: 'start' }) },                                                         'login 404   404   403   no-op 404   404'),
	r({ route: 'routes/quarterly/meeting.tsx', method: 'POST', what: 'move to an agenda item', params: meetingParams, setup: agendaStop,
		form: (c) => ({ intent: 'move', to: made('agendaItemId')(c), version: made('version')(c) }) }, 'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/meeting.tsx', method: 'POST', what: 'take a note', params: meetingParams,
		form: () => ({ intent: 'note', body: 'Agreed to revisit margins' }) },                       'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/meeting.tsx', method: 'POST', what: 'capture an action item for Alice', params: meetingParams,
		form: ({ world }) => ({ intent: 'action-item', text: 'Call the bank', ownerId: world.people.alice.id, dueOn: '2027-01-15' }) },
		'login 404   404   403   ok    404   404'),
	r({ route: 'routes/quarterly/actions.tsx', method: 'GET', what: 'own action items' },                'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/quarterly/actions.tsx', method: 'POST', what: 'mark Alice’s action item done', setup: alicesActionItem,
		form: (c) => ({ intent: 'done', actionItemId: made('actionItemId')(c) }) },                 'login 404   404   403   ok    404   404'),
	// Vendor programs' deadlines: following (approved programs only; a proposal answers 404 like a
	// missing one), a program's calendar file, the private feed (the token is the key: no session),
	// the calendar settings and the month's deadlines (the community's, like the catalogue).
	r({ route: 'routes/vendors/follow.ts', method: 'GET', what: 'the follow address, typed in', params: approvedProgram }, 'ok    ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/follow.ts', method: 'POST', what: 'follow the approved program', params: approvedProgram,
		form: () => ({ follow: '1' }) },                                                            'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/follow.ts', method: 'POST', what: 'stop following the approved program', params: approvedProgram, setup: followedByActor,
		form: () => ({ follow: '0' }) },                                                            'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/follow.ts', method: 'POST', what: 'follow Alice’s proposal', params: alicesProposal,
		form: () => ({ follow: '1' }) },                                                            'login 404   404   404   404   404   404'),
	r({ route: 'routes/vendors/follow.ts', method: 'POST', what: 'follow without saying which', params: approvedProgram,
		form: () => ({ follow: 'maybe' }) },                                                        'login 404   400   400   400   400   400'),
	r({ route: 'routes/vendors/program-ics.ts', method: 'GET', what: 'the approved program’s calendar file', params: approvedProgram },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/program-ics.ts', method: 'GET', what: 'Alice’s proposal’s calendar file', params: alicesProposal },
		'login 404   404   404   ok    ok    ok'),
	r({ route: 'routes/vendors/calendar-feed.ts', method: 'GET', what: 'Alice’s calendar feed, by its link', setup: alicesCalendarLink,
		params: (c) => ({ token: made('token')(c) }) },                                              'ok    ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/calendar-feed.ts', method: 'GET', what: 'a calendar feed that does not exist',
		params: () => ({ token: 'no-such-calendar-link' }) },                                        '404   404   404   404   404   404   404'),
	r({ route: 'routes/settings/calendar.tsx', method: 'GET', what: 'own calendar link' },                'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/calendar.tsx', method: 'POST', what: 'make own calendar link', form: () => ({ intent: 'create' }) },
		'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/calendar.tsx', method: 'POST', what: 'revoke own calendar link', setup: ownCalendarLink,
		form: () => ({ intent: 'revoke' }) },                                                        'login ok    ok    ok    ok    ok    ok'),
	r({ route: 'routes/settings/calendar.tsx', method: 'POST', what: 'unknown intent', form: () => ({ intent: 'frobnicate' }) },
		'login 400   400   400   400   400   400'),
	r({ route: 'routes/vendors/deadlines.tsx', method: 'GET', what: 'deadlines this month', query: '?month=2026-12' },
		'login 404   ok    ok    ok    ok    ok'),
	// Vendor programs, curation: any member of a group (and site admins) proposes; curators (site
	// admins, every group's moderators) approve, edit and merge; a proposal is its author's and the
	// curators' (404 to others), an approved program 403 to non-curators. Every role and page is in
	// tests/integration/vendors-curation.test.ts.
	r({ route: 'routes/vendors/propose.tsx', method: 'GET', what: 'propose a program' },              'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/propose.tsx', method: 'POST', what: 'propose a program', form: programForm },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/propose.tsx', method: 'POST', what: 'propose a program with nothing filled in', form: () => ({}) },
		'login 404   400   400   400   400   400'),
	r({ route: 'routes/vendors/proposals.tsx', method: 'GET', what: 'proposals' },                    'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/proposals.tsx', method: 'POST', what: 'approve Bob’s proposal', setup: freshProgram('proposed', 'bob'),
		form: (c) => ({ intent: 'approve', programId: made('programId')(c) }) },                  'login 404   404   404   ok    ok    ok'),
	r({ route: 'routes/vendors/proposals.tsx', method: 'POST', what: 'approve own proposal', setup: freshProgram('proposed', 'own'),
		form: (c) => ({ intent: 'approve', programId: made('programId')(c) }) },                  'login 404   403   403   ok    ok    ok'),
	r({ route: 'routes/vendors/edit-program.tsx', method: 'GET', what: 'edit an approved program', params: worldProgram },
		'login 404   403   403   ok    ok    ok'),
	r({ route: 'routes/vendors/edit-program.tsx', method: 'GET', what: 'edit Alice’s proposal', params: alicesProposal },
		'login 404   404   404   ok    ok    ok'),
	r({ route: 'routes/vendors/edit-program.tsx', method: 'GET', what: 'edit own proposal', setup: freshProgram('proposed', 'own'), params: madeProgram },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/edit-program.tsx', method: 'POST', what: 'save an approved program', setup: freshProgram('approved', 'bob'), params: madeProgram,
		form: programForm },                                                                         'login 404   403   403   ok    ok    ok'),
	r({ route: 'routes/vendors/edit-program.tsx', method: 'POST', what: 'approve Bob’s proposal', setup: freshProgram('proposed', 'bob'), params: madeProgram,
		form: () => ({ intent: 'approve' }) },                                                      'login 404   404   404   ok    ok    ok'),
	r({ route: 'routes/vendors/merge.tsx', method: 'GET', what: 'merge an approved program', params: worldProgram },
		'login 404   403   403   ok    ok    ok'),
	r({ route: 'routes/vendors/merge.tsx', method: 'POST', what: 'merge a duplicate into the approved program', setup: freshProgram('approved', 'bob'), params: madeProgram,
		form: ({ world }) => ({ intoId: world.vendors.programId, confirm: 'on' }) },               'login 404   403   403   ok    ok    ok'),
	r({ route: 'routes/vendors/discussion.ts', method: 'POST', what: 'start an approved program’s discussion', setup: freshProgram('approved', 'bob'), params: madeProgram },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/discussion.ts', method: 'POST', what: 'start the discussion of Alice’s proposal', params: alicesProposal },
		'login 404   404   404   400   400   400'),
	// Vendor programs: the community's catalogue (members of any group, site admins); a proposal is
	// its author's and the curators' (moderators, site admins); rating needs a group. Every role and
	// page is in tests/integration/vendors-pages.test.ts.
	r({ route: 'routes/vendors/programs.tsx', method: 'GET', what: 'the catalogue' },                  'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/vendor.tsx', method: 'GET', what: 'a vendor', params: ({ world }) => ({ vendorId: world.vendors.vendorId }) },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/program.tsx', method: 'GET', what: 'an approved program', params: vendorProgram },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/program.tsx', method: 'GET', what: 'Alice’s proposal', params: vendorProposal },
		'login 404   404   404   ok    ok    ok'),
	r({ route: 'routes/vendors/program.tsx', method: 'POST', what: 'mark Alice’s shared rating helpful', params: vendorProgram, setup: programRatingBy('alice'),
		form: (c) => ({ intent: 'helpful', ratingId: made('ratingId')(c), helpful: '1' }) },          'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/program.tsx', method: 'POST', what: 'mark Bob’s group-only rating helpful', params: vendorProgram, setup: programRatingBy('bob'),
		form: (c) => ({ intent: 'helpful', ratingId: made('ratingId')(c), helpful: '1' }) },          'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/vendors/rate.tsx', method: 'GET', what: 'rate an approved program', params: vendorProgram },
		'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/rate.tsx', method: 'GET', what: 'rate Alice’s proposal', params: vendorProposal },
		'login 404   404   404   ok    ok    ok'),
	r({ route: 'routes/vendors/rate.tsx', method: 'POST', what: 'rate an approved program', params: vendorProgram,
		form: () => ({ overall: '4', wouldRecommend: 'yes' }) },                                      'login 404   ok    ok    ok    ok    400'),
	r({ route: 'routes/vendors/rate.tsx', method: 'POST', what: 'rate Alice’s proposal', params: vendorProposal,
		form: () => ({ overall: '4', wouldRecommend: 'yes' }) },                                      'login 404   404   404   400   400   400'),
	r({ route: 'routes/not-found.tsx', method: 'GET', what: 'unknown page' },                     '404   404   404   404   404   404   404'),
	r({ route: 'routes/not-found.tsx', method: 'POST', what: 'post to an unknown page' },         '404   404   404   404   404   404   404'),

	// Flags (app/modules/moderation/flags.server.ts): whoever reads an item flags it, not its author;
	// group A's queue is its moderators' and the site admins'; the community forum's, the site admins'.
	r({ route: 'routes/moderation/flag.tsx', method: 'GET', what: 'flag page for Bob’s reply in group A',
		query: (c) => `?kind=post&id=${c.world.groupThread.bobReplyId}` },                          'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/moderation/flag.tsx', method: 'GET', what: 'flag page for a community reply',
		query: (c) => `?kind=post&id=${c.world.communityThread.replyId}` },                        'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/moderation/flag.tsx', method: 'GET', what: 'flag page for the hidden thread',
		query: (c) => `?kind=thread&id=${c.world.hiddenThread.id}` },                               'login 404   404   404   ok    404   404'),
	r({ route: 'routes/moderation/flag.tsx', method: 'GET', what: 'flag page for nothing', query: '?kind=post&id=nope' },
		'login 404   404   404   404   404   404'),
	r({ route: 'routes/moderation/flag.tsx', method: 'POST', what: 'flag Alice’s reply', setup: alicesReply,
		form: (c) => ({ kind: 'post', id: made('postId')(c), reason: 'spam' }) },                  'login 404   404   ok    ok    404   404'),
	r({ route: 'routes/moderation/flag.tsx', method: 'POST', what: 'flag own reply', setup: ownReply,
		form: (c) => ({ kind: 'post', id: made('postId')(c), reason: 'spam' }) },                  'login 404   404   400   400   404   404'),
	r({ route: 'routes/moderation/flag.tsx', method: 'POST', what: 'flag Alice’s reply as “other” without a note', setup: alicesReply,
		form: (c) => ({ kind: 'post', id: made('postId')(c), reason: 'other' }) },                 'login 400   400   400   400   400   400'),
	r({ route: 'routes/vendors/flag-review.ts', method: 'POST', what: 'flag a community review', setup: reviewInGroupA('community'),
		params: reviewParams, form: () => ({ reason: 'inappropriate' }) },                        'login 404   ok    ok    ok    ok    ok'),
	r({ route: 'routes/vendors/flag-review.ts', method: 'POST', what: 'flag a group A-only review', setup: reviewInGroupA('group'),
		params: reviewParams, form: () => ({ reason: 'inappropriate' }) },                        'login 404   404   ok    ok    404   404'),
	r({ route: 'group-flags', method: 'GET', what: 'group A’s flag queue' },                       'login 404   404   403   ok    404   ok'),
	r({ route: 'group-flags', method: 'POST', what: 'hide a flagged reply', setup: flaggedReply('group'),
		form: (c) => ({ intent: 'hide', kind: 'post', id: made('postId')(c), reason: 'Names a client' }) }, 'login 404   404   403   ok    404   ok'),
	r({ route: 'group-flags', method: 'POST', what: 'hide a flagged reply without a reason', setup: flaggedReply('group'),
		form: (c) => ({ intent: 'hide', kind: 'post', id: made('postId')(c) }) },                  'login 404   404   403   400   404   400'),
	r({ route: 'group-flags', method: 'POST', what: 'dismiss the flags on a reply', setup: flaggedReply('group'),
		form: (c) => ({ intent: 'dismiss', kind: 'post', id: made('postId')(c), note: 'Fine as it is' }) }, 'login 404   404   403   ok    404   ok'),
	r({ route: 'group-flags', method: 'POST', what: 'dismiss a community item through group A’s queue', setup: flaggedReply('community'),
		form: (c) => ({ intent: 'dismiss', kind: 'post', id: made('postId')(c) }) },               'login 404   404   403   404   404   404'),
	r({ route: 'group-flags', method: 'POST', what: 'set the flag threshold',
		form: () => ({ intent: 'threshold', threshold: String((thresholdTurn++ % 49) + 1) }) },     'login 404   404   403   ok    404   ok'),
	r({ route: 'community-flags', method: 'GET', what: 'the community forum’s flag queue' },        'login 404   403   403   403   403   ok'),
	r({ route: 'community-flags', method: 'POST', what: 'dismiss the flags on a community reply', setup: flaggedReply('community'),
		form: (c) => ({ intent: 'dismiss', kind: 'post', id: made('postId')(c) }) },               'login 404   403   403   403   403   ok'),
	r({ route: 'community-flags', method: 'POST', what: 'set a threshold for the community forum',
		form: () => ({ intent: 'threshold', threshold: '4' }) },                                   'login 404   403   403   403   403   400'),
]

// Socket events. Joining a room is checked like the pages; a signed-out socket never connects.
// Answers: ok (joined), 404 (refused as not found), refused (no connection at all), and for
// events that only act on rooms already joined: relayed / dropped (typing) or harmless (leave).
export const SOCKET_OUTCOMES = ['ok', '404', 'refused', 'relayed', 'dropped', 'harmless'] as const
export type SocketOutcome = (typeof SOCKET_OUTCOMES)[number]

export type SocketCase = {
	event: string
	room: string
	payload: (world: World) => Record<string, string>
	expect: Record<Role, SocketOutcome>
}

function socketRoles(answers: string): Record<Role, SocketOutcome> {
	const parts = answers.trim().split(/\s+/)
	if (parts.length !== ROLES.length) throw new Error(`"${answers}" has ${parts.length} answers for ${ROLES.length} roles`)
	for (const part of parts) if (!(SOCKET_OUTCOMES as readonly string[]).includes(part)) throw new Error(`unknown answer "${part}"`)
	return Object.fromEntries(ROLES.map((role, i) => [role, parts[i] as SocketOutcome])) as Record<Role, SocketOutcome>
}
const s = (event: string, room: string, payload: SocketCase['payload'], answers: string): SocketCase => ({ event, room, payload, expect: socketRoles(answers) })

//                                                                                              anon    outs    othM    mem     mod     othMod  admin
// prettier-ignore
export const SOCKET_CASES: SocketCase[] = [
	s('presence:join', 'group A presence', (w) => ({ groupId: w.group.id }),                      'refused 404     404     ok      ok      404     404'),
	s('presence:leave', 'group A presence', (w) => ({ groupId: w.group.id }),                     'refused harmless harmless harmless harmless harmless harmless'),
	s('forum:join', 'group A forum', (w) => ({ forumId: w.group.forumId }),                       'refused 404     404     ok      ok      404     404'),
	s('forum:leave', 'group A forum', (w) => ({ forumId: w.group.forumId }),                      'refused harmless harmless harmless harmless harmless harmless'),
	s('thread:join', 'group thread', (w) => ({ threadId: w.groupThread.id }),                    'refused 404     404     ok      ok      404     404'),
	s('thread:leave', 'group thread', (w) => ({ threadId: w.groupThread.id }),                   'refused harmless harmless harmless harmless harmless harmless'),
	// Typing after trying to join: relayed to the thread's readers only from a socket allowed in.
	s('thread:typing', 'group thread', (w) => ({ threadId: w.groupThread.id }),                  'refused dropped dropped relayed relayed dropped dropped'),
	s('thread:typing', 'hidden thread', (w) => ({ threadId: w.hiddenThread.id }),                'refused dropped dropped dropped relayed dropped dropped'),
	// Alice's plan: its owner and her accepted buddies only (tests/integration/buddies.test.ts joins as those).
	s('plan:join', 'Alice’s plan', (w) => ({ planId: w.plan.id }),                              'refused 404     404     404     404     404     404'),
	s('plan:leave', 'Alice’s plan', (w) => ({ planId: w.plan.id }),                             'refused harmless harmless harmless harmless harmless harmless'),
	// Group A's review cycle: its completion view is for the group's moderators; its meeting for the whole group.
	s('review-cycle:join', 'group A’s cycle', (w) => ({ cycleId: w.cycle.id }),                  'refused 404     404     404     ok      404     404'),
	s('review-cycle:leave', 'group A’s cycle', (w) => ({ cycleId: w.cycle.id }),                 'refused harmless harmless harmless harmless harmless harmless'),
	s('meeting:join', 'group A’s meeting', (w) => ({ meetingId: w.cycle.meetingId }),            'refused 404     404     ok      ok      404     404'),
	s('meeting:leave', 'group A’s meeting', (w) => ({ meetingId: w.cycle.meetingId }),           'refused harmless harmless harmless harmless harmless harmless'),
	// A vendor program: the community's (members of any group, site admins); Alice's proposal: hers and the curators' (moderators, site admins).
	s('program:join', 'approved program', (w) => ({ programId: w.vendors.programId }),         'refused 404     ok      ok      ok      ok      ok'),
	s('program:join', 'Alice’s proposal', (w) => ({ programId: w.vendors.proposalId }),       'refused 404     404     404     ok      ok      ok'),
	s('program:leave', 'approved program', (w) => ({ programId: w.vendors.programId }),        'refused harmless harmless harmless harmless harmless harmless'),
]
