// The vendor program pages served by the real server (the production build): the catalogue with
// its filters and sorts, a program's figures and reviews as each reader may see them (a group's
// private ratings stay in the group), merged programs leading on, proposals hidden, the rating form
// refusing bad input whole, and "helpful" votes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { saveRating } from '#app/modules/vendors/ratings.server.ts'
import { ratingSchema, type RatingInput } from '#app/modules/vendors/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { isoDay } from '#app/utils/iso-day.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import type { RunningServer } from '#server/index.ts'
import { createGroupWith, createUser, sessionCookieFor } from '#tests/helpers.ts'
import { send, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

let server: RunningServer
type Person = { id: string; isSiteAdmin: boolean; cookie: string }
let alice: Person, bob: Person, olga: Person, outsider: Person
const ids = {} as Record<
	'fabrikam' | 'litware' | 'ending' | 'training' | 'upcoming' | 'proposal' | 'merged',
	string
>
const tag = Math.random().toString(36).slice(2, 7)
const DAY = 24 * 60 * 60 * 1000

async function person(fields: {
	name: string
	company: string
	isSiteAdmin?: boolean
}): Promise<Person> {
	const user = await createUser(fields)
	return { id: user.id, isSiteAdmin: user.isSiteAdmin, cookie: await sessionCookieFor(user.id) }
}

const rating = (fields: Partial<RatingInput>): RatingInput =>
	ratingSchema().parse({ overall: 4, wouldRecommend: 'yes', ...fields })

beforeAll(async () => {
	server = await startTestServer()
	const curator = await person({ name: 'Cora Curator', company: 'PeerPower', isSiteAdmin: true })
	alice = await person({ name: 'Alice Rater', company: 'Alice IT' })
	bob = await person({ name: 'Bob Private', company: 'Bob Networks' })
	olga = await person({ name: 'Olga Other', company: 'Olga Systems' })
	outsider = await person({ name: 'Oscar Outside', company: 'Nowhere' })
	const mona = await createUser()
	const groupA = await createGroupWith({
		moderator: mona,
		members: [alice, bob],
		name: `Group A ${tag}`,
	})
	await createGroupWith({ moderator: await createUser(), members: [olga], name: `Group B ${tag}` })
	const fabrikam = await db.vendor.create({
		data: { slug: `fabrikam-${tag}`, name: `Fabrikam ${tag}` },
	})
	const litware = await db.vendor.create({
		data: { slug: `litware-${tag}`, name: `Litware ${tag}` },
	})
	ids.fabrikam = fabrikam.id
	ids.litware = litware.id
	const now = Date.now()
	const program = (data: Record<string, unknown>) =>
		db.vendorProgram.create({
			data: { state: 'approved', proposedById: curator.id, ...data } as never,
			select: { id: true },
		})
	ids.ending = (
		await program({
			vendorId: fabrikam.id,
			name: `Rebate Ending ${tag}`,
			kind: 'rebate',
			benefitAmount: 500,
			benefitCurrency: 'USD',
			enrollClosesOn: new Date(`${isoDay(new Date(now + 5 * DAY))}T00:00:00Z`),
			createdAt: new Date(now - 3 * DAY),
		})
	).id
	ids.training = (
		await program({
			vendorId: litware.id,
			name: `Training Always ${tag}`,
			kind: 'training',
			createdAt: new Date(now - 2 * DAY),
		})
	).id
	ids.upcoming = (
		await program({
			vendorId: fabrikam.id,
			name: `Promo Upcoming ${tag}`,
			kind: 'promotion',
			enrollOpensOn: new Date(`${isoDay(new Date(now + 30 * DAY))}T00:00:00Z`),
			createdAt: new Date(now - DAY),
		})
	).id
	ids.proposal = (
		await db.vendorProgram.create({
			data: {
				vendorId: fabrikam.id,
				name: `Proposal ${tag}`,
				kind: 'award',
				proposedById: alice.id,
			},
		})
	).id
	ids.merged = (
		await program({
			vendorId: fabrikam.id,
			name: `Duplicate ${tag}`,
			kind: 'rebate',
			state: 'merged',
			mergedIntoId: ids.ending,
		})
	).id
	// The ending rebate: Bob's rating for group A only, Olga's shared with the community.
	await saveRating(
		bob,
		ids.ending,
		rating({
			overall: 5,
			visibility: 'group',
			groupId: groupA.id,
			review: 'SECRET group-only words',
			amountClaimed: 1000,
			amountPaid: 1000,
			daysToPayout: 30,
		}),
		offlinePublisher,
	)
	await saveRating(
		olga,
		ids.ending,
		rating({ overall: 3, review: 'Olga shared review' }),
		offlinePublisher,
	)
	await saveRating(olga, ids.training, rating({ overall: 2 }), offlinePublisher)
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	await server?.close()
})

const get = (path: string, who: Person) =>
	send(`${server.url}${path}`, { headers: { cookie: who.cookie } })
const post = (path: string, who: Person, form: Record<string, string>) =>
	send(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			cookie: who.cookie,
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams(form).toString(),
	})

