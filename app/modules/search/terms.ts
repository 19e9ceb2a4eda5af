// What people type into the search box, made safe for each engine's query language. Both engines
// get the same words, so a search means the same on SQLite and PostgreSQL: every word must
// appear (stemmed), and the last one may be the start of a word, for search-as-you-type habits.
//
// The last word is a prefix only when it is not a word of the index itself (lastWordIsIndexed
// asks the engine, in one index lookup): a prefix query merges the lists of every word it
// starts, all of them, before the first row comes out, which took 80–180 ms for "customer*"
// over 1,000,000 posts against 20 ms for "customer", the stemmed word that matches "customers"
// too. "rebat" still finds "rebate" (its stem), and "warrant" finds "warranty" (a prefix).

/** Enough for any real question; more words only make the query slower, not better. */
export const MAX_TERMS = 8
const MAX_QUERY_LENGTH = 200

/**
 * The words of a query: runs of letters, digits and combining marks, lower-cased. Everything
 * else (quotes, stars, brackets, colons, carets, minus signs) is a separator, so no query syntax
 * of either engine survives, and `"`, `*` or `NEAR(` cannot make a query fail.
 */
export function searchTerms(query: string): string[] {
	const words =
		query
			.slice(0, MAX_QUERY_LENGTH)
			.normalize('NFKC')
			.toLowerCase()
			.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
	return words.slice(0, MAX_TERMS)
}

// A one-letter prefix would match most of the index.
const isPrefix = (terms: string[], index: number) =>
	index === terms.length - 1 && terms[index]!.length >= 2

/**
 * An FTS5 MATCH expression: each word a quoted string (so AND, OR, NOT and NEAR are just words),
 * joined by spaces (FTS5's implicit AND), the last one a prefix.
 */
export function toFtsExpression(terms: string[]): string {
	return terms.map((term, index) => `"${term}"${isPrefix(terms, index) ? '*' : ''}`).join(' ')
}

/**
 * A PostgreSQL to_tsquery() text: each word a quoted lexeme joined by &, the last one a prefix
 * (:*). websearch_to_tsquery() has no prefix matching, and its phrase and "-word" syntax would
 * mean something on PostgreSQL that it cannot mean on SQLite.
 */
export function toTsQuery(terms: string[]): string {
	return terms.map((term, index) => `'${term}'${isPrefix(terms, index) ? ':*' : ''}`).join(' & ')
}

export type Sentinels = { open: string; close: string }

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!)
}

/**
 * Safe HTML from an engine's snippet: the engine marked the hits with sentinel strings that
 * nobody can type (they carry a random nonce), the text is escaped, then the sentinels become
 * <mark> tags, the only markup in the result.
 */
export function snippetToHtml(raw: string, sentinels: Sentinels): string {
	return markHits(escapeHtml(raw), sentinels)
}

/** For text escaped before the engine marked it (PostgreSQL's ts_headline runs on escaped text). */
export function markHits(escaped: string, sentinels: Sentinels): string {
	return escaped.split(sentinels.open).join('<mark>').split(sentinels.close).join('</mark>')
}

/**
 * The whole FTS5 MATCH of a search: the words, each limited to the title and body columns (so a
 * filter token can never be matched by typing it), ANDed with the filter tokens (facets.ts),
 * each group an OR.
 */
export function toFtsMatch(terms: string[], facets: string[][], options: { prefix?: boolean } = {}): string {
	const prefix = options.prefix ?? true
	const words = terms.map(
		(term, index) => `{title body} : "${term}"${prefix && isPrefix(terms, index) ? '*' : ''}`,
	)
	const groups = facets
		.filter((group) => group.length > 0)
		.map((group) => `(${group.map((token) => `facets : "${token}"`).join(' OR ')})`)
	// Explicit ANDs: FTS5 refuses an implicit AND before a bracket.
	return [...words, ...groups].join(' AND ')
}

/**
 * PostgreSQL: the words as a to_tsquery('english', …) text limited to the title and body
 * weights (A and B), and the filter tokens as a to_tsquery('simple', …) text limited to D.
 * Tokens are letters and digits only (facets.ts), so they need no escaping.
 */
export function toTsQueries(
	terms: string[],
	facets: string[][],
	options: { prefix?: boolean } = {},
): { words: string; facets: string } {
	const prefix = options.prefix ?? true
	const words = terms
		.map((term, index) => `'${term}':${prefix && isPrefix(terms, index) ? '*' : ''}AB`)
		.join(' & ')
	const groups = facets
		.filter((group) => group.length > 0)
		.map((group) => `(${group.map((token) => `'${token}':D`).join(' | ')})`)
	return { words, facets: groups.join(' & ') }
}
