import type { TestProject } from 'vitest/node'
import { createTemplate } from './test-database.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		templateDatabaseUrl: string
	}
}

export default async function setup(project: TestProject) {
	const template = await createTemplate()
	project.provide('templateDatabaseUrl', template.url)
	return template.dispose
}