/** The names of this test's programs on a page, in the order shown. */
function shown(body: string): string[] {
	return [
		...body.matchAll(
			new RegExp(
				`>((?:Rebate Ending|Training Always|Promo Upcoming|Proposal|Duplicate) ${tag})<`,
				'g',
			),
		),
	].map((match) => match[1]!.replace(` ${tag}`, ''))
}

describe('the catalogue', () => {
	test('members see approved programs (and their own proposals); a person in no group gets 404', async () => {
		const page = await get('/programs', alice)
		expect(page.status).toBe(200)
		expect(page.body).toContain('<title>Vendor programs')
		expect(shown(page.body).sort()).toEqual([
			'Promo Upcoming',
			'Proposal',
			'Rebate Ending',
			'Training Always',
		])
		expect(page.body).toContain('Awaiting approval')
		expect(page.body).toContain('500 USD')
		expect(page.body).toMatch(/Ending soon, 5 days left/)
		expect(page.body).toMatch(/href="\/programs\/new"/)
		expect(page.body).toMatch(/href="\/programs"[^>]*>Programs</)
		expect(shown((await get('/programs', bob)).body)).not.toContain('Proposal')
		expect((await get('/programs', outsider)).status).toBe(404)
	})

	test('filters by vendor, kind, open now and ending soon', async () => {
		expect(shown((await get(`/programs?vendor=${ids.litware}`, bob)).body)).toEqual([
			'Training Always',
		])
		expect(shown((await get('/programs?kind=promotion', bob)).body)).toEqual(['Promo Upcoming'])
		expect(shown((await get('/programs?ending=1', bob)).body)).toEqual(['Rebate Ending'])
		expect(shown((await get('/programs?open=1', bob)).body).sort()).toEqual([
			'Rebate Ending',
			'Training Always',
		])
		const none = await get(`/programs?vendor=${ids.litware}&kind=award`, bob)
		expect(none.status).toBe(200)
		expect(none.body).toContain('No program matches these filters')
	})

	test('sorts by top rated, most rated, ending soonest and newest', async () => {
		// Olga reads only shared ratings of the rebate (3 stars), and her 2 stars of the training.
		expect(shown((await get(`/programs?vendor=${ids.fabrikam}&sort=most`, olga)).body)[0]).toBe(
			'Rebate Ending',
		)
		expect(shown((await get('/programs?sort=top', olga)).body).slice(0, 2)).toEqual([
			'Rebate Ending',
			'Training Always',
		])
		expect(shown((await get('/programs?sort=ending', olga)).body)[0]).toBe('Rebate Ending')
		expect(shown((await get('/programs?sort=newest', olga)).body)).toEqual([
			'Promo Upcoming',
			'Training Always',
			'Rebate Ending',
		])
	})

	test('a vendor’s page lists its approved programs', async () => {
		const page = await get(`/vendors/${ids.fabrikam}`, bob)
		expect(page.status).toBe(200)
		expect(shown(page.body).sort()).toEqual(['Promo Upcoming', 'Rebate Ending'])
		expect((await get(`/vendors/${ids.fabrikam}`, outsider)).status).toBe(404)
		expect((await get('/vendors/nope', bob)).status).toBe(404)
	})
})

