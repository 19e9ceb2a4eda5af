// The ceiling a read page is compared with: bare Express answering every GET with React's
// renderToString of a page of the same size (posts with author, date, buttons and a stored HTML
// body), no database, no router, no loader data. Run in production mode, in its own process:
//   node --import tsx bench/read-pages/ceiling-server.ts PORT BYTES
// It prints "ready <port> <bytes>" once listening.
import express from 'express'
import { createElement as h, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'

const port = Number(process.argv[2] ?? 0)
const target = Number(process.argv[3] ?? 100_000)

const BODY =
	'<p>We looked at <strong>cash flow</strong> again this quarter and the numbers are clearer now than they were in the spring. ' +
	'The vendor program details are <a href="https://partner.example.com/programs" rel="nofollow noopener noreferrer" target="_blank">on the partner portal</a>, but the claim form changed twice.</p>\n' +
	'<ul>\n<li>invoicing in milestones</li>\n<li>a credit line we never touched</li>\n<li>weekly review of receivables</li>\n</ul>\n' +
	'<blockquote>\n<p>What helped most was a weekly review of receivables with the office manager.</p>\n</blockquote>'

type Item = { id: string; author: string; company: string; at: string; body: string; helpful: number }

function Post({ item }: { item: Item }): ReactNode {
	return h(
		'article',
		{ id: `post-${item.id}`, className: 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm' },
		h(
			'header',
			{ className: 'mb-2 flex items-center justify-between gap-2 text-sm text-slate-600' },
			h('a', { href: `/u/${item.id}`, className: 'font-medium text-slate-900 hover:underline' }, item.author),
			h('span', { className: 'text-slate-500' }, item.company),
			h('time', { dateTime: item.at, title: item.at }, item.at.slice(0, 10)),
		),
		h('div', { className: 'prose prose-slate max-w-none', dangerouslySetInnerHTML: { __html: item.body } }),
		h(
			'footer',
			{ className: 'mt-3 flex flex-wrap gap-2 text-sm' },
			h('button', { type: 'button', className: 'rounded border px-2 py-1' }, `Helpful · ${item.helpful}`),
			h('button', { type: 'button', className: 'rounded border px-2 py-1' }, 'Quote'),
			h('button', { type: 'button', className: 'rounded border px-2 py-1' }, 'Bookmark'),
			h('a', { href: `#post-${item.id}`, className: 'text-slate-500' }, `#${item.id}`),
		),
	)
}

function Page({ items }: { items: Item[] }): ReactNode {
	return h(
		'html',
		{ lang: 'en' },
		h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, 'A thread · PeerPower')),
		h('body', null, h('main', { className: 'mx-auto max-w-6xl px-4 py-8' }, items.map((item) => h(Post, { key: item.id, item })))),
	)
}

const itemsOf = (count: number): Item[] =>
	Array.from({ length: count }, (_, i) => ({
		id: String(i + 1),
		author: `Member ${i}`,
		company: `Company ${i % 37}`,
		at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
		body: BODY,
		helpful: i % 4,
	}))

// As many posts as make a page of the requested size.
const one = renderToString(h(Page, { items: itemsOf(1) })).length
const two = renderToString(h(Page, { items: itemsOf(2) })).length
const count = Math.max(1, Math.round((target - one) / (two - one)) + 1)
const items = itemsOf(count)

const app = express()
app.disable('x-powered-by')
app.get('/{*splat}', (_req, res) => {
	res.type('html').send(`<!DOCTYPE html>${renderToString(h(Page, { items }))}`)
})
const server = app.listen(port, '127.0.0.1', () => {
	const address = server.address()
	const bytes = renderToString(h(Page, { items })).length + 15
	console.log(`ready ${typeof address === 'object' && address ? address.port : port} ${bytes}`)
})
