// Curating the catalogue of vendor programs, over HTTP against the real server: proposing (every
// mistake at once, nothing saved half-way), a proposal seen by its author and the curators only
// until approved, approving, editing and merging by curators alone (with their audit entries), a
// merge moving ratings and the figures following, a program's discussion started once however
// many ask at once and linked both ways, lessons naming programs, and search finding approved
// programs and never a group-only review for someone outside its group.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { searchPosts } from '#app/modules/search/search.server.ts'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { catalogueViewer } from '#app/modules/vendors/access.server.ts'
import { programFigures } from '#app/modules/vendors/figures.server.ts'
import { lessonsAboutProgram } from '#app/modules/vendors/lessons.server.ts'
import { saveRating } from '#app/modules/vendors/ratings.server.ts'
import { ratingSchema } from '#app/modules/vendors/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { offlinePublisher } from '#app/utils/realtime.ts'
import type { RunningServer } from '#server/index.ts'
import { person, type Person } from '#tests/forum-helpers.ts'
import { createGroupWith } from '#tests/helpers.ts'
import { send, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

let server: RunningServer
let w: Record<'alice' | 'bob' | 'mona' | 'olga' | 'oscar' | 'cleo' | 'carl' | 'ada' | 'lou', Person>
let groups: { a: string; b: string; c: string }

beforeAll(async () => {
	const [alice, bob, mona, olga, oscar, cleo, carl, ada, lou] = await Promise.all([
		person({ name: 'Alice Author' }),
		person({ name: 'Bob Member' }),
		person({ name: 'Mona Moderator' }),
		person({ name: 'Olga Other-Moderator' }),
		person({ name: 'Oscar Other-Member' }),
		person({ name: 'Cleo Third-Moderator' }),
		person({ name: 'Carl Third-Member' }),
		person({ name: 'Ada Admin', isSiteAdmin: true }),
		person({ name: 'Lou Loner' }),
	])
	w = { alice, bob, mona, olga, oscar, cleo, carl, ada, lou }
	groups = {
		a: (await createGroupWith({ moderator: mona, members: [alice, bob] })).id,
		b: (await createGroupWith({ moderator: olga, members: [oscar] })).id,
		c: (await createGroupWith({ moderator: cleo, members: [carl] })).id,
	}
	server = await startTestServer()
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	await server?.close()
})

const get = (path: string, who: Person) =>
	send(`${server.url}${path}`, { headers: { cookie: who.cookie } })
function post(path: string, who: Person, form: Record<string, string | string[]>) {
	const body = new URLSearchParams(
		Object.entries(form).flatMap(([name, value]) =>
			(Array.isArray(value) ? value : [value]).map((v) => [name, v]),
		),
	).toString()
	return send(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			cookie: who.cookie,
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': String(Buffer.byteLength(body)),
		},
		body,
	})
}
const location = (res: { headers: Record<string, string | string[] | undefined> }) =>
	String(res.headers.location ?? '')

let counter = 0
const unique = (name: string) => `${name} ${++counter}${Date.now().toString(36)}`

/** Proposes a program over HTTP as `who`; answers its id. */
async function propose(who: Person, fields: Record<string, string> = {}) {
	const name = fields.name ?? unique('Flex funds')
	const res = await post('/programs/new', who, {
		vendorName: 'Northwind',
		kind: 'marketing_funds',
		...fields,
		name,
	})
	expect(res.status, res.body.slice(0, 300)).toBe(302)
	const id = location(res).replace('/programs/', '')
	expect(location(res)).toBe(`/programs/${id}`)
	return { id, name }
}

async function approved(fields: Record<string, string> = {}) {
	const program = await propose(w.alice, fields)
	const res = await post('/programs/proposals', w.mona, {
		intent: 'approve',
		programId: program.id,
	})
	expect(res.status).toBe(302)
	return program
}

const rate = (who: Person, programId: string, fields: Record<string, unknown> = {}) =>
	saveRating(
		who,
		programId,
		ratingSchema().parse({ overall: 4, wouldRecommend: 'yes', ...fields }),
		offlinePublisher,
	)

const finds = async (who: Person, words: string, kind: string) =>
	(await searchPosts(who, { q: words })).results.some(
		(r) => r.type === 'subject' && r.subjectKind === kind,
	)