describe('a program’s page', () => {
	test('figures and reviews as each reader may see them: a group-only review stays in its group', async () => {
		const inGroup = await get(`/programs/${ids.ending}`, alice)
		expect(inGroup.status).toBe(200)
		expect(inGroup.body).toContain('2 ratings')
		expect(inGroup.body).toContain('SECRET group-only words')
		expect(inGroup.body).toContain('Bob Private')
		expect(inGroup.body).toContain('Ratings by stars')
		expect(inGroup.body).toContain('Median days to payout')
		expect(inGroup.body).toMatch(/>4\.0</)

		const elsewhere = await get(`/programs/${ids.ending}`, olga)
		expect(elsewhere.status).toBe(200)
		expect(elsewhere.body).toContain('1 rating')
		expect(elsewhere.body).not.toContain('SECRET')
		expect(elsewhere.body).not.toContain('Bob Private')
		expect(elsewhere.body).toContain('Olga shared review')
		expect(elsewhere.body).toMatch(/>3\.0</)
		expect(elsewhere.body).toContain('Not enough outcomes yet')
		// The follow, calendar and discussion ways in.
		expect(elsewhere.body).toMatch(new RegExp(`action="/programs/${ids.ending}/follow"`))
		expect(elsewhere.body).toContain(`/programs/${ids.ending}/deadlines.ics`)
		expect(elsewhere.body).toMatch(new RegExp(`action="/programs/${ids.ending}/discussion"`))
		expect(elsewhere.body).not.toContain(`/programs/${ids.ending}/merge`)
		expect((await get(`/programs/${ids.ending}`, outsider)).status).toBe(404)
	})

	test('a merged program leads to the one it went into; a proposal is its author’s', async () => {
		const merged = await get(`/programs/${ids.merged}`, bob)
		expect(merged.status).toBe(301)
		expect(merged.headers.location).toBe(`/programs/${ids.ending}`)
		expect((await get(`/programs/${ids.merged}/rate`, bob)).headers.location).toBe(
			`/programs/${ids.ending}/rate`,
		)

		expect((await get(`/programs/${ids.proposal}`, bob)).status).toBe(404)
		const own = await get(`/programs/${ids.proposal}`, alice)
		expect(own.status).toBe(200)
		expect(own.body).toContain('Awaiting approval')
		expect(own.body).not.toContain('Rate this program')
		expect(own.body).not.toContain('Quick rating')
		const form = await get(`/programs/${ids.proposal}/rate`, alice)
		expect(form.body).toContain('awaiting approval')
		expect(form.body).not.toContain('Save rating')
		const refused = await post(`/programs/${ids.proposal}/rate`, alice, {
			overall: '4',
			wouldRecommend: 'yes',
		})
		expect(refused.status).toBe(400)
		expect(refused.body).toContain('This program can be rated once it is approved')
		expect(await db.programRating.count({ where: { programId: ids.proposal } })).toBe(0)
	})
})

