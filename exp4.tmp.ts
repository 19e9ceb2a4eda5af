import { createThrowawayPostgres } from '#server/db/throwaway-postgres.ts'
import { migrateDatabase, readMigrations } from '#server/db/migrate.ts'
import { withSchemaEngine } from '#server/db/schema-engine.ts'
import { migrationsDir, schemaPath, type Engine } from '#server/db/engine.ts'
import fs from 'node:fs'
const filters = { externalTables: [], externalEnums: [] }
async function tryDiff(engine: Engine, url: string, from: any) {
  const schema = fs.readFileSync(schemaPath(engine), 'utf8')
  try {
    const r = await withSchemaEngine(engine, url, [['schema.prisma', schema]], (se) => se.diff({ from, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] }, script: true, exitCode: true, filters }))
    console.log(engine, from.tag, r.exitCode, r.stdout?.slice(0, 300))
  } catch (e) { console.log(engine, from.tag, 'ERR', (e as Error).message) }
}
const sqliteUrl = 'file:/tmp/exp4.db'
fs.rmSync('/tmp/exp4.db', { force: true })
await migrateDatabase(sqliteUrl)
await tryDiff('sqlite', sqliteUrl, { tag: 'url', url: sqliteUrl })
await tryDiff('sqlite', sqliteUrl, { tag: 'url', url: 'file:/nonexistent/zzz.db' })
await tryDiff('sqlite', 'file::memory:', { tag: 'migrations', ...(await readMigrations(migrationsDir('sqlite'))) })
const db = await createThrowawayPostgres()
try {
  await migrateDatabase(db.url)
  await tryDiff('postgresql', db.url, { tag: 'url', url: db.url })
  await tryDiff('postgresql', db.url, { tag: 'migrations', ...(await readMigrations(migrationsDir('postgresql'))) })
} finally { await db.drop() }
console.log('---- schemaDatasource')
{
  const schema = fs.readFileSync(schemaPath('sqlite'), 'utf8')
  await tryDiff('sqlite', sqliteUrl, { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: schema }], configDir: '/tmp' })
  const db = await createThrowawayPostgres()
  try {
    await migrateDatabase(db.url)
    const pgs = fs.readFileSync(schemaPath('postgresql'), 'utf8')
    await tryDiff('postgresql', db.url, { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: pgs }], configDir: '/tmp' })
  } finally { await db.drop() }
}
