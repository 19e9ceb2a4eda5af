// `node --import tsx bench/read-pages/make-db.ts FILE`: writes the big forum to FILE (for profiling
// by hand) and prints the reader's cookie and the thread's id as JSON.
import path from 'node:path'
import { rm } from 'node:fs/promises'
import { seedBigForum } from './seed.ts'

const file = path.resolve(process.argv[2] ?? 'bench-forum.db')
await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })))
const { migrateDatabase } = await import('#server/db/migrate.ts')
const { renderMarkdown, closeMarkdownPool } = await import('#app/modules/markdown/renderer.server.ts')
const { generateToken, hashToken, sessionCookieHeader } = await import('#app/modules/auth/sessions.server.ts')
await migrateDatabase(`file:${file}`)
const seeded = await seedBigForum(file, {
	render: renderMarkdown,
	hashToken,
	generateToken,
	cookieOf: (token) => sessionCookieHeader(token).split(';')[0]!,
})
await closeMarkdownPool()
console.log(JSON.stringify({ file, ...seeded }))
