import { describe, expect, test } from 'vitest'
import {
	escapeHtml,
	markHits,
	searchTerms,
	snippetToHtml,
	toFtsExpression,
	toFtsMatch,
	toTsQueries,
	toTsQuery,
} from './terms.ts'

describe('search terms', () => {
	test('keep only words: no syntax of either engine survives', () => {
		expect(searchTerms('"MDF" AND( claim* -deadline NEAR/3 title:x')).toEqual([
			'mdf',
			'and',
			'claim',
			'deadline',
			'near',
			'3',
			'title',
			'x',
		])
		expect(searchTerms(`'; DROP TABLE "Post"; --`)).toEqual(['drop', 'table', 'post'])
		expect(searchTerms('"  *  ( ) ^ :')).toEqual([])
		expect(searchTerms('Café naïve 日本語')).toEqual(['café', 'naïve', '日本語'])
		expect(searchTerms('one two three four five six seven eight nine ten')).toHaveLength(8)
	})

	test('FTS5: quoted strings, implicit AND, the last word a prefix', () => {
		expect(toFtsExpression(['near', 'and', 'rebat'])).toBe('"near" "and" "rebat"*')
		// A one-letter prefix would match most of the index.
		expect(toFtsExpression(['cash', 'a'])).toBe('"cash" "a"')
		expect(toFtsExpression([])).toBe('')
	})

	test('PostgreSQL: quoted lexemes joined by &, the last one a prefix', () => {
		expect(toTsQuery(['cash', 'flow'])).toBe("'cash' & 'flow':*")
	})
})

describe('snippet HTML', () => {
	const sentinels = { open: 'ppmabco', close: 'ppmabcc' }
	test('escapes the text and turns only the sentinels into <mark>', () => {
		expect(snippetToHtml('a <script>x</script> & ppmabcorebateppmabcc "q" \'s\'', sentinels)).toBe(
			'a &lt;script&gt;x&lt;/script&gt; &amp; <mark>rebate</mark> &quot;q&quot; &#39;s&#39;',
		)
		expect(escapeHtml('<mark>')).toBe('&lt;mark&gt;')
		expect(markHits('&lt;b&gt; ppmabcohitppmabcc', sentinels)).toBe('&lt;b&gt; <mark>hit</mark>')
	})
})

describe('the whole match, with filter tokens', () => {
	test('FTS5: words limited to the title and body, explicit ANDs, token groups ORed', () => {
		expect(toFtsMatch(['cash', 'flow'], [['ppforuma', 'ppforumb'], ['ppauthorx']])).toBe(
			'{title body} : "cash" AND {title body} : "flow"* AND (facets : "ppforuma" OR facets : "ppforumb") AND (facets : "ppauthorx")',
		)
		expect(toFtsMatch(['customer'], [[]], { prefix: false })).toBe('{title body} : "customer"')
	})

	test('PostgreSQL: words limited to weights A and B, tokens to D', () => {
		expect(toTsQueries(['cash', 'flow'], [['ppforuma', 'ppforumb'], ['ppkindlesson']])).toEqual({
			words: "'cash':AB & 'flow':*AB",
			facets: "('ppforuma':D | 'ppforumb':D) & ('ppkindlesson':D)",
		})
		expect(toTsQueries(['customer'], [], { prefix: false })).toEqual({ words: "'customer':AB", facets: '' })
	})
})