describe('proposing', () => {
	test('a form with many mistakes shows every one at once and saves nothing, not even the new vendor', async () => {
		const [programs, vendors] = [await db.vendorProgram.count(), await db.vendor.count()]
		const res = await post('/programs/new', w.bob, {
			vendorName: 'Brand-new Vendor Qx',
			name: '',
			kind: 'lottery',
			link: 'ftp://example.com',
			benefitAmount: '-5',
			feeAmount: 'lots',
			enrollOpensOn: '2027-03-01',
			enrollClosesOn: '2027-02-01',
			claimClosesOn: '2027-02-30',
		})
		expect(res.status).toBe(400)
		for (const message of [
			'Give the program its name',
			'Choose the kind of program',
			'Enter a web address starting with http:// or https://',
			'The benefit cannot be negative',
			'Give the currency of the benefit',
			'The fee must be a number',
			'Enrollment cannot close before it opens',
			'Enter a real date',
		])
			expect(res.body).toContain(message)
		// What was typed comes back.
		expect(res.body).toContain('Brand-new Vendor Qx')
		expect(await db.vendorProgram.count()).toBe(programs)
		expect(await db.vendor.count()).toBe(vendors)
		expect(await db.vendor.findFirst({ where: { name: 'Brand-new Vendor Qx' } })).toBeNull()
	})

	test('dates out of order alone are refused, and nothing is saved', async () => {
		const programs = await db.vendorProgram.count()
		const res = await post('/programs/new', w.bob, {
			vendorName: 'Northwind',
			name: unique('Claim window'),
			kind: 'rebate',
			claimOpensOn: '2027-05-01',
			claimClosesOn: '2027-04-01',
		})
		expect(res.status).toBe(400)
		expect(res.body).toContain('The claim window cannot close before it opens')
		expect(await db.vendorProgram.count()).toBe(programs)
	})

	test('the form page: a title, the fields, the vendors to pick from; 404 outside every group', async () => {
		await propose(w.bob, { vendorName: 'Picked Vendor Co' })
		const page = await get('/programs/new', w.carl)
		expect(page.status).toBe(200)
		expect(page.body).toContain('<title>Propose a program')
		expect(page.body).toContain('<datalist id="vendor-names">')
		expect(page.body).toContain('Picked Vendor Co')
		expect(page.body).toContain('Proof of performance due')
		expect((await get('/programs/new', w.lou)).status).toBe(404)
		expect(
			(await post('/programs/new', w.lou, { vendorName: 'X', name: 'Y', kind: 'rebate' })).status,
		).toBe(404)
	})

	test('a proposal is its author’s and the curators’ until approved: the queue, the edit page, search', async () => {
		const { id, name } = await propose(w.alice, { description: 'Quokka marketing money' })
		const program = await db.vendorProgram.findUniqueOrThrow({ where: { id } })
		expect(program.state).toBe('proposed')
		// Others who may not see it: 404 on its pages; not in their list; not found by search.
		for (const who of [w.bob, w.oscar, w.carl, w.lou]) {
			expect((await get(`/programs/${id}/edit`, who)).status).toBe(404)
			expect((await post(`/programs/${id}/discussion`, who, {})).status).toBe(404)
			expect(await finds(who, 'quokka', 'vendors.program')).toBe(false)
		}
		expect((await get('/programs/proposals', w.bob)).body).not.toContain(name)
		// Its author sees it with its state; curators in their queue.
		const alices = await get('/programs/proposals', w.alice)
		expect(alices.body).toContain(name)
		expect(alices.body).toContain('Awaiting approval')
		for (const curator of [w.mona, w.olga, w.ada]) {
			const queue = await get('/programs/proposals', curator)
			expect(queue.body).toContain('Proposals to review')
			expect(queue.body).toContain(name)
			expect(queue.body).toContain(`href="/programs/${id}/edit"`)
			expect((await get(`/programs/${id}/edit`, curator)).status).toBe(200)
		}
		expect((await get(`/programs/${id}/edit`, w.alice)).status).toBe(200)
		// A proposal has no discussion yet, even for its author.
		expect((await post(`/programs/${id}/discussion`, w.alice, {})).status).toBe(400)
		expect(await finds(w.alice, 'quokka', 'vendors.program')).toBe(false)
	})

	test('empty states: a member with no proposal, a curator with an empty queue', async () => {
		const [nobody, moderator] = [await person(), await person()]
		await createGroupWith({ moderator, members: [nobody] })
		const page = await get('/programs/proposals', nobody)
		expect(page.status).toBe(200)
		expect(page.body).toContain('You have not proposed a program yet')
		await db.vendorProgram.updateMany({ where: { state: 'proposed' }, data: { state: 'approved' } })
		const queue = await get('/programs/proposals', moderator)
		expect(queue.body).toContain('No proposals are waiting')
	})
})

