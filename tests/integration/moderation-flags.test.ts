// Flags: members flag what they read, a group's threshold hides an item until reviewed, the
// moderators' queue lists flagged items oldest first, and a decision (hide or dismiss) resolves
// every flag of the item, is audited, and is told to the reporters and the author.
import { describe, expect, test } from 'vitest'
import { FLAG_HIDDEN_REASON } from '#app/modules/moderation/flag-schemas.ts'
import { FLAGS_PER_HOUR } from '#app/modules/moderation/flags.server.ts'
import { MODERATION_FLAG, MODERATION_POST } from '#app/modules/moderation/constants.ts'
import { listNotifications } from '#app/modules/notifications/notifications.server.ts'
import { readableRatingsWhere } from '#app/modules/vendors/access.server.ts'
import { action as flagAction, loader as flagLoader } from '#app/routes/moderation/flag.tsx'
import { action as queueAction, loader as queueLoader } from '#app/routes/moderation/flags.tsx'
import { action as reviewFlagAction } from '#app/routes/vendors/flag-review.ts'
import { db } from '#app/utils/db.server.ts'
import { dataOf, statusOf } from '#tests/helpers.ts'
import {
	callRoute,
	forumWorld,
	openThread,
	person,
	reply,
	startThread,
	type Person,
} from '#tests/forum-helpers.ts'
import { addPost } from '#tests/world.ts'

type World = Awaited<ReturnType<typeof forumWorld>>
type Refusal = { errors: Record<string, string[]> }
type Queue = Exclude<Awaited<ReturnType<typeof queueLoader>>, Response>

const flag = (who: Person | null, form: Record<string, string>) =>
	callRoute(flagAction, '/flag', {}, { as: who ?? undefined, form })
const queueOf = (who: Person | null, slug?: string) =>
	callRoute(queueLoader, slug ? `/g/${slug}/flags` : '/community/flags', slug ? { slug } : {}, {
		as: who ?? undefined,
	})
const decide = (who: Person | null, slug: string | undefined, form: Record<string, string>) =>
	callRoute(queueAction, slug ? `/g/${slug}/flags` : '/community/flags', slug ? { slug } : {}, {
		as: who ?? undefined,
		form,
	})

async function queue(who: Person, slug?: string): Promise<Queue> {
	const result = await queueOf(who, slug)
	expect(statusOf(result)).toBe(200)
	return dataOf<Queue>(result)
}

/** A thread by Alice in the group with a reply by Bob: the reply is what is flagged. */
async function bobsReply(w: World) {
	const threadId = await startThread(w.alice, w.group, { title: 'Margins in the slow months' })
	await reply(w.bob, threadId, 'Our biggest client, Contoso, pays us late.')
	const post = await db.post.findUniqueOrThrow({
		where: { threadId_number: { threadId, number: 2 } },
		select: { id: true },
	})
	return { threadId, postId: post.id }
}

/** More members of the group, to flag. */
async function members(w: World, count: number): Promise<Person[]> {
	const people: Person[] = []
	for (let i = 0; i < count; i++) {
		const someone = await person({ name: `Flagger ${i + 1}` })
		await db.membership.create({ data: { userId: someone.id, groupId: w.group.id } })
		people.push(someone)
	}
	return people
}

const flagsOn = (subjectId: string) =>
	db.flag.findMany({ where: { subjectId }, orderBy: { createdAt: 'asc' } })
const postState = (id: string) =>
	db.post.findUniqueOrThrow({
		where: { id },
		select: { hiddenAt: true, hiddenById: true, hiddenReason: true },
	})

