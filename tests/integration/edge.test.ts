// The HTTP edge of a started production server: body limits, form-only writes, security headers
// and the Content-Security-Policy nonce, caching of members' pages, redirects after log-in,
// Retry-After on 429, the signed flash-message cookie. Real HTTP, exactly the bytes a client sends.
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { createCookie } from 'react-router'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import type { RunningServer } from '#server/index.ts'
import { createUser, sessionCookieFor, TEST_PASSWORD } from '#tests/helpers.ts'
import { send, SERVER_START_TIMEOUT, startTestServer, type HttpResult } from '#tests/running-server.ts'

function formHeaders(body: string, extra: Record<string, string> = {}): Record<string, string> {
	return { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...extra }
}

/**
 * Sends the head of a request whose body declares `declaredBytes` but only `sentBytes` of it, and
 * returns the raw answer: a server that waited for (or buffered) the whole body would never answer.
 */
function sendPartialBody(url: string, path: string, head: Record<string, string>, declaredBytes: number, sentBytes: number): Promise<string> {
	const { hostname, port } = new URL(url)
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname)
		let answer = ''
		socket.setEncoding('utf8')
		socket.on('data', (chunk: string) => (answer += chunk))
		socket.on('error', () => resolve(answer))
		socket.on('close', () => resolve(answer))
		const timer = setTimeout(() => {
			socket.destroy()
			reject(new Error(`no answer within 5 s (got ${JSON.stringify(answer.slice(0, 200))})`))
		}, 5000)
		socket.on('close', () => clearTimeout(timer))
		socket.once('connect', () => {
			const headers = Object.entries({ Host: `${hostname}:${port}`, ...head, 'Content-Length': String(declaredBytes) })
				.map(([name, value]) => `${name}: ${value}\r\n`)
				.join('')
			socket.write(`POST ${path} HTTP/1.1\r\n${headers}\r\n`)
			socket.write(`name=${'x'.repeat(sentBytes - 5)}`)
		})
	})
}

let server: RunningServer

beforeAll(async () => {
	server = await startTestServer()
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	await server?.close()
})

describe('request bodies over the limit', () => {
	test('a sign-up declaring 50 MB is answered 413 with a short page before its body arrives', async () => {
		const answer = await sendPartialBody(
			server.url,
			'/signup',
			{ Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
			50 * 1024 * 1024,
			64 * 1024,
		)
		expect(answer).toMatch(/^HTTP\/1\.1 413 /)
		expect(answer).toMatch(/content-type: text\/html/i)
		expect(answer).toMatch(/Too much to send/)
		expect(answer).not.toMatch(/\bat \w+ \(|node_modules|Error:/)
		expect(answer.length).toBeLessThan(10_000)
	})

	test('a client that does not ask for HTML gets one line of text', async () => {
		const answer = await sendPartialBody(
			server.url,
			'/login',
			{ Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Accept: '*/*' },
			5 * 1024 * 1024,
			1024,
		)
		expect(answer).toMatch(/^HTTP\/1\.1 413 /)
		expect(answer).toMatch(/content-type: text\/plain/i)
		expect(answer).toMatch(/Too much to send: .*1 MB/)
	})

	test('a body sent in chunks without a length is cut off at the limit and never reaches the action', async () => {
		const email = `chunked-${Date.now()}@example.com`
		const { hostname, port } = new URL(server.url)
		const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = httpRequest(
				{
					hostname,
					port,
					path: '/signup',
					method: 'POST',
					agent: false,
					headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', accept: 'text/html' },
				},
				(res) => {
					let body = ''
					res.setEncoding('utf8')
					res.on('data', (chunk: string) => (body += chunk))
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
				},
			)
			req.on('error', reject)
			// A whole sign-up first, then padding past the limit: a truncated read would create the account.
			req.write(new URLSearchParams({ name: 'Chunky', email, company: 'C', password: 'long enough password', bio: '' }).toString())
			const padding = `&pad=${'y'.repeat(64 * 1024)}`
			let sent = 0
			const pump = () => {
				while (sent < 2 * 1024 * 1024) {
					sent += padding.length
					if (!req.write(padding)) return void req.once('drain', pump)
				}
				req.end()
			}
			pump()
		}).catch((error: unknown) => ({ status: -1, body: String(error) }))
		// The connection may be closed before the client finishes sending; the answer, when read, is a 413.
		if (result.status !== -1) expect(result.status).toBe(413)
		expect(await db.user.count({ where: { email } })).toBe(0)
	})

	test('a form under the limit but with fields over theirs is refused without echoing them', async () => {
		const long = 'x'.repeat(400_000)
		const body = new URLSearchParams({ name: long, email: `echo-${Date.now()}@example.com`, company: 'C', password: 'long enough password', extra: long }).toString()
		const response = await send(`${server.url}/signup`, {
			method: 'POST',
			headers: formHeaders(body, { origin: server.url, accept: 'text/html' }),
			body,
		})
		expect(response.status).toBe(400)
		expect(response.body).toMatch(/Use at most 80 characters/)
		expect(response.body).not.toMatch(/x{1000}/)
		expect(response.body.length).toBeLessThan(100_000)
	})

	test('a refused form still shows the values within their limits', async () => {
		const body = new URLSearchParams({ name: 'Ada Lovelace', email: 'not-an-email', company: 'Analytical', password: 'long enough password' }).toString()
		const response = await send(`${server.url}/signup`, { method: 'POST', headers: formHeaders(body, { origin: server.url }), body })
		expect(response.status).toBe(400)
		expect(response.body).toMatch(/value="Ada Lovelace"/)
		expect(response.body).toMatch(/Enter a valid email address/)
		// The password is never sent back.
		expect(response.body).not.toMatch(/long enough password/)
	})
})