describe('approving and editing', () => {
	test('curators of any group approve; a member, even the author, cannot; the approval is audited', async () => {
		const { id, name } = await propose(w.alice, { description: 'Wallaby rebate for installs' })
		expect(
			(await post('/programs/proposals', w.bob, { intent: 'approve', programId: id })).status,
		).toBe(404)
		expect(
			(await post('/programs/proposals', w.alice, { intent: 'approve', programId: id })).status,
		).toBe(403)
		expect((await post(`/programs/${id}/edit`, w.alice, { intent: 'approve' })).status).toBe(403)
		expect((await db.vendorProgram.findUniqueOrThrow({ where: { id } })).state).toBe('proposed')
		// The moderator of another group approves from the edit page.
		const res = await post(`/programs/${id}/edit`, w.olga, { intent: 'approve' })
		expect(res.status).toBe(302)
		expect(location(res)).toBe(`/programs/${id}`)
		expect((await db.vendorProgram.findUniqueOrThrow({ where: { id } })).state).toBe('approved')
		const audit = await db.auditEntry.findMany({ where: { targetId: id } })
		expect(audit).toEqual([
			expect.objectContaining({
				action: 'program.approve',
				groupId: null,
				actorId: w.olga.id,
				targetLabel: `Northwind — ${name}`,
			}),
		])
		// Approved: in everyone's catalogue search, and no longer the author's to edit.
		for (const who of [w.bob, w.oscar, w.alice, w.ada])
			expect(await finds(who, 'wallaby', 'vendors.program')).toBe(true)
		expect(await finds(w.lou, 'wallaby', 'vendors.program')).toBe(false)
		expect((await get(`/programs/${id}/edit`, w.alice)).status).toBe(403)
		expect((await get(`/programs/${id}/edit`, w.bob)).status).toBe(403)
		// Approving again changes nothing and writes no second entry.
		expect(
			(await post('/programs/proposals', w.mona, { intent: 'approve', programId: id })).status,
		).toBe(302)
		expect(await db.auditEntry.count({ where: { targetId: id } })).toBe(1)
	})

	test('a curator edits any field from a prefilled form; the edit is audited and search follows', async () => {
		const { id, name } = await approved({
			benefitAmount: '500',
			benefitCurrency: 'usd',
			enrollOpensOn: '2027-01-01',
		})
		const page = await get(`/programs/${id}/edit`, w.ada)
		expect(page.status).toBe(200)
		expect(page.body).toContain(`value="${name}"`)
		expect(page.body).toContain('value="500"')
		expect(page.body).toContain('value="USD"')
		expect(page.body).toContain('value="2027-01-01"')
		expect(page.body).toContain(`href="/programs/${id}/merge"`)
		const form = {
			vendorName: 'Northwind',
			name: `${name} renamed`,
			kind: 'rebate',
			description: 'Numbat services rebate',
			enrollOpensOn: '2027-01-01',
		}
		expect((await post(`/programs/${id}/edit`, w.bob, form)).status).toBe(403)
		expect(
			(await post(`/programs/${id}/edit`, w.cleo, { ...form, enrollClosesOn: '2026-12-01' }))
				.status,
		).toBe(400)
		expect((await db.vendorProgram.findUniqueOrThrow({ where: { id } })).name).toBe(name)
		const res = await post(`/programs/${id}/edit`, w.cleo, form)
		expect(res.status).toBe(302)
		expect(location(res)).toBe(`/programs/${id}`)
		const saved = await db.vendorProgram.findUniqueOrThrow({ where: { id } })
		expect(saved).toMatchObject({ name: `${name} renamed`, kind: 'rebate', benefitAmount: null })
		const entry = await db.auditEntry.findFirstOrThrow({
			where: { targetId: id, action: 'program.edit' },
		})
		expect(entry.actorId).toBe(w.cleo.id)
		expect(JSON.parse(entry.detail)).toMatchObject({
			name: { from: name, to: `${name} renamed` },
			kind: { from: 'marketing_funds', to: 'rebate' },
		})
		expect(await finds(w.oscar, 'numbat', 'vendors.program')).toBe(true)
	})
})

