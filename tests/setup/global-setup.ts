import type { TestProject } from 'vitest/node'
import { createTemplate } from './test-database.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		templateDatabaseUrl: string
		/** When this run began: a server build made since then is used even if sources changed after. */
		runStartedAt: number
	}
}

export default async function setup(project: TestProject) {
	project.provide('runStartedAt', Date.now())
	const template = await createTemplate()
	project.provide('templateDatabaseUrl', template.url)
	return template.dispose
}
