// The words of a search, found again in a short text the engine does not mark (a result's title),
// so the title shows why it matched as the snippet under it does. Pure text work: the text is cut
// into segments, never turned into HTML, and no regular expression is built from what was typed.

export type Segment = { text: string; hit: boolean }

const WORD = /[\p{L}\p{N}\p{M}]+/gu

/**
 * Whether a word of the text is one the search matched. The engines match stemmed words and the
 * last word as a prefix ("rebat" finds "rebates", "customer" finds "customers"); without their
 * stemmer this comes close: the word starts with the term, or the term is the word with a short
 * ending ("rebates" finds "rebate"). A one-letter term matches only itself, as in the engines.
 */
function matches(word: string, terms: string[]): boolean {
	return terms.some((term) => {
		if (term.length < 2) return word === term
		if (word.startsWith(term)) return true
		return word.length >= 4 && term.startsWith(word) && term.length - word.length <= 3
	})
}

/**
 * `text` cut into runs that are search hits and runs that are not, in order; joined they give
 * `text` back unchanged. `terms` are the query's words as searchTerms() gives them.
 */
export function highlightSegments(text: string, terms: string[]): Segment[] {
	if (terms.length === 0 || text === '') return text ? [{ text, hit: false }] : []
	const segments: Segment[] = []
	let from = 0
	const push = (part: string, hit: boolean) => {
		if (!part) return
		const last = segments.at(-1)
		if (last && last.hit === hit) last.text += part
		else segments.push({ text: part, hit })
	}
	for (const found of text.matchAll(WORD)) {
		const word = found[0]
		if (!matches(word.normalize('NFKC').toLowerCase(), terms)) continue
		push(text.slice(from, found.index), false)
		push(word, true)
		from = found.index + word.length
	}
	push(text.slice(from), false)
	return segments
}
