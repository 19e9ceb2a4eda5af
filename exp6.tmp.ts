import { createThrowawayPostgres, isPostgresReachable } from '#server/db/throwaway-postgres.ts'
import { migrateDatabase } from '#server/db/migrate.ts'
let t = Date.now(); const lap = (s: string) => { console.log(s, Date.now() - t); t = Date.now() }
console.log(await isPostgresReachable()); lap('reach')
const db = await createThrowawayPostgres(); lap('create')
await migrateDatabase(db.url); lap('migrate')
await db.drop(); lap('drop')
setTimeout(() => {}, 0)
console.log(process.getActiveResourcesInfo())
