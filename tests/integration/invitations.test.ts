import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import {
	action as invitationsAction,
	loader as invitationsLoader,
} from '#app/routes/groups/invitations.tsx'
import { action as loginAction } from '#app/routes/auth/login.tsx'
import { action as inviteAction, loader as inviteLoader } from '#app/routes/invite.tsx'
import { db } from '#app/utils/db.server.ts'
import {
	createGroupWith,
	createTestContext,
	createUser,
	dataOf,
	makeRequest,
	runRoute,
	sessionCookieFor,
	settle,
	statusOf,
	TEST_PASSWORD,
} from '#tests/helpers.ts'

async function signedIn() {
	const user = await createUser()
	return { user, cookie: await sessionCookieFor(user.id) }
}

/** A group with a signed-in moderator, who creates invitation links the way the page does. */
async function groupWithModerator() {
	const moderator = await signedIn()
	const group = await createGroupWith({ moderator: moderator.user })
	const createLink = async (options: { singleUse: boolean; expiresInDays?: number; note?: string }) => {
		const form: Record<string, string> = {
			intent: 'create',
			expiresInDays: String(options.expiresInDays ?? 7),
			...(options.note === undefined ? {} : { note: options.note }),
		}
		if (options.singleUse) form.singleUse = 'on'
		const result = await settle(
			runRoute(invitationsAction, {
				request: makeRequest(`/g/${group.slug}/invitations`, { cookie: moderator.cookie, form }),
				params: { slug: group.slug },
			}),
		)
		const { link } = dataOf<{ link: string }>(result)
		expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/[a-z2-7]{32}$/)
		return link.split('/').pop()!
	}
	return { moderator, group, createLink }
}

function openInvite(token: string, cookie?: string) {
	return settle(
		runRoute(inviteLoader, {
			request: makeRequest(`/invite/${token}`, { cookie }),
			params: { token },
		}),
	)
}

function acceptInvite(token: string, cookie?: string) {
	return settle(
		runRoute(inviteAction, {
			request: makeRequest(`/invite/${token}`, { cookie, form: {} }),
			params: { token },
		}),
	)
}

function membershipOf(userId: string, groupId: string) {
	return db.membership.findUnique({ where: { userId_groupId: { userId, groupId } } })
}

type InviteState =
	| { state: 'active'; signedIn: boolean; group: { name: string } }
	| { state: 'invalid'; status: string }

