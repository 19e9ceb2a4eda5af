import { createThrowawayPostgres } from '#server/db/throwaway-postgres.ts'
import { migrateDatabase } from '#server/db/migrate.ts'
const db = await createThrowawayPostgres()
try {
  let t = Date.now()
  console.log(await migrateDatabase(db.url), Date.now() - t)
  t = Date.now()
  console.log(await migrateDatabase(db.url), Date.now() - t)
  const pg = (await import('pg')).default
  const c = new pg.Client(db.url); await c.connect()
  console.log((await c.query('select migration_name, checksum, applied_steps_count from _prisma_migrations')).rows)
  console.log((await c.query("select tablename from pg_tables where schemaname='public'")).rows.map(r => r.tablename))
  await c.end()
} finally { await db.drop() }
