// From candidate posts to a page of results, the same on both engines.
//
// Why candidates at all: ranking every match of a common word cannot be quick. At 1,000,000 posts
// "customer" matches 400,000 of them, and bm25 over all of them took 42–69 ms in the bare FTS5
// index alone (ts_rank on PostgreSQL is slower still), before any join, grouping or access check.
// So each search takes the most recent CANDIDATE_LIMIT posts that match and that the reader may
// see with the filters applied (both engines' indexes hand those out newest first, cheaply, and
// stop there), ranks those, and says "more than" when the limit was reached. For a rare or
// medium word, or a selective filter, the candidates are every match and the ranking is exact.

/** Enough for fifty pages of results; past that, a member adds a word or a filter. */
export const CANDIDATE_LIMIT = 1_000

export type Candidate = {
	docId: number
	subjectKind: string
	subjectId: string
	/** Results are one per group: a forum post's thread, any other subject alone. */
	groupKey: string
	/** A post's number in its thread (0 for other subjects): ties go to the earlier post. */
	number: number
	/** Higher is better. */
	score: number
}

export type RankedPage = {
	/** Threads among the candidates (a floor when `capped`). */
	total: number
	/** True when the candidate limit was reached: there are more matches than were ranked. */
	capped: boolean
	rows: Candidate[]
}

/**
 * One result per thread, its best-matching post (a title word matches every post of a thread,
 * and a page of twenty replies to the same thread helps nobody). Ties go to the earlier post, so
 * a thread found by its title opens at its first post; threads tie-break newest first.
 */
export function rankCandidates(
	candidates: Candidate[],
	options: { page: number; pageSize: number; capped: boolean },
): RankedPage {
	const best = new Map<string, Candidate>()
	for (const candidate of candidates) {
		const current = best.get(candidate.groupKey)
		if (
			!current ||
			candidate.score > current.score ||
			(candidate.score === current.score && candidate.number < current.number)
		) {
			best.set(candidate.groupKey, candidate)
		}
	}
	const ranked = [...best.values()].sort((a, b) => b.score - a.score || b.docId - a.docId)
	const offset = (options.page - 1) * options.pageSize
	return {
		total: ranked.length,
		capped: options.capped,
		rows: ranked.slice(offset, offset + options.pageSize),
	}
}
