// The buddy pages served by the real server (the production build): they render for their
// readers, with the state and the forms each may use, and work without JavaScript (plain forms).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '#server/index.ts'
import { addGoal, DAY, planWorld } from '#tests/plan-helpers.ts'
import { send, SERVER_START_TIMEOUT, startTestServer } from '#tests/running-server.ts'

let server: RunningServer

beforeAll(async () => {
	server = await startTestServer()
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	await server?.close()
})

const get = (path: string, cookie: string) => send(`${server.url}${path}`, { headers: { cookie } })

describe('served pages', () => {
	test('the dashboard, for a buddy, a member with an invitation, and a member with nobody yet', async () => {
		const w = await planWorld()
		await addGoal(w.plan.id, { title: 'Hire a salesperson', createdAt: new Date(Date.now() - 40 * DAY) })
		const bobs = await get('/buddies', w.bob.cookie)
		expect(bobs.status).toBe(200)
		expect(bobs.body).toContain('<title>Buddies')
		expect(bobs.body).toContain('Alice Owner’s')
		expect(bobs.body).toContain('Hire a salesperson')
		expect(bobs.body).toContain('Quiet for 30+ days')
		expect(bobs.body).toMatch(new RegExp(`<form[^>]*action="/plans/${w.plan.id}/goals/[^"/]+/nudge"`))
		expect(bobs.body).toContain('End this pairing')

		const pens = await get('/buddies', w.pen.cookie)
		expect(pens.status).toBe(200)
		expect(pens.body).toContain('would like to be your buddy')
		expect(pens.body).toContain('No buddies yet')

		const carols = await get('/buddies', w.carol.cookie)
		expect(carols.body).toContain('No buddies yet')
		expect(carols.body).toContain('Send invitation')
		expect(carols.body).toContain('Bob Buddy')
		expect(carols.body).not.toContain('Dave Elsewhere')
		// The main navigation leads here for members of a group.
		expect(carols.body).toMatch(/href="\/buddies"[^>]*>Buddies</)
	})

	test('the check-in page: the verdict form for a buddy, the comment form for owner and buddy, a 404 for anyone else', async () => {
		const w = await planWorld()
		const path = `/plans/${w.plan.id}/check-ins/${w.checkIn.id}`
		const bobs = await get(path, w.bob.cookie)
		expect(bobs.status).toBe(200)
		expect(bobs.body).toContain('Check-in: Grow recurring revenue')
		expect(bobs.body).toContain('Save verdict')
		expect(bobs.body).toContain('Post comment')
		expect(bobs.body).toContain('No comments yet')
		const alices = await get(path, w.alice.cookie)
		expect(alices.status).toBe(200)
		expect(alices.body).not.toContain('Save verdict')
		expect(alices.body).toContain('Post comment')
		expect(alices.body).toContain('No buddy has reviewed this check-in yet')
		for (const who of [w.carol, w.mona, w.ended, w.ada]) expect((await get(path, who.cookie)).status).toBe(404)
	})
})
