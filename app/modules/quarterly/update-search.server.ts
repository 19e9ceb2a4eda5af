// A submitted update's search document, written in the transaction that submits or changes it
// (its kind and who may find it: subjects.server.ts). Drafts are never indexed: they are their
// author's alone until submitted. Only the written answers are indexed, not the key numbers.
import { indexSubject, unindexSubject } from '#app/modules/search/index.server.ts'
import type { DbTransaction } from '#app/utils/db.server.ts'
import { readAnswers, readQuestions } from './question-list.ts'
import { QUARTERLY_SUBMISSION } from './subjects.server.ts'

export async function indexUpdate(tx: DbTransaction, submissionId: string): Promise<void> {
	const submission = await tx.reviewSubmission.findUnique({
		where: { id: submissionId },
		select: {
			status: true,
			answers: true,
			member: { select: { name: true } },
			cycle: { select: { quarter: true, questions: true } },
		},
	})
	if (!submission || submission.status !== 'submitted') {
		await unindexSubject(tx, QUARTERLY_SUBMISSION, [submissionId])
		return
	}
	const answers = readAnswers(submission.answers)
	const text = readQuestions(submission.cycle.questions)
		.filter((question) => question.kind === 'text' && typeof answers[question.id] === 'string')
		.map((question) => `${question.label}: ${answers[question.id]}`)
		.join('\n\n')
	await indexSubject(tx, {
		kind: QUARTERLY_SUBMISSION,
		id: submissionId,
		// One scope per update: its readers differ by cycle visibility and by author.
		scope: submissionId,
		title: `${submission.member.name}’s ${submission.cycle.quarter} update`,
		text,
	})
}