describe('writes that are not forms', () => {
	test.each([
		['JSON', { 'content-type': 'application/json' }, '{"email":"a@b.c","password":"x"}'],
		['plain text', { 'content-type': 'text/plain' }, 'email=a@b.c'],
		['no content type', {}, ''],
		['a content type that only starts like a form', { 'content-type': 'application/x-www-form-urlencodedX' }, 'a=b'],
	])('%s posted to an action is answered 415 with a clear message', async (_kind, headers, body) => {
		for (const path of ['/login', '/logout', '/settings/profile', '/resources/drafts', '/resources/read-marker', '/no-such-page']) {
			const response = await send(`${server.url}${path}`, {
				method: 'POST',
				headers: { origin: server.url, 'content-length': String(Buffer.byteLength(body)), ...headers },
				body,
			})
			expect({ path, status: response.status }).toEqual({ path, status: 415 })
			expect(response.body).toMatch(/accepts only form submissions/)
		}
	})

	test('a multipart body is refused with 415 before any action reads it (no form of ours sends one)', async () => {
		const boundary = 'peerpowerboundary'
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nnobody@example.com\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\nwrong\r\n--${boundary}--\r\n`
		const response = await send(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(Buffer.byteLength(body)) },
			body,
		})
		expect(response.status).toBe(415)
		expect(response.body).toMatch(/accepts only form submissions/)
	})
})

describe('addresses with a NUL character', () => {
	test('are refused at the edge with 400 and a message, before any query meets them', async () => {
		for (const address of ['/t/%00', '/search?q=cash&forumId=%00', '/u/abc%00def']) {
			const response = await send(`${server.url}${address}`, { headers: { accept: 'text/html' } })
			expect(response.status, address).toBe(400)
			expect(response.body, address).toMatch(/null character/)
		}
	})
})

describe('security headers', () => {
	test('every page has a Content-Security-Policy whose nonce is on each of its inline scripts', async () => {
		const first = await send(`${server.url}/login`)
		const second = await send(`${server.url}/login`)
		const csp = String(first.headers['content-security-policy'])
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		expect(nonce).toBeTruthy()
		expect(String(second.headers['content-security-policy'])).not.toContain(nonce)
		const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? ''
		expect(scriptSrc).toContain(`'nonce-${nonce}'`)
		expect(scriptSrc).not.toContain('unsafe-inline')
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).toContain("object-src 'none'")
		expect(csp).toMatch(/img-src 'self' data:(;|$)/)
		const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
		expect(scripts.length).toBeGreaterThan(0)
		for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
	})

	test('the other headers: no sniffing, no framing, no referrer to other sites, HSTS in production', async () => {
		const response = await send(`${server.url}/login`)
		expect(response.headers['x-content-type-options']).toBe('nosniff')
		expect(response.headers['x-frame-options']).toBe('DENY')
		expect(response.headers['referrer-policy']).toBe('same-origin')
		expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/)
		expect(response.headers['x-powered-by']).toBeUndefined()
	})

	test('a logged-in member’s pages are never stored; an anonymous page may be', async () => {
		const user = await createUser()
		const cookie = await sessionCookieFor(user.id)
		for (const path of ['/', '/settings/profile', '/notifications']) {
			const response = await send(`${server.url}${path}`, { headers: { cookie } })
			expect({ path, status: response.status }).toEqual({ path, status: 200 })
			expect(response.headers['cache-control']).toBe('private, no-store')
		}
		const anonymous = await send(`${server.url}/login`)
		expect(anonymous.headers['cache-control']).toBeUndefined()
		// An answer that sets the session cookie is not stored either.
		const body = new URLSearchParams({ email: user.email, password: TEST_PASSWORD }).toString()
		const login = await send(`${server.url}/login`, { method: 'POST', headers: formHeaders(body, { origin: server.url }), body })
		expect(login.status).toBe(302)
		expect(login.headers['cache-control']).toBe('private, no-store')
	})

	test('static files keep their long cache, even for a member', async () => {
		const page = await send(`${server.url}/login`)
		const asset = /src="(\/assets\/[^"]+\.js)"|href="(\/assets\/[^"]+\.js)"/.exec(page.body)
		const assetPath = asset?.[1] ?? asset?.[2]
		expect(assetPath).toBeTruthy()
		const user = await createUser()
		const response = await send(`${server.url}${assetPath}`, { headers: { cookie: await sessionCookieFor(user.id) } })
		expect(response.status).toBe(200)
		expect(response.headers['cache-control']).toMatch(/immutable/)
	})
})

describe('the redirect after log-in', () => {
	async function logInWith(redirectTo: string): Promise<HttpResult> {
		const user = await createUser()
		const body = new URLSearchParams({ email: user.email, password: TEST_PASSWORD, redirectTo }).toString()
		return send(`${server.url}/login`, { method: 'POST', headers: formHeaders(body, { origin: server.url }), body })
	}

	test.each([
		['a tab between two slashes', '/\t/evil.example/phish'],
		['a newline', '/\n/evil.example'],
		['a newline and a header', '/g\r\nSet-Cookie: x=1'],
		['a protocol-relative URL', '//evil.example'],
		['a backslash', '/\\evil.example'],
		['an absolute URL', 'https://evil.example/'],
		['a javascript: URL', 'javascript:alert(1)'],
	])('%s leads home, not off-site and not to an error', async (_kind, redirectTo) => {
		const response = await logInWith(redirectTo)
		expect(response.status).toBe(302)
		expect(response.headers.location).toBe('/')
	})

	test('a path of ours is kept', async () => {
		const response = await logInWith('/settings/profile?tab=1')
		expect(response.status).toBe(302)
		expect(response.headers.location).toBe('/settings/profile?tab=1')
	})
})

describe('the flash-message cookie', () => {
	test('an unsigned (forged) flash message is not shown', async () => {
		const forged = await createCookie('pp_toast').serialize({ type: 'info', title: 'Forged notice from the admins' })
		const response = await send(`${server.url}/login`, { headers: { cookie: forged.split(';')[0]! } })
		expect(response.status).toBe(200)
		expect(response.body).not.toMatch(/Forged notice/)
	})

	test('a flash message of ours is shown once, from a signed cookie', async () => {
		const email = `toast-${Date.now()}@example.com`
		const password = 'long enough password'
		const signupBody = new URLSearchParams({ name: 'Toast Reader', email, company: 'T', password }).toString()
		const signup = await send(`${server.url}/signup`, { method: 'POST', headers: formHeaders(signupBody, { origin: server.url }), body: signupBody })
		expect(signup.status).toBe(302)
		const loginBody = new URLSearchParams({ email, password }).toString()
		const login = await send(`${server.url}/login`, { method: 'POST', headers: formHeaders(loginBody, { origin: server.url }), body: loginBody })
		expect(login.status).toBe(302)
		const session = [login.headers['set-cookie']].flat().map((cookie) => String(cookie).split(';')[0]!).find((cookie) => cookie.startsWith('pp_session='))!
		// Opening a notification that is gone leads to the list with a flash message.
		const gone = await send(`${server.url}/notifications/no-such-notification`, { headers: { cookie: session } })
		expect(gone.status).toBe(302)
		const toast = [gone.headers['set-cookie']].flat().map((cookie) => String(cookie).split(';')[0]!).find((cookie) => cookie.startsWith('pp_toast='))!
		// Signed: the value ends with a signature after a dot.
		expect(decodeURIComponent(toast.slice('pp_toast='.length))).toMatch(/\.[A-Za-z0-9+/]+=*$/)
		const list = await send(`${server.url}/notifications`, { headers: { cookie: `${session}; ${toast}` } })
		expect(list.body).toMatch(/That notification is no longer available/)
	})

})

describe('429 answers', () => {
	test('a refused log-in carries Retry-After over HTTP', async () => {
		const user = await createUser()
		const body = new URLSearchParams({ email: user.email, password: 'a wrong password' }).toString()
		let response: HttpResult | undefined
		for (let attempt = 0; attempt < 60; attempt++) {
			response = await send(`${server.url}/login`, { method: 'POST', headers: formHeaders(body, { origin: server.url }), body })
			if (response.status === 429) break
		}
		expect(response?.status).toBe(429)
		expect(Number(response?.headers['retry-after'])).toBeGreaterThan(0)
	})
})
