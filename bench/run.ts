// `npm run bench`: runs every benchmark in bench/ (or those named: `npm run bench -- thread-open`),
// each in its own process so each gets its own throwaway database. Figures are printed and
// written to bench/results/<name>.json. Benchmarks measure; they never pass or fail on timings.
import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const helpers = new Set(['run.ts', 'lib.ts'])

const all = (await readdir(benchDir))
	.filter((file) => file.endsWith('.ts') && !helpers.has(file))
	.sort()
const wanted = process.argv.slice(2)
const chosen =
	wanted.length > 0 ? all.filter((file) => wanted.includes(path.basename(file, '.ts'))) : all
if (chosen.length === 0) {
	console.error(
		`No benchmark named ${wanted.join(', ')}. There are: ${all.map((f) => path.basename(f, '.ts')).join(', ')}`,
	)
	process.exit(1)
}

let failed = false
for (const file of chosen) {
	console.log(`\n▶ ${path.basename(file, '.ts')}`)
	const code = await new Promise<number>((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], {
			cwd: path.dirname(benchDir),
			stdio: 'inherit',
			env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
		})
		child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
	})
	if (code !== 0) {
		console.error(`✗ ${file} exited with ${code}`)
		failed = true
	}
}
process.exit(failed ? 1 : 0)