describe('merging', () => {
	test('curators merge a duplicate: ratings move (a member who rated both keeps the later one), figures recompute, audited', async () => {
		const target = await approved({ name: unique('Target funds') })
		const duplicate = await approved({ name: unique('Duplicate funds') })
		await rate(w.alice, target.id, { overall: 2 })
		await rate(w.oscar, target.id, { overall: 4 })
		await rate(w.bob, duplicate.id, { overall: 5 })
		await new Promise((resolve) => setTimeout(resolve, 20))
		await rate(w.alice, duplicate.id, { overall: 5 })
		const before = await programFigures((await catalogueViewer(w.mona))!, target.id)
		expect(before.count).toBe(2)

		const page = await get(`/programs/${duplicate.id}/merge`, w.mona)
		expect(page.status).toBe(200)
		expect(page.body).toContain(target.name)
		expect(page.body).not.toContain(`<option value="${duplicate.id}"`)
		// Searching narrows the choice.
		const narrowed = await get(
			`/programs/${duplicate.id}/merge?q=${encodeURIComponent(target.name.toUpperCase())}`,
			w.mona,
		)
		expect(narrowed.body).toContain(`<option value="${target.id}"`)
		expect(
			(await get(`/programs/${duplicate.id}/merge?q=nothing-like-this`, w.mona)).body,
		).toContain('No approved program matches')

		for (const who of [w.bob, w.alice]) {
			expect((await get(`/programs/${duplicate.id}/merge`, who)).status).toBe(403)
			expect(
				(await post(`/programs/${duplicate.id}/merge`, who, { intoId: target.id, confirm: 'on' }))
					.status,
			).toBe(403)
		}
		expect(
			(await post(`/programs/${duplicate.id}/merge`, w.olga, { intoId: target.id })).status,
		).toBe(400)
		expect(
			(
				await post(`/programs/${duplicate.id}/merge`, w.olga, {
					intoId: duplicate.id,
					confirm: 'on',
				})
			).status,
		).toBe(400)
		const proposal = await propose(w.alice)
		expect(
			(
				await post(`/programs/${duplicate.id}/merge`, w.olga, {
					intoId: proposal.id,
					confirm: 'on',
				})
			).status,
		).toBe(400)
		expect((await db.vendorProgram.findUniqueOrThrow({ where: { id: duplicate.id } })).state).toBe(
			'approved',
		)

		const res = await post(`/programs/${duplicate.id}/merge`, w.ada, {
			intoId: target.id,
			confirm: 'on',
		})
		expect(res.status).toBe(302)
		expect(location(res)).toBe(`/programs/${target.id}`)
		expect(await db.vendorProgram.findUniqueOrThrow({ where: { id: duplicate.id } })).toMatchObject(
			{ state: 'merged', mergedIntoId: target.id },
		)
		const ratings = await db.programRating.findMany({
			where: { programId: { in: [target.id, duplicate.id] } },
			select: { programId: true, memberId: true, overall: true },
		})
		expect(ratings).toHaveLength(3)
		expect(ratings.every((r) => r.programId === target.id)).toBe(true)
		expect(ratings.find((r) => r.memberId === w.alice.id)?.overall).toBe(5)
		const after = await programFigures((await catalogueViewer(w.mona))!, target.id)
		expect(after.count).toBe(3)
		expect(after.average).toBeCloseTo((4 + 5 + 5) / 3)
		const entry = await db.auditEntry.findFirstOrThrow({
			where: { targetId: duplicate.id, action: 'program.merge' },
		})
		expect(entry.actorId).toBe(w.ada.id)
		expect(JSON.parse(entry.detail)).toMatchObject({
			intoId: target.id,
			ratingsMoved: 1,
			ratingsDropped: 1,
		})
		// The merged program's curation pages lead on; nothing merges into it any more.
		expect(location(await get(`/programs/${duplicate.id}/edit`, w.mona))).toBe(
			`/programs/${target.id}/edit`,
		)
		const another = await approved()
		expect(
			(await post(`/programs/${another.id}/merge`, w.mona, { intoId: duplicate.id, confirm: 'on' }))
				.status,
		).toBe(400)
	})
})