describe('rating a program', () => {
	test('bad input is refused whole with every message at once; a good one is saved, then edited', async () => {
		const path = `/programs/${ids.training}/rate`
		const form = await get(path, alice)
		expect(form.status).toBe(200)
		expect(form.body).toContain(`Rate Training Always ${tag}`)

		const bad = await post(path, alice, {
			overall: '7',
			valueScore: '0',
			review: 'x'.repeat(5001),
			pros: 'y'.repeat(2001),
			daysToPayout: '-3',
		})
		expect(bad.status).toBe(400)
		for (const message of [
			'Give the program from 1 to 5 stars',
			'Give value for the effort from 1 to 5 stars',
			'Say whether you would recommend it',
			'The review can be at most 5,000 characters',
			'Pros can be at most 2,000 characters',
			'Days to payout cannot be negative',
		])
			expect(bad.body).toContain(message)
		expect(
			await db.programRating.count({ where: { programId: ids.training, memberId: alice.id } }),
		).toBe(0)

		const saved = await post(path, alice, {
			overall: '4',
			wouldRecommend: 'yes',
			review: 'Worth the hours',
			hoursSpent: '12',
			visibility: 'community',
			shownAs: 'name',
		})
		expect(saved.status).toBe(302)
		expect(saved.headers.location).toBe(`/programs/${ids.training}`)
		const page = await get(`/programs/${ids.training}`, olga)
		expect(page.body).toContain('Worth the hours')
		expect(page.body).toContain('2 ratings')
		expect(page.body).toMatch(/>3\.0</)

		const editForm = await get(path, alice)
		expect(editForm.body).toContain('Edit your rating of')
		expect(editForm.body).toContain('Worth the hours')

		const badEdit = await post(path, alice, {
			overall: '0',
			wouldRecommend: 'no',
			review: 'Changed my mind',
		})
		expect(badEdit.status).toBe(400)
		expect(badEdit.body).toContain('Give the program from 1 to 5 stars')
		const unchanged = await db.programRating.findUniqueOrThrow({
			where: { programId_memberId: { programId: ids.training, memberId: alice.id } },
		})
		expect(unchanged).toMatchObject({ overall: 4, review: 'Worth the hours' })

		expect(
			(await post(path, alice, { overall: '2', wouldRecommend: 'no', review: 'Changed my mind' }))
				.status,
		).toBe(302)
		const edited = await db.programRating.findMany({
			where: { programId: ids.training, memberId: alice.id },
		})
		expect(edited).toHaveLength(1)
		expect(edited[0]).toMatchObject({
			overall: 2,
			wouldRecommend: false,
			review: 'Changed my mind',
			hoursSpent: null,
		})
	})

	test('“helpful”: once per member, toggled, never on one’s own rating, only on ratings one may read', async () => {
		const olgas = await db.programRating.findUniqueOrThrow({
			where: { programId_memberId: { programId: ids.ending, memberId: olga.id } },
		})
		const bobs = await db.programRating.findUniqueOrThrow({
			where: { programId_memberId: { programId: ids.ending, memberId: bob.id } },
		})
		const path = `/programs/${ids.ending}`
		const vote = (who: Person, ratingId: string, helpful: '0' | '1') =>
			post(path, who, { intent: 'helpful', ratingId, helpful })
		const count = async (id: string) =>
			(await db.programRating.findUniqueOrThrow({ where: { id } })).helpfulCount

		expect((await vote(alice, olgas.id, '1')).status).toBe(302)
		expect((await vote(alice, olgas.id, '1')).status).toBe(302)
		expect(await count(olgas.id)).toBe(1)
		expect(await db.ratingHelpfulVote.count({ where: { ratingId: olgas.id } })).toBe(1)
		expect((await vote(bob, olgas.id, '1')).status).toBe(302)
		expect(await count(olgas.id)).toBe(2)
		const page = await get(path, alice)
		expect(page.body).toMatch(/aria-pressed="true"[^>]*>Helpful \(2\)/)
		expect((await vote(alice, olgas.id, '0')).status).toBe(302)
		expect(await count(olgas.id)).toBe(1)

		const own = await vote(olga, olgas.id, '1')
		expect(own.status).toBe(400)
		expect(own.body).toContain('You cannot mark your own rating helpful')
		expect(await count(olgas.id)).toBe(1)

		expect((await vote(olga, bobs.id, '1')).status).toBe(404)
		expect(await count(bobs.id)).toBe(0)
		// "Most helpful" puts Olga's first for Alice; newest puts Bob's (older) after it too, since Olga rated later.
		const helpful = await get(`${path}?sort=helpful`, alice)
		expect(helpful.body.indexOf('Olga shared review')).toBeLessThan(
			helpful.body.indexOf('SECRET group-only words'),
		)
	})
})
