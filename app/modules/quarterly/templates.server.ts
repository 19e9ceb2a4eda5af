import { db, type DbTransaction } from '#app/utils/db.server.ts'
import { readQuestions } from './question-list.ts'
import { DEFAULT_QUESTIONS, type Question } from './questions.ts'

/** The questions a new cycle of the group starts with: the group's template, else the default. */
export async function templateQuestions(groupId: string, tx: DbTransaction | typeof db = db): Promise<Question[]> {
	const template = await tx.reviewTemplate.findUnique({ where: { groupId }, select: { questions: true } })
	const questions = template ? readQuestions(template.questions) : []
	return questions.length > 0 ? questions : DEFAULT_QUESTIONS
}

/** Whether the group keeps its own template (else new cycles get the default questions). */
export async function hasTemplate(groupId: string): Promise<boolean> {
	return (await db.reviewTemplate.count({ where: { groupId } })) > 0
}

/** Keeps these questions as the group's template for its next cycles. */
export async function saveTemplate(groupId: string, questions: Question[]): Promise<void> {
	const json = JSON.stringify(questions)
	await db.reviewTemplate.upsert({ where: { groupId }, create: { groupId, questions: json }, update: { questions: json } })
}