describe('discussion', () => {
	test('started once however many ask at once, in the community forum, linked both ways', async () => {
		const { id, name } = await approved({ vendorName: 'Contoso Cloud' })
		const askers = [w.alice, w.bob, w.oscar, w.carl, w.mona, w.ada]
		const answers = await Promise.all(
			askers.map((who) => post(`/programs/${id}/discussion`, who, {})),
		)
		const locations = new Set(answers.map(location))
		expect(answers.map((a) => a.status)).toEqual(askers.map(() => 302))
		expect(locations.size).toBe(1)
		const threadId = [...locations][0]!.replace('/t/', '')
		const threads = await db.thread.findMany({
			where: { title: `Contoso Cloud — ${name}` },
			select: { id: true, forumId: true },
		})
		expect(threads).toEqual([{ id: threadId, forumId: 'community' }])
		expect((await db.vendorProgram.findUniqueOrThrow({ where: { id } })).discussionThreadId).toBe(
			threadId,
		)
		// Asking again leads to the same thread.
		expect(location(await post(`/programs/${id}/discussion`, w.cleo, {}))).toBe(`/t/${threadId}`)
		const page = await get(`/t/${threadId}`, w.oscar)
		expect(page.status).toBe(200)
		expect(page.body).toContain('About the program')
		expect(page.body).toContain(`href="/programs/${id}"`)
		const opening = await db.post.findFirstOrThrow({
			where: { threadId, number: 1 },
			select: { bodyHtml: true },
		})
		expect(opening.bodyHtml).toContain(`href="/programs/${id}"`)
		expect((await post(`/programs/${id}/discussion`, w.lou, {})).status).toBe(404)
	})
})

describe('search', () => {
	test('approved programs are found by catalogue viewers; a group-only review only inside its group', async () => {
		const { id } = await approved({
			description: 'Axolotl partner tier',
			requirements: 'Two certified axolotl engineers',
		})
		await rate(w.carl, id, { review: 'Zanzibarish payout took ages', visibility: 'group' })
		await rate(w.oscar, id, { review: 'Kumquatty paperwork but it paid', visibility: 'community' })
		for (const who of [w.alice, w.oscar, w.carl, w.ada])
			expect(await finds(who, 'axolotl', 'vendors.program')).toBe(true)
		expect(await finds(w.lou, 'axolotl', 'vendors.program')).toBe(false)
		expect(await finds(w.bob, 'kumquatty', 'vendors.rating')).toBe(true)
		// The group-only review: its group (member and moderator) only.
		expect(await finds(w.carl, 'zanzibarish', 'vendors.rating')).toBe(true)
		expect(await finds(w.cleo, 'zanzibarish', 'vendors.rating')).toBe(true)
		for (const who of [w.bob, w.oscar, w.mona, w.olga, w.ada, w.lou]) {
			const { results, total } = await searchPosts(who, { q: 'zanzibarish' })
			expect(results).toEqual([])
			expect(total).toBe(0)
		}
		const page = await get('/search?q=zanzibarish', w.olga)
		expect(page.status).toBe(200)
		expect(page.body).not.toContain('Zanzibarish payout')
		const found = await get('/search?q=axolotl', w.bob)
		expect(found.body).toContain(`href="/programs/${id}"`)
		// Made group-only later, the community review leaves outsiders' results too.
		await rate(w.oscar, id, { review: 'Kumquatty paperwork but it paid', visibility: 'group' })
		expect(await finds(w.bob, 'kumquatty', 'vendors.rating')).toBe(false)
		expect(await finds(w.olga, 'kumquatty', 'vendors.rating')).toBe(true)
	})
})

