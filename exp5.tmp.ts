import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { withSchemaEngine } from '#server/db/schema-engine.ts'
import fs from 'node:fs'
// load wasm via withSchemaEngine once
await withSchemaEngine('sqlite', 'file::memory:', [['s.prisma', 'datasource db {\n provider = "sqlite"\n}\n']], async () => {})
const bg: any = (globalThis as any).__peerpowerSchemaEngineWasm && await (globalThis as any).__peerpowerSchemaEngineWasm
const f = new PrismaBetterSqlite3({ url: '/tmp/exp4.db' })
const wrapped: any = {
  provider: f.provider, adapterName: f.adapterName,
  async connect() { console.log('connect'); const a: any = await f.connect(); return new Proxy(a, { get(t, p) { const v = t[p]; if (typeof v !== 'function') return v; return async (...args: any[]) => { console.log('call', String(p), JSON.stringify(args).slice(0, 150)); try { return await v.apply(t, args) } catch (e) { console.log('  threw', (e as Error).message); throw e } } } }) },
  async connectToShadowDb() { console.log('shadow'); return f.connectToShadowDb() },
}
const schema = fs.readFileSync('prisma/schema.prisma', 'utf8')
const se = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(wrapped))
try {
  const r = await se.diff({ from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: schema }], configDir: '/tmp' }, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] }, script: true, exitCode: true, filters: { externalTables: [], externalEnums: [] } })
  console.log(r)
} catch (e) { console.log('ERR', (e as Error).message.slice(0, 200)) }
se.free()
console.log('freed')