describe('flagging', () => {
	test('a reason is required, a note for “other”, within its length; nothing is saved otherwise', async () => {
		const w = await forumWorld()
		const { postId } = await bobsReply(w)
		const cases: Array<[Record<string, string>, string]> = [
			[{ kind: 'post', id: postId }, 'reason'],
			[{ kind: 'post', id: postId, reason: 'rude' }, 'reason'],
			[{ kind: 'post', id: postId, reason: 'other' }, 'note'],
			[{ kind: 'post', id: postId, reason: 'other', note: '   ' }, 'note'],
			[{ kind: 'post', id: postId, reason: 'spam', note: 'x'.repeat(501) }, 'note'],
		]
		for (const [form, field] of cases) {
			const refused = await flag(w.alice, form)
			expect(statusOf(refused)).toBe(400)
			expect(dataOf<Refusal>(refused).errors[field]?.[0]).toBeTruthy()
		}
		expect(await flagsOn(postId)).toHaveLength(0)
		expect(
			statusOf(
				await flag(w.alice, { kind: 'post', id: postId, reason: 'other', note: 'Names a client' }),
			),
		).toBe(302)
		expect(await flagsOn(postId)).toMatchObject([
			{ reason: 'other', note: 'Names a client', status: 'open', groupId: w.group.id },
		])
	}, 60_000)

	test('the same member cannot flag an item twice: a message, not an error page', async () => {
		const w = await forumWorld()
		const { postId } = await bobsReply(w)
		expect(statusOf(await flag(w.alice, { kind: 'post', id: postId, reason: 'spam' }))).toBe(302)
		const again = await flag(w.alice, { kind: 'post', id: postId, reason: 'off_topic' })
		expect(statusOf(again)).toBe(409)
		expect(dataOf<Refusal>(again).errors.form).toEqual([
			'You have already flagged this post; the moderators have it.',
		])
		expect(await flagsOn(postId)).toHaveLength(1)
		// The flag page shows the earlier flag instead of the form.
		const page = dataOf<{ flag: { status: string } | null }>(
			await callRoute(flagLoader, `/flag?kind=post&id=${postId}`, {}, { as: w.alice }),
		)
		expect(page.flag).toMatchObject({ status: 'waiting for a moderator' })
	})

	test(`at most ${FLAGS_PER_HOUR} flags an hour per member`, async () => {
		const w = await forumWorld()
		const { threadId } = await bobsReply(w)
		const posts = []
		for (let i = 0; i <= FLAGS_PER_HOUR; i++)
			posts.push(await addPost(threadId, w.bob.id, `Reply ${i}`))
		for (const post of posts.slice(0, FLAGS_PER_HOUR))
			expect(statusOf(await flag(w.alice, { kind: 'post', id: post.id, reason: 'spam' }))).toBe(302)
		const flood = await flag(w.alice, {
			kind: 'post',
			id: posts[FLAGS_PER_HOUR]!.id,
			reason: 'spam',
		})
		expect(statusOf(flood)).toBe(429)
		expect(dataOf<Refusal>(flood).errors.form![0]).toContain(
			`at most ${FLAGS_PER_HOUR} items an hour`,
		)
		expect(await db.flag.count({ where: { reporterId: w.alice.id } })).toBe(FLAGS_PER_HOUR)
		// An hour later the allowance is back.
		await db.flag.updateMany({
			where: { reporterId: w.alice.id },
			data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) },
		})
		expect(
			statusOf(
				await flag(w.alice, { kind: 'post', id: posts[FLAGS_PER_HOUR]!.id, reason: 'spam' }),
			),
		).toBe(302)
	})

	test('a member cannot flag their own post, nor what they cannot read', async () => {
		const w = await forumWorld()
		const { postId, threadId } = await bobsReply(w)
		const own = await flag(w.bob, { kind: 'post', id: postId, reason: 'spam' })
		expect(statusOf(own)).toBe(400)
		expect(dataOf<Refusal>(own).errors.form).toEqual(['You cannot flag your own post.'])
		// Another group's moderator, a site admin outside the group: as if it did not exist.
		expect(statusOf(await flag(w.outsider, { kind: 'post', id: postId, reason: 'spam' }))).toBe(404)
		expect(statusOf(await flag(w.admin, { kind: 'thread', id: threadId, reason: 'spam' }))).toBe(
			404,
		)
		expect(
			statusOf(await callRoute(flagLoader, `/flag?kind=post&id=${postId}`, {}, { as: w.outsider })),
		).toBe(404)
		expect(await flagsOn(postId)).toHaveLength(0)
	})
})