describe('lessons naming programs', () => {
	async function lessonForm(forumId: string, programIds: string[]) {
		const category = await db.category.findFirstOrThrow({
			where: { forumId, slug: 'lessons' },
			select: { id: true },
		})
		return {
			kind: 'lesson',
			title: unique('What the rebate taught us'),
			categoryId: category.id,
			blocker: 'sales',
			lessonHappened: 'We claimed late.',
			lessonLearned: 'Read the proof-of-performance rules first.',
			lessonDifferently: 'Put the deadline in the calendar.',
			programIds,
		}
	}

	test('a lesson names up to five approved programs, links to them, and is listed for those who may read it', async () => {
		const [first, second] = [
			await approved({ name: unique('Named funds') }),
			await approved({ name: unique('Named rebate') }),
		]
		const groupA = await db.forum.findUniqueOrThrow({
			where: { groupId: groups.a },
			select: { id: true, group: { select: { slug: true } } },
		})
		const newLesson = `/g/${groupA.group!.slug}/forum/new`
		const form = await get(`${newLesson}?kind=lesson`, w.bob)
		expect(form.body).toContain('Vendor programs this lesson is about')
		expect(form.body).toContain(first.name)

		const res = await post(newLesson, w.bob, await lessonForm(groupA.id, [first.id, second.id]))
		expect(res.status, res.body.slice(0, 200)).toBe(302)
		const threadId = location(res).replace('/t/', '')
		expect(await db.lessonProgram.count({ where: { threadId } })).toBe(2)
		const page = await get(`/t/${threadId}`, w.alice)
		expect(page.body).toContain('Vendor programs in this lesson')
		expect(page.body).toContain(`href="/programs/${first.id}"`)
		expect(page.body).toContain(`href="/programs/${second.id}"`)

		// A community lesson by Oscar names the first program too.
		const community = await post(
			'/community/new',
			w.oscar,
			await lessonForm(COMMUNITY_FORUM_ID, [first.id]),
		)
		const communityId = location(community).replace('/t/', '')
		const about = async (who: Person) =>
			(await lessonsAboutProgram(who, first.id)).map((l) => l.id).sort()
		expect(await about(w.alice)).toEqual([threadId, communityId].sort())
		// Group A's lesson is group A's: Oscar (group B) reads only the community one; Lou none.
		expect(await about(w.oscar)).toEqual([communityId])
		expect(await about(w.lou)).toEqual([])

		// The edit form keeps the choice and changes it.
		const edit = await get(`/t/${threadId}/edit-lesson`, w.bob)
		expect(edit.body).toMatch(new RegExp(`<option value="${first.id}" selected=""`))
		const lesson = await lessonForm(groupA.id, [second.id])
		const edited = await post(`/t/${threadId}/edit-lesson`, w.bob, {
			title: 'What the rebate taught us, again',
			blocker: 'sales',
			lessonHappened: lesson.lessonHappened,
			lessonLearned: lesson.lessonLearned,
			lessonDifferently: lesson.lessonDifferently,
			programIds: [second.id],
		})
		expect(edited.status).toBe(302)
		expect(
			(await db.lessonProgram.findMany({ where: { threadId }, select: { programId: true } })).map(
				(r) => r.programId,
			),
		).toEqual([second.id])
	})

	test('more than five programs, a proposal, or an unknown id: a clear message, and no lesson', async () => {
		const groupA = await db.forum.findUniqueOrThrow({
			where: { groupId: groups.a },
			select: { id: true, group: { select: { slug: true } } },
		})
		const newLesson = `/g/${groupA.group!.slug}/forum/new`
		const six = await Promise.all(Array.from({ length: 6 }, () => approved()))
		const proposal = await propose(w.alice)
		const threads = await db.thread.count()
		const tooMany = await post(
			newLesson,
			w.bob,
			await lessonForm(
				groupA.id,
				six.map((p) => p.id),
			),
		)
		expect(tooMany.status).toBe(400)
		expect(tooMany.body).toContain('A lesson can name at most 5 programs')
		for (const [who, ids] of [
			[w.bob, [proposal.id]],
			[w.alice, [proposal.id]],
			[w.bob, ['no-such-program']],
		] as const) {
			const refused = await post(newLesson, who, await lessonForm(groupA.id, [...ids]))
			expect(refused.status).toBe(400)
			expect(refused.body).toContain('Name programs from the catalogue’s approved programs only')
		}
		expect(await db.thread.count()).toBe(threads)
	})
})
