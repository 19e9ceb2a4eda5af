import { diffSchemas } from './scripts/db/schema-diff.ts'
import fs from 'node:fs'
const t = Date.now()
const s = fs.readFileSync('prisma/postgres/schema.prisma', 'utf8')
console.log((await diffSchemas('postgresql', s, s)).changed, Date.now() - t)
