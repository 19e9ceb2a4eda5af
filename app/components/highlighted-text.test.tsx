import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { HighlightedText } from './highlighted-text.tsx'
import { highlightSegments } from '#app/modules/search/highlight.ts'
import { searchTerms } from '#app/modules/search/terms.ts'

const hits = (text: string, query: string) =>
	highlightSegments(text, searchTerms(query))
		.filter((segment) => segment.hit)
		.map((segment) => segment.text)

describe('search hits in a title', () => {
	test('finds the query’s words whatever their case, plural or prefix, and gives the text back whole', () => {
		const title = 'MDF claims: Deadline for Q3 rebates?'
		const segments = highlightSegments(title, searchTerms('mdf CLAIM rebate dead'))
		expect(segments.map((segment) => segment.text).join('')).toBe(title)
		expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual([
			'MDF',
			'claims',
			'Deadline',
			'rebates',
		])
		// "rebates" typed finds "rebate" in the title, as the stemming engines do.
		expect(hits('One rebate, two', 'rebates')).toEqual(['rebate'])
		// A one-letter word is not a prefix: "a" marks only "a".
		expect(hits('A plan and a budget', 'a budget')).toEqual(['A', 'a', 'budget'])
		expect(hits('Café pricing', 'cafe')).toEqual([])
		expect(hits('Café pricing', 'café')).toEqual(['Café'])
		expect(highlightSegments('Nothing here', [])).toEqual([{ text: 'Nothing here', hit: false }])
	})

	test('characters special to regular expressions are plain text, in the query and in the title', () => {
		expect(hits('Cost (per seat) [USD] + $5.00 * 2?', '(per) [usd] $5.00 * .* ^ \\')).toEqual([
			'per',
			'USD',
			'5',
			'00',
		])
		expect(hits('a.*b (c|d)', '.* |')).toEqual([])
		expect(() => highlightSegments('x', searchTerms('[(*+?'))).not.toThrow()
	})

	test('HTML in a title is shown as text: only the hits are marked', () => {
		const markup = renderToStaticMarkup(
			<HighlightedText
				text={
					'<script>alert("rebate")</script> & <mark>rebates</mark> <img src=x onerror=alert(1)>'
				}
				query="rebate img"
			/>,
		)
		const html = markup.replaceAll(/<mark class="[^"]*">/g, '<mark>')
		expect(html).toBe(
			'&lt;script&gt;alert(&quot;<mark>rebate</mark>&quot;)&lt;/script&gt; &amp; &lt;mark&gt;<mark>rebates</mark>&lt;/mark&gt; &lt;<mark>img</mark> src=x onerror=alert(1)&gt;',
		)
		expect(markup).not.toMatch(/<(script|img)/)
	})
})
