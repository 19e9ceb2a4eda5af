// The second half of `npm run build` (after `react-router build`): compiles the server process
// itself (scripts/start.ts, server/, the app modules it imports, the generated Prisma client) into
// one ES module, <build>/start.mjs, that `npm start` and `npm run demo` run with plain Node.
// Without it every start transpiled some hundred TypeScript files through tsx's loader first.
// Plain JavaScript, so it runs on a fresh clone before anything is compiled. Packages stay
// imports of node_modules (native ones such as better-sqlite3 cannot be bundled).
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const buildDir = path.resolve(projectRoot, process.env.PEERPOWER_BUILD_DIR || 'build')
const COMPILED_START = 'start.mjs'

const common = {
	absWorkingDir: projectRoot,
	bundle: true,
	packages: 'external',
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: 'linked',
	logLevel: 'warning',
	// The bundle is an ES module: CommonJS packages it imports still need `require` for their own use.
	banner: {
		js: "import { createRequire as __ppCreateRequire } from 'node:module'; const require = __ppCreateRequire(import.meta.url);",
	},
}
// Split: a module the server imports only when needed (the schema engine with the pg driver, the
// demo's seeding) is a chunk of its own, and its packages load with it, not at every start.
// Chunks of an earlier build have other names: they would pile up.
await rm(path.join(buildDir, 'server-chunks'), { recursive: true, force: true })
await build({
	...common,
	entryPoints: {
		[COMPILED_START.replace(/\.mjs$/, '')]: path.join(projectRoot, 'scripts/start.ts'),
		// The markdown workers' task, compiled too, so that the server's workers load no compiler.
		'markdown.worker': path.join(projectRoot, 'app/modules/markdown/worker-task.server.ts'),
	},
	outdir: buildDir,
	splitting: true,
	chunkNames: 'server-chunks/[name]-[hash]',
	outExtension: { '.js': '.mjs' },
})
console.log(
	`Compiled the server into ${path.relative(projectRoot, path.join(buildDir, COMPILED_START))}`,
)
