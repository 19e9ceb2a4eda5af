// `npm start` runs the server compiled at build time (scripts/build-server.mjs → build/start.mjs)
// with plain Node: it must start, migrate, serve pages and render markdown in its compiled
// workers, and stop gracefully, without tsx anywhere in the process. It serves this test file's
// database, where the members and the thread are made first.
import { execFile } from 'node:child_process'
import { cp, mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { forumWorld, startThread } from '#tests/forum-helpers.ts'
import { projectRoot } from '#server/db/engine.ts'
import { freePort, spawnServer, type ServerProcess } from '#tests/server-process.ts'
import { ensureServerBuild, SERVER_START_TIMEOUT } from '#tests/running-server.ts'
import { tmpDir } from '#tests/setup/test-database.ts'

// A folder of its own (inside the project, so the build finds node_modules): the tests' shared
// build is left as the other test files expect it, without a compiled server in it.
const runDir = path.join(tmpDir, `compiled-${process.pid}-${Date.now()}`)
const buildDir = path.join(runDir, 'build')
let server: ServerProcess | undefined
let w: Awaited<ReturnType<typeof forumWorld>>
let threadId: string

beforeAll(async () => {
	const appBuild = path.dirname(path.dirname(await ensureServerBuild()))
	await mkdir(runDir, { recursive: true })
	await cp(appBuild, buildDir, { recursive: true })
	await promisify(execFile)(
		process.execPath,
		[path.join(projectRoot, 'scripts/build-server.mjs')],
		{
			cwd: projectRoot,
			env: { ...process.env, PEERPOWER_BUILD_DIR: buildDir },
			timeout: 120_000,
		},
	)
	w = await forumWorld()
	threadId = await startThread(
		w.alice,
		{ slug: w.group.slug },
		{ title: 'Compiled, and fast to start' },
	)
	server = await spawnServer({
		buildDir,
		databaseUrl: process.env.DATABASE_URL!,
		port: await freePort(),
		compiled: true,
		env: { LOG_LEVEL: 'error' },
	})
}, SERVER_START_TIMEOUT)

afterAll(async () => {
	await server?.stop()
	await rm(runDir, { recursive: true, force: true })
})

test('the compiled server starts and serves its pages', async () => {
	const health = await fetch(`${server!.url}/healthz`)
	expect(health.status).toBe(200)
	expect(await health.json()).toEqual({ status: 'ok', database: 'ok' })
	const login = await fetch(`${server!.url}/login`)
	expect(login.status).toBe(200)
	expect(await login.text()).toContain('<form')
	// The client folder's own files and its hashed assets are served as files.
	const favicon = await fetch(`${server!.url}/favicon.svg`)
	expect(favicon.status).toBe(200)
	expect(favicon.headers.get('content-type')).toContain('image/svg+xml')
	const asset = /\/assets\/[\w.-]+\.js/.exec(await (await fetch(`${server!.url}/login`)).text())?.[0]
	expect(asset).toBeDefined()
	expect((await fetch(`${server!.url}${asset}`)).status).toBe(200)
})

test('a reply posted through it is rendered by its compiled markdown workers', async () => {
	const form = new URLSearchParams({ intent: 'reply', body: 'Numbers are **clearer** now.' })
	const answer = await fetch(`${server!.url}/t/${threadId}`, {
		method: 'POST',
		headers: {
			cookie: w.bob.cookie,
			origin: server!.url,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: form,
		redirect: 'manual',
	})
	expect(answer.status).toBe(302)
	const post = await db.post.findFirstOrThrow({ where: { threadId, authorId: w.bob.id } })
	expect(post.bodyHtml).toContain('<strong>clearer</strong>')
	expect(post.bodyText).toBe('Numbers are clearer now.')
})

test('no TypeScript loader runs in it: neither the process nor its build mentions tsx', async () => {
	const commandLine = (await readFile(`/proc/${server!.pid}/cmdline`, 'utf8'))
		.split('\0')
		.filter(Boolean)
	expect(commandLine.some((arg) => arg.includes('tsx'))).toBe(false)
	expect(commandLine.at(-1)).toMatch(/scripts\/start\.mjs$/)
	// The workers run the compiled task, which imports no tsx (the source entry does).
	const worker = await readFile(path.join(buildDir, 'markdown.worker.mjs'), 'utf8')
	expect(worker).not.toMatch(/from ["']tsx/)
	expect(worker).toContain('renderMarkdownNow')
})

test('stops gracefully on SIGTERM with exit code 0', async () => {
	const running = server!
	server = undefined
	await running.stop()
	expect(await running.exited).toEqual({ code: 0, signal: null })
})
