// Ceiling for the page scenarios: a bare Express server answering every request with React's
// renderToString of a page as big as the app's (the same posts' HTML, or a list of the same
// threads, padded to the app's byte size), with no database, session or router. What the app
// does beyond this (auth, queries, loaders, the router, hydration data) is its own cost.
//   BENCH_RENDER_CONFIG=<json file> PORT=<port> node --import tsx bench/ceilings/render-server.ts
import { readFileSync } from 'node:fs'
import express from 'express'
import { createElement as h, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'

export type RenderConfig = {
	thread: { title: string; posts: Array<{ author: string; date: string; html: string }>; targetBytes: number }
	list: { threads: Array<{ title: string; author: string; replies: number; date: string }>; targetBytes: number }
}

const config = JSON.parse(readFileSync(process.env.BENCH_RENDER_CONFIG!, 'utf8')) as RenderConfig

function Document({ title, children }: { title: string; children?: ReactNode }) {
	return h(
		'html',
		{ lang: 'en' },
		h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, title)),
		h('body', null, h('header', null, h('nav', null, h('a', { href: '/' }, 'PeerPower'))), h('main', null, children)),
	)
}

const filler = (count: number) =>
	Array.from({ length: count }, (_, i) => h('p', { key: `f${i}`, className: 'text-sm text-slate-600' }, 'Padding to the size of the app’s page, one line at a time.'))

function ThreadPage({ padding }: { padding: number }) {
	const { title, posts } = config.thread
	return h(
		Document,
		{ title },
		h('h1', null, title),
		posts.map((post, i) =>
			h(
				'article',
				{ key: i, id: `post-${i + 1}`, className: 'rounded-xl border bg-white p-4' },
				h('header', null, h('a', { href: `/u/${i}` }, post.author), h('time', { dateTime: post.date }, post.date)),
				h('div', { className: 'prose', dangerouslySetInnerHTML: { __html: post.html } }),
				h('footer', null, h('button', { type: 'button' }, 'Helpful'), h('button', { type: 'button' }, 'Quote')),
			),
		),
		filler(padding),
	)
}

function ListPage({ padding }: { padding: number }) {
	return h(
		Document,
		{ title: 'Forum' },
		h('h1', null, 'Forum'),
		h(
			'ul',
			null,
			config.list.threads.map((thread, i) =>
				h(
					'li',
					{ key: i, className: 'flex gap-3 border-b p-3' },
					h('a', { href: `/t/${i}` }, thread.title),
					h('span', null, thread.author),
					h('span', null, `${thread.replies} replies`),
					h('time', { dateTime: thread.date }, thread.date),
				),
			),
		),
		filler(padding),
	)
}

/** How many filler lines bring the page to `target` bytes. */
function paddingFor(render: (padding: number) => string, target: number): number {
	const bare = Buffer.byteLength(render(0))
	const line = Buffer.byteLength(render(1)) - bare
	return Math.max(0, Math.round((target - bare) / line))
}

const renderThread = (padding: number) => '<!DOCTYPE html>' + renderToString(h(ThreadPage, { padding }))
const renderList = (padding: number) => '<!DOCTYPE html>' + renderToString(h(ListPage, { padding }))
const threadPadding = paddingFor(renderThread, config.thread.targetBytes)
const listPadding = paddingFor(renderList, config.list.targetBytes)

const app = express()
app.disable('x-powered-by')
app.get('/healthz', (_req, res) => {
	res.send('ok')
})
app.get('/thread', (_req, res) => {
	res.type('html').send(renderThread(threadPadding))
})
app.get('/list', (_req, res) => {
	res.type('html').send(renderList(listPadding))
})
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	const address = server.address()
	const port = typeof address === 'object' && address ? address.port : 0
	// The parent reads the port from the first line.
	console.log(JSON.stringify({ port, threadBytes: Buffer.byteLength(renderThread(threadPadding)), listBytes: Buffer.byteLength(renderList(listPadding)) }))
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
