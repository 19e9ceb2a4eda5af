// `npm start` / `npm run demo`: runs the compiled server (build/start.mjs, from scripts/start.ts)
// with plain Node, building first when the build is missing or `--build` is given. Plain
// JavaScript, so a fresh clone can start without compiling anything by hand.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// react-router.config.ts and scripts/build-server.mjs read the same variable.
const buildDir = path.resolve(projectRoot, process.env.PEERPOWER_BUILD_DIR || 'build')
const compiled = path.join(buildDir, 'start.mjs')
const forceBuild = process.argv.includes('--build')

if (forceBuild || !existsSync(compiled) || !existsSync(path.join(buildDir, 'server/index.js'))) {
	console.log('Building PeerPower (npm run build)…')
	const result = spawnSync('npm', ['run', 'build'], {
		cwd: projectRoot,
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' },
	})
	if (result.status !== 0) {
		console.error(`The build failed (exit ${result.status ?? result.signal}).`)
		process.exit(1)
	}
}

// Before the bundle's first import: React and other packages choose their build when loaded.
process.env.NODE_ENV = 'production'
// The compiled scripts/start.ts reads its options (--demo) from process.argv as before; the build
// is done.
process.argv = process.argv.filter((arg) => arg !== '--build')
await import(pathToFileURL(compiled).href)