describe('the threshold', () => {
	test('hides an item once N distinct members flag it (3 by default), not before, until a moderator reviews it', async () => {
		const w = await forumWorld()
		const { postId, threadId } = await bobsReply(w)
		const [carol, dan] = await members(w, 2)
		await flag(w.alice, { kind: 'post', id: postId, reason: 'confidentiality' })
		await flag(carol!, { kind: 'post', id: postId, reason: 'confidentiality' })
		expect((await postState(postId)).hiddenAt).toBeNull()
		await flag(dan!, { kind: 'post', id: postId, reason: 'inappropriate' })
		expect(await postState(postId)).toMatchObject({
			hiddenById: null,
			hiddenReason: FLAG_HIDDEN_REASON,
		})
		expect((await postState(postId)).hiddenAt).not.toBeNull()
		// Members no longer see it; its author does, with the reason; so do the moderators.
		expect((await openThread(w.alice, threadId)).posts.map((p) => p.number)).toEqual([1])
		expect((await openThread(w.bob, threadId)).posts[1]).toMatchObject({
			hidden: true,
			hiddenReason: FLAG_HIDDEN_REASON,
		})
		expect((await openThread(w.moderator, threadId)).posts[1]).toMatchObject({ hidden: true })
		const told = await listNotifications(w.bob.id, 1)
		expect(told.rows.map((row) => row.link.note)).toContain(FLAG_HIDDEN_REASON)
	})

	test('follows the group’s own setting, which its moderators change on the queue page', async () => {
		const w = await forumWorld()
		const { postId } = await bobsReply(w)
		expect(
			statusOf(await decide(w.alice, w.group.slug, { intent: 'threshold', threshold: '1' })),
		).toBe(403)
		expect(
			statusOf(await decide(w.moderator, w.group.slug, { intent: 'threshold', threshold: '0' })),
		).toBe(400)
		expect(
			statusOf(await decide(w.moderator, w.group.slug, { intent: 'threshold', threshold: '2' })),
		).toBe(302)
		expect((await queue(w.moderator, w.group.slug)).threshold).toBe(2)
		const [carol] = await members(w, 1)
		await flag(w.alice, { kind: 'post', id: postId, reason: 'spam' })
		expect((await postState(postId)).hiddenAt).toBeNull()
		await flag(carol!, { kind: 'post', id: postId, reason: 'spam' })
		expect((await postState(postId)).hiddenAt).not.toBeNull()
	})
})

