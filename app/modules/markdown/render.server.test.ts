import { describe, expect, test } from 'vitest'
import { candidateHandles, renderMarkdown } from './renderer.server.ts'

describe('renderMarkdown', () => {
	test('renders GitHub-flavoured tables, lists, code and autolinks', async () => {
		const { html } = await renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n`code` and https://example.com')
		expect(html).toContain('<table>')
		expect(html).toContain('<li>one</li>')
		expect(html).toContain('<code>code</code>')
		expect(html).toMatch(/<a href="https:\/\/example\.com"[^>]*>https:\/\/example\.com<\/a>/)
	})

	test('outside links open in a new tab with noopener and nofollow', async () => {
		const { html } = await renderMarkdown('[vendor](https://partner.example.com/mdf)')
		expect(html).toMatch(/target="_blank"/)
		expect(html).toMatch(/rel="nofollow noopener noreferrer"/)
	})

	test('script tags, event handlers and javascript: links render inert', async () => {
		const { html } = await renderMarkdown(
			'<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))\n\n<a href="javascript:alert(4)">x</a>',
		)
		expect(html).not.toMatch(/<script/i)
		expect(html).not.toMatch(/onerror/i)
		expect(html).not.toMatch(/javascript:/i)
	})

	test('known mentions become profile links, unknown ones stay text', async () => {
		const { html } = await renderMarkdown('thanks @ada and @nobody', [{ id: 'u1', handle: 'ada' }])
		expect(html).toContain('<a href="/u/u1">@ada</a>')
		expect(html).toContain('@nobody')
		expect(html).not.toContain('/u/undefined')
	})

	test('one render gives the handles written outside code, and the plain text', async () => {
		const rendered = await renderMarkdown('hi @Ada.L and @bob, mail x@corp.com `@code`')
		expect(rendered.mentionedHandles.sort()).toEqual(['ada.l', 'bob'])
		expect(rendered.text).toBe('hi @Ada.L and @bob, mail x@corp.com @code')
	})

	test('plain text drops markdown syntax and keeps words and punctuation together', async () => {
		expect((await renderMarkdown('# Title\n\n**bold** [link](https://x.y)')).text).toBe('Title bold link')
		expect((await renderMarkdown('Send **invoices**, and\n\n- chase\n- rebates')).text).toBe('Send invoices, and chase rebates')
	})
})

test('candidate handles are read from the raw text, code included, without parsing', () => {
	expect(candidateHandles('hi @Ada.L and @bob, mail x@corp.com `@code`').sort()).toEqual(['ada.l', 'bob', 'code'])
	expect(candidateHandles('@a1 @b2 @c3', 2)).toHaveLength(2)
})
