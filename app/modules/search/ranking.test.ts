import { describe, expect, test } from 'vitest'
import { COMMUNITY_FORUM_ID } from '#app/modules/forums/constants.ts'
import { facet, facetTokens } from './facets.ts'
import { facetFilter } from './plan.ts'
import { rankCandidates, type Candidate } from './ranking.ts'

const candidate = (docId: number, threadId: string, number: number, score: number): Candidate => ({
	docId,
	subjectKind: 'forum.post',
	subjectId: `p${docId}`,
	groupKey: threadId,
	number,
	score,
})

describe('rankCandidates', () => {
	test('one result per thread, its best post; ties to the earlier post, then the newer thread', () => {
		const page = rankCandidates(
			[
				candidate(9, 'a', 3, 1.0),
				candidate(8, 'b', 1, 2.0),
				candidate(7, 'a', 2, 3.0),
				candidate(6, 'c', 2, 2.0),
				candidate(5, 'c', 1, 2.0),
			],
			{ page: 1, pageSize: 20, capped: false },
		)
		expect(page.total).toBe(3)
		expect(page.rows.map((row) => row.subjectId)).toEqual(['p7', 'p8', 'p5'])
	})

	test('pages are slices of the ranking, and the cap is passed on', () => {
		const many = Array.from({ length: 45 }, (_, i) => candidate(i + 1, `t${i}`, 1, i))
		const second = rankCandidates(many, { page: 2, pageSize: 20, capped: true })
		expect(second).toMatchObject({ total: 45, capped: true })
		expect(second.rows.map((row) => row.score)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i))
		expect(rankCandidates(many, { page: 4, pageSize: 20, capped: false }).rows).toEqual([])
	})
})

describe('filter tokens', () => {
	test('one token per forum, author and kind, letters and digits only', () => {
		expect(facetTokens({ forumId: 'Cm9x-1', authorId: 'u_42', kind: 'question' })).toBe(
			'ppforumcm9x1 ppauthoru42 ppkindquestion',
		)
	})

	test('FTS5 narrows by selective filters only; PostgreSQL by every filter', () => {
		const filters = { forumIds: ['fa', 'fb', COMMUNITY_FORUM_ID], kind: 'question', authorId: 'u1' }
		expect(facetFilter(filters, { selectiveOnly: true })).toEqual([[facet.author('u1')]])
		expect(facetFilter(filters, { selectiveOnly: false })).toEqual([
			['ppforumfa', 'ppforumfb', 'ppforumcommunity'],
			[facet.author('u1')],
			[facet.kind('question')],
		])
		// A blocker means a lesson; a group's forum is narrow, the community forum is not.
		expect(facetFilter({ forumIds: ['fa'], blocker: 'sales', forumId: 'fa' }, { selectiveOnly: true })).toEqual([
			[facet.forum('fa')],
			[facet.kind('lesson')],
		])
		expect(facetFilter({ forumIds: [COMMUNITY_FORUM_ID], forumId: COMMUNITY_FORUM_ID }, { selectiveOnly: true })).toEqual([])
	})
})