describe('invitation links', () => {
	test('the database keeps only the hash of the link’s token', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })
		const [invitation] = await db.invitation.findMany({ where: { groupId: group.id } })
		expect(invitation?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
		expect(JSON.stringify(invitation)).not.toContain(token)
	})

	test('a signed-in user who opens a link sees the group and joins it as a member', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })
		const invitee = await signedIn()

		const page = dataOf<InviteState>(await openInvite(token, invitee.cookie))
		expect(page).toMatchObject({ state: 'active', signedIn: true, group: { name: group.name } })

		const result = await acceptInvite(token, invitee.cookie)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(`/g/${group.slug}/forum`)
		expect((await membershipOf(invitee.user.id, group.id))?.role).toBe('member')
	})

	test('an anonymous visitor sees the invitation and is sent to log in to accept it', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })

		expect(dataOf<InviteState>(await openInvite(token))).toMatchObject({
			state: 'active',
			signedIn: false,
		})
		const result = await acceptInvite(token)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(
			`/login?${new URLSearchParams({ redirectTo: `/invite/${token}` })}`,
		)
		expect(await db.membership.count({ where: { groupId: group.id } })).toBe(1)
		expect((await db.invitation.findFirstOrThrow({ where: { groupId: group.id } })).useCount).toBe(
			0,
		)
	})

	test('an expired link says so, shows no group, and does not let anyone join', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: false })
		await db.invitation.updateMany({
			where: { groupId: group.id },
			data: { expiresAt: new Date(Date.now() - 1000) },
		})
		const invitee = await signedIn()

		const page = dataOf<InviteState>(await openInvite(token, invitee.cookie))
		expect(page).toEqual({ state: 'invalid', status: 'expired' })
		const result = await acceptInvite(token, invitee.cookie)
		expect((result as Response).headers.get('location')).toBe(`/invite/${token}`)
		expect(await membershipOf(invitee.user.id, group.id)).toBeNull()
	})

	test('a revoked link says so and does not let anyone join', async () => {
		const { moderator, group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: false })
		const invitation = await db.invitation.findFirstOrThrow({ where: { groupId: group.id } })
		const revoked = await settle(
			runRoute(invitationsAction, {
				request: makeRequest(`/g/${group.slug}/invitations`, {
					cookie: moderator.cookie,
					form: { intent: 'revoke', invitationId: invitation.id },
				}),
				params: { slug: group.slug },
			}),
		)
		expect(statusOf(revoked)).toBe(302)
		const invitee = await signedIn()

		expect(dataOf<InviteState>(await openInvite(token, invitee.cookie))).toEqual({
			state: 'invalid',
			status: 'revoked',
		})
		await acceptInvite(token, invitee.cookie)
		expect(await membershipOf(invitee.user.id, group.id)).toBeNull()
	})

	test('a single-use link that was used says so and lets no one else join', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })
		const first = await signedIn()
		const second = await signedIn()
		await acceptInvite(token, first.cookie)

		expect(dataOf<InviteState>(await openInvite(token, second.cookie))).toEqual({
			state: 'invalid',
			status: 'used',
		})
		const result = await acceptInvite(token, second.cookie)
		expect((result as Response).headers.get('location')).toBe(`/invite/${token}`)
		expect(await membershipOf(first.user.id, group.id)).not.toBeNull()
		expect(await membershipOf(second.user.id, group.id)).toBeNull()
	})

	test('a link that does not exist says so', async () => {
		const invitee = await signedIn()
		const token = 'a'.repeat(32)
		expect(dataOf<InviteState>(await openInvite(token, invitee.cookie))).toEqual({
			state: 'invalid',
			status: 'missing',
		})
		expect(statusOf(await acceptInvite(token, invitee.cookie))).toBe(302)
		expect(await db.membership.count({ where: { userId: invitee.user.id } })).toBe(0)
	})

	test('a multi-use link lets several people join', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: false })
		const invitees = [await signedIn(), await signedIn(), await signedIn()]
		for (const invitee of invitees) await acceptInvite(token, invitee.cookie)

		for (const invitee of invitees)
			expect((await membershipOf(invitee.user.id, group.id))?.role).toBe('member')
		expect((await db.invitation.findFirstOrThrow({ where: { groupId: group.id } })).useCount).toBe(
			3,
		)
		expect(dataOf<InviteState>(await openInvite(token))).toMatchObject({ state: 'active' })
	})

	test('two people racing for one single-use link: exactly one joins', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })
		const [alice, bob] = [await signedIn(), await signedIn()]

		const results = await Promise.all([
			acceptInvite(token, alice.cookie),
			acceptInvite(token, bob.cookie),
		])
		const locations = results.map((result) => (result as Response).headers.get('location'))
		expect(locations.filter((location) => location === `/g/${group.slug}/forum`)).toHaveLength(1)
		expect(locations.filter((location) => location === `/invite/${token}`)).toHaveLength(1)
		const joined = await db.membership.count({
			where: { groupId: group.id, userId: { in: [alice.user.id, bob.user.id] } },
		})
		expect(joined).toBe(1)
		expect((await db.invitation.findFirstOrThrow({ where: { groupId: group.id } })).useCount).toBe(
			1,
		)
	})

	test('a member who opens a link again stays a member and uses nothing up', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })
		const member = await signedIn()
		await db.membership.create({
			data: { userId: member.user.id, groupId: group.id, role: 'member' },
		})

		const result = await acceptInvite(token, member.cookie)
		expect((result as Response).headers.get('location')).toBe(`/g/${group.slug}/forum`)
		expect((await db.invitation.findFirstOrThrow({ where: { groupId: group.id } })).useCount).toBe(
			0,
		)
	})

	test('the moderator’s list shows each link’s state', async () => {
		const { moderator, group, createLink } = await groupWithModerator()
		const used = await createLink({ singleUse: true })
		await createLink({ singleUse: false })
		await acceptInvite(used, (await signedIn()).cookie)
		const result = await runRoute(invitationsLoader, {
			request: makeRequest(`/g/${group.slug}/invitations`, { cookie: moderator.cookie }),
			params: { slug: group.slug },
		})
		const { invitations } = dataOf<{ invitations: Array<{ status: string; singleUse: boolean }> }>(
			result,
		)
		expect(invitations.map((i) => [i.singleUse, i.status]).sort()).toEqual([
			[false, 'active'],
			[true, 'used'],
		])
	})

	test('each link shows whom it was made for; a note over the limit is refused and makes no link', async () => {
		const { moderator, group, createLink } = await groupWithModerator()
		await createLink({ singleUse: true, note: '  Dana Reyes, Northwind IT ' })
		const tooLong = await settle(
			runRoute(invitationsAction, {
				request: makeRequest(`/g/${group.slug}/invitations`, {
					cookie: moderator.cookie,
					form: { intent: 'create', expiresInDays: '7', note: 'x'.repeat(101) },
				}),
				params: { slug: group.slug },
			}),
		)
		expect(statusOf(tooLong)).toBe(400)
		expect(JSON.stringify(dataOf(tooLong))).toContain('Keep the note under 100 characters')
		const result = await runRoute(invitationsLoader, {
			request: makeRequest(`/g/${group.slug}/invitations`, { cookie: moderator.cookie }),
			params: { slug: group.slug },
		})
		const { invitations } = dataOf<{ invitations: Array<{ note: string }> }>(result)
		expect(invitations.map((i) => i.note)).toEqual(['Dana Reyes, Northwind IT'])
	})

	test('logging in from an invitation joins the group in the same step and opens its forum', async () => {
		const { group, createLink } = await groupWithModerator()
		const token = await createLink({ singleUse: true })
		const invitee = await createUser()
		const login = (redirectTo: string) =>
			settle(
				runRoute(loginAction, {
					request: makeRequest('/login', { form: { email: invitee.email, password: TEST_PASSWORD, redirectTo } }),
					params: {},
					context: createTestContext({ clientIp: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` }),
				}),
			)
		const result = await login(`/invite/${token}`)
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('location')).toBe(`/g/${group.slug}/forum`)
		expect((await membershipOf(invitee.id, group.id))?.role).toBe('member')
		expect((await db.invitation.findFirstOrThrow({ where: { groupId: group.id } })).useCount).toBe(1)

		// A used-up link sends the next person back to the invitation page, which says why.
		const other = await createUser()
		const again = await settle(
			runRoute(loginAction, {
				request: makeRequest('/login', { form: { email: other.email, password: TEST_PASSWORD, redirectTo: `/invite/${token}` } }),
				params: {},
				context: createTestContext({ clientIp: '10.9.251.1' }),
			}),
		)
		expect((again as Response).headers.get('location')).toBe(`/invite/${token}`)
		expect(await membershipOf(other.id, group.id)).toBeNull()
	})
})
