import { describe, expect, test } from 'vitest'
import { extractMentions, renderMarkdown, toPlainText } from './markdown.server.ts'

describe('renderMarkdown', () => {
	test('renders GitHub-flavoured tables, lists, code and autolinks', () => {
		const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n`code` and https://example.com')
		expect(html).toContain('<table>')
		expect(html).toContain('<li>one</li>')
		expect(html).toContain('<code>code</code>')
		expect(html).toMatch(/<a href="https:\/\/example\.com"[^>]*>https:\/\/example\.com<\/a>/)
	})

	test('outside links open in a new tab with noopener and nofollow', () => {
		const html = renderMarkdown('[vendor](https://partner.example.com/mdf)')
		expect(html).toMatch(/target="_blank"/)
		expect(html).toMatch(/rel="nofollow noopener noreferrer"/)
	})

	test('script tags, event handlers and javascript: links render inert', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))\n\n<a href="javascript:alert(4)">x</a>',
		)
		expect(html).not.toMatch(/<script/i)
		expect(html).not.toMatch(/onerror/i)
		expect(html).not.toMatch(/javascript:/i)
	})

	test('known mentions become profile links, unknown ones stay text', () => {
		const html = renderMarkdown('thanks @ada and @nobody', [{ id: 'u1', handle: 'ada' }])
		expect(html).toContain('<a href="/u/u1">@ada</a>')
		expect(html).toContain('@nobody')
		expect(html).not.toContain('/u/undefined')
	})
})

describe('extractMentions', () => {
	test('finds handles in text but not in code or email addresses', () => {
		expect(extractMentions('hi @Ada.L and @bob, mail x@corp.com `@code`').sort()).toEqual(['ada.l', 'bob'])
	})
})

test('toPlainText drops markdown syntax and keeps words and punctuation together', () => {
	expect(toPlainText('# Title\n\n**bold** [link](https://x.y)')).toBe('Title bold link')
	expect(toPlainText('Send **invoices**, and\n\n- chase\n- rebates')).toBe('Send invoices, and chase rebates')
})
