// The markdown worker's entry: plain JavaScript, so that a worker thread can load it in every
// setting (the server under tsx, the production build, Vitest); it loads the TypeScript renderer.
import { tsImport } from 'tsx/esm/api'

const { renderMarkdownNow, plainTextNow } = await tsImport('./render.server.ts', import.meta.url)

/** @param {import('./markdown.ts').RenderTask & import('./markdown.ts').StartedFlag} task */
export default function render(task) {
	Atomics.store(task.started, 0, 1)
	return task.kind === 'render' ? renderMarkdownNow(task.markdown, task.mentions) : plainTextNow(task.markdown)
}
