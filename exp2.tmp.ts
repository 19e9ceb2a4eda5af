import { withSchemaEngine } from '#server/db/schema-engine.ts'
import fs from 'node:fs'
const schema = fs.readFileSync('prisma/postgres/schema.prisma', 'utf8')
const files = [{ path: 'schema.prisma', content: schema }]
const filters = { externalTables: [], externalEnums: [] }
const t0 = Date.now()
const url = process.argv[2]!
const out = await withSchemaEngine('postgresql', url, [['schema.prisma', schema]], async (se) => {
  return se.diff({ from: { tag: 'empty' }, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: true, filters })
})
console.log(out.exitCode, out.stdout?.slice(0, 200), Date.now() - t0)
