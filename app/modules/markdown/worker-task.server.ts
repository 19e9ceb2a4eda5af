import type { RenderTask, StartedFlag } from './markdown.ts'
import { plainTextNow, renderMarkdownNow } from './render.server.ts'

/**
 * One task in a markdown worker. It raises the shared flag first: the render's time limit runs
 * from here, not from the moment the task was queued or the worker was still loading.
 */
export default function runTask(task: RenderTask & StartedFlag) {
	Atomics.store(task.started, 0, 1)
	return task.kind === 'render' ? renderMarkdownNow(task.markdown, task.mentions) : plainTextNow(task.markdown)
}
