// The markdown worker's entry from source: plain JavaScript, so that a worker thread can load it
// in every setting (the server under tsx, Vitest); it loads the TypeScript task through tsx. The
// production build compiles the same task into build/markdown.worker.mjs instead (see
// scripts/build-server.mjs), so that its workers load no compiler.
import { tsImport } from 'tsx/esm/api'

const { default: runTask } = await tsImport('./worker-task.server.ts', import.meta.url)

export default runTask