describe('the queue', () => {
	test('lists flagged items once each, oldest first, with counts and reasons; empty says so', async () => {
		const w = await forumWorld()
		expect(await queue(w.moderator, w.group.slug)).toMatchObject({ items: [], total: 0 })
		const first = await bobsReply(w)
		const second = await addPost(first.threadId, w.bob.id, 'Another one.')
		const [carol] = await members(w, 1)
		await flag(w.alice, { kind: 'post', id: second.id, reason: 'spam' })
		await flag(carol!, { kind: 'post', id: second.id, reason: 'other', note: 'An advert' })
		await flag(w.alice, { kind: 'post', id: first.postId, reason: 'confidentiality' })
		// The first reply's flag is the oldest.
		await db.flag.updateMany({
			where: { subjectId: first.postId },
			data: { createdAt: new Date(Date.now() - 60_000) },
		})
		const { items, total } = await queue(w.moderator, w.group.slug)
		expect(total).toBe(2)
		expect(items.map((item) => [item.id, item.count])).toEqual([
			[first.postId, 1],
			[second.id, 2],
		])
		expect(items[1]!.reasons).toEqual([
			{ reason: 'spam', label: 'Spam', count: 1 },
			{ reason: 'other', label: 'Other', count: 1 },
		])
		expect(items[1]!.flags.map((f) => [f.reporterName, f.note])).toEqual([
			['Alice Author', ''],
			['Flagger 1', 'An advert'],
		])
		expect(items[0]!.target).toMatchObject({
			href: `/t/${first.threadId}?post=2`,
			excerpt: 'Our biggest client, Contoso, pays us late.',
		})
		// The site admin reviews it too; the community's queue does not have it.
		expect((await queue(w.admin, w.group.slug)).total).toBe(2)
		expect((await queue(w.admin)).total).toBe(0)
	})

	test('a community post goes to the community forum’s moderators: the site admins', async () => {
		const w = await forumWorld()
		const threadId = await startThread(w.alice, 'community', {
			title: 'Hiring the first salesperson',
		})
		await reply(w.outsider, threadId, 'Call me, I sell recruiting.')
		const post = await db.post.findUniqueOrThrow({
			where: { threadId_number: { threadId, number: 2 } },
			select: { id: true },
		})
		expect(statusOf(await flag(w.alice, { kind: 'post', id: post.id, reason: 'spam' }))).toBe(302)
		expect(await flagsOn(post.id)).toMatchObject([{ groupId: null }])
		expect((await queue(w.admin)).items.map((item) => item.id)).toEqual([post.id])
		expect(statusOf(await queueOf(w.moderator))).toBe(403)
		expect(statusOf(await queueOf(w.loner))).toBe(404)
		expect(
			statusOf(
				await decide(w.admin, undefined, {
					intent: 'hide',
					kind: 'post',
					id: post.id,
					reason: 'Advertising',
				}),
			),
		).toBe(302)
		expect(await postState(post.id)).toMatchObject({
			hiddenById: w.admin.id,
			hiddenReason: 'Advertising',
		})
	})
})

describe('resolving', () => {
	test('hide: every flag resolved, the reason shown to the author and told to them, each reporter told, audited', async () => {
		const w = await forumWorld()
		const { postId, threadId } = await bobsReply(w)
		const [carol] = await members(w, 1)
		await flag(w.alice, { kind: 'post', id: postId, reason: 'confidentiality' })
		await flag(carol!, { kind: 'post', id: postId, reason: 'confidentiality' })
		expect(
			statusOf(
				await decide(w.moderator, w.group.slug, { intent: 'hide', kind: 'post', id: postId }),
			),
		).toBe(400)
		expect((await flagsOn(postId)).map((f) => f.status)).toEqual(['open', 'open'])

		expect(
			statusOf(
				await decide(w.moderator, w.group.slug, {
					intent: 'hide',
					kind: 'post',
					id: postId,
					reason: 'Names a client',
				}),
			),
		).toBe(302)
		expect(
			(await flagsOn(postId)).map((f) => [f.status, f.resolvedById, f.resolutionNote]),
		).toEqual([
			['hidden', w.moderator.id, 'Names a client'],
			['hidden', w.moderator.id, 'Names a client'],
		])
		expect(await postState(postId)).toMatchObject({
			hiddenById: w.moderator.id,
			hiddenReason: 'Names a client',
		})
		expect((await openThread(w.bob, threadId)).posts[1]).toMatchObject({
			hidden: true,
			hiddenReason: 'Names a client',
		})
		expect((await openThread(w.alice, threadId)).posts).toHaveLength(1)

		const authorTold = await db.notification.findMany({
			where: { userId: w.bob.id, subjectKind: MODERATION_POST },
		})
		expect(authorTold.map((n) => [n.type, n.actorId])).toEqual([['hidden', w.moderator.id]])
		expect((await listNotifications(w.bob.id, 1)).rows[0]!.link.note).toBe(
			'Hidden by a moderator: Names a client',
		)
		for (const reporter of [w.alice, carol!]) {
			const rows = (await listNotifications(reporter.id, 1)).rows.filter((row) =>
				row.type.startsWith('flag-'),
			)
			expect(rows.map((row) => [row.type, row.link.note])).toEqual([
				['flag-hidden', 'a moderator hid it'],
			])
		}
		// A reporter's notice is theirs alone.
		const carolsFlag = await db.notification.findFirstOrThrow({
			where: { userId: carol!.id, subjectKind: MODERATION_FLAG },
		})
		expect((await listNotifications(w.alice.id, 1)).rows.map((row) => row.id)).not.toContain(
			carolsFlag.id,
		)

		const audit = await db.auditEntry.findMany({ where: { targetId: postId } })
		expect(audit.map((a) => [a.action, a.actorId, a.reason, a.groupId])).toEqual([
			['flag.hide', w.moderator.id, 'Names a client', w.group.id],
		])
		expect((await queue(w.moderator, w.group.slug)).total).toBe(0)
		// Handled already: a second decision changes nothing.
		const again = await decide(w.moderator, w.group.slug, {
			intent: 'dismiss',
			kind: 'post',
			id: postId,
		})
		expect(statusOf(again)).toBe(409)
		expect((await postState(postId)).hiddenReason).toBe('Names a client')
	})

	test('dismiss: shows again what the threshold hid, resolves the flags, tells the reporters, audited', async () => {
		const w = await forumWorld()
		const { postId, threadId } = await bobsReply(w)
		const [carol, dan] = await members(w, 2)
		for (const who of [w.alice, carol!, dan!])
			await flag(who, { kind: 'post', id: postId, reason: 'off_topic' })
		expect((await postState(postId)).hiddenAt).not.toBeNull()
		expect(
			statusOf(
				await decide(w.moderator, w.group.slug, {
					intent: 'dismiss',
					kind: 'post',
					id: postId,
					note: 'On topic enough',
				}),
			),
		).toBe(302)
		expect(await postState(postId)).toMatchObject({
			hiddenAt: null,
			hiddenById: null,
			hiddenReason: null,
		})
		expect((await openThread(w.alice, threadId)).posts.map((p) => p.number)).toEqual([1, 2])
		expect(
			(await flagsOn(postId)).every(
				(f) => f.status === 'dismissed' && f.resolutionNote === 'On topic enough',
			),
		).toBe(true)
		for (const reporter of [w.alice, carol!, dan!]) {
			const rows = (await listNotifications(reporter.id, 1)).rows.filter((row) =>
				row.type.startsWith('flag-'),
			)
			expect(rows.map((row) => row.type)).toEqual(['flag-dismissed'])
		}
		expect(
			(await db.auditEntry.findMany({ where: { targetId: postId } })).map((a) => a.action),
		).toEqual(['flag.dismiss'])
	})

	test('dismiss leaves up a moderator’s own earlier hide', async () => {
		const w = await forumWorld()
		const { postId } = await bobsReply(w)
		await flag(w.alice, { kind: 'post', id: postId, reason: 'spam' })
		await db.post.update({
			where: { id: postId },
			data: { hiddenAt: new Date(), hiddenById: w.moderator.id, hiddenReason: 'Earlier' },
		})
		expect(
			statusOf(
				await decide(w.moderator, w.group.slug, { intent: 'dismiss', kind: 'post', id: postId }),
			),
		).toBe(302)
		expect(await postState(postId)).toMatchObject({
			hiddenById: w.moderator.id,
			hiddenReason: 'Earlier',
		})
	})

	test('who may see the queue and decide: refusals change nothing', async () => {
		const w = await forumWorld()
		const { postId } = await bobsReply(w)
		await flag(w.alice, { kind: 'post', id: postId, reason: 'spam' })
		// Olga ("outsider" here) moderates another group.
		const roles: Array<[string, Person | null, number, number]> = [
			['anonymous', null, 302, 302],
			['member of this group', w.alice, 403, 403],
			['moderator of another group', w.outsider, 404, 404],
		]
		for (const [, who, page, action] of roles) {
			const seen = await queueOf(who, w.group.slug)
			expect(statusOf(seen)).toBe(page)
			if (page === 302) expect((seen as Response).headers.get('location')).toMatch(/^\/login/)
			for (const intent of ['hide', 'dismiss']) {
				expect(
					statusOf(
						await decide(who, w.group.slug, { intent, kind: 'post', id: postId, reason: 'No' }),
					),
				).toBe(action)
			}
		}
		expect((await flagsOn(postId)).map((f) => f.status)).toEqual(['open'])
		expect((await postState(postId)).hiddenAt).toBeNull()
		expect(await db.auditEntry.count({ where: { targetId: postId } })).toBe(0)

		expect(statusOf(await queueOf(w.moderator, w.group.slug))).toBe(200)
		expect(statusOf(await queueOf(w.admin, w.group.slug))).toBe(200)
		expect(
			statusOf(
				await decide(w.admin, w.group.slug, { intent: 'dismiss', kind: 'post', id: postId }),
			),
		).toBe(302)
		expect((await flagsOn(postId)).map((f) => [f.status, f.resolvedById])).toEqual([
			['dismissed', w.admin.id],
		])
		const next = await bobsReply(w)
		await flag(w.alice, { kind: 'post', id: next.postId, reason: 'spam' })
		expect(
			statusOf(
				await decide(w.moderator, w.group.slug, {
					intent: 'hide',
					kind: 'post',
					id: next.postId,
					reason: 'Off-topic',
				}),
			),
		).toBe(302)
		expect((await flagsOn(next.postId)).map((f) => f.status)).toEqual(['hidden'])
	})
})

describe('program reviews', () => {
	test('a review is flagged at its address, reviewed by its group’s moderators, and hidden from other readers', async () => {
		const w = await forumWorld()
		const vendor = await db.vendor.create({
			data: { slug: `v-${Date.now()}`, name: 'Contoso' },
			select: { id: true },
		})
		const program = await db.vendorProgram.create({
			data: {
				vendorId: vendor.id,
				name: 'Flex funds',
				kind: 'marketing_funds',
				state: 'approved',
				proposedById: w.bob.id,
			},
			select: { id: true },
		})
		const rating = await db.programRating.create({
			data: {
				programId: program.id,
				memberId: w.bob.id,
				groupId: w.group.id,
				overall: 2,
				wouldRecommend: false,
				review: 'They never paid.',
			},
			select: { id: true },
		})
		const path = `/programs/${program.id}/reviews/${rating.id}/flag`
		const params = { programId: program.id, ratingId: rating.id }
		expect(
			statusOf(
				await callRoute(reviewFlagAction, path, params, { as: w.bob, form: { reason: 'spam' } }),
			),
		).toBe(400)
		expect(
			statusOf(
				await callRoute(reviewFlagAction, path, params, { as: w.alice, form: { reason: 'other' } }),
			),
		).toBe(400)
		expect(
			statusOf(
				await callRoute(
					reviewFlagAction,
					path,
					{ ...params, programId: 'nope' },
					{ as: w.alice, form: { reason: 'spam' } },
				),
			),
		).toBe(404)
		expect(
			statusOf(
				await callRoute(reviewFlagAction, path, params, {
					as: w.alice,
					form: { reason: 'inappropriate' },
				}),
			),
		).toBe(302)
		const { items } = await queue(w.moderator, w.group.slug)
		expect(items.map((item) => [item.kind, item.id, item.target?.label])).toEqual([
			['rating', rating.id, 'a review of Flex funds'],
		])
		expect(
			statusOf(
				await decide(w.moderator, w.group.slug, {
					intent: 'hide',
					kind: 'rating',
					id: rating.id,
					reason: 'Unverified claim',
				}),
			),
		).toBe(302)
		const readable = (viewer: { id: string }, groupIds: string[]) =>
			db.programRating.count({
				where: {
					id: rating.id,
					...readableRatingsWhere({ userId: viewer.id, groupIds, canCurate: false }),
				},
			})
		expect(await readable(w.alice, [w.group.id])).toBe(0)
		expect(await readable(w.bob, [w.group.id])).toBe(1)
		expect((await listNotifications(w.bob.id, 1)).rows.map((row) => row.link.note)).toEqual([
			'Hidden by a moderator: Unverified claim',
		])
	})
})
