import { stringify } from 'csv-stringify/sync'
import { db } from '#app/utils/db.server.ts'
import { readableSubmissionsWhere, type CycleAccess } from './access.server.ts'
import { parseAnswers, parseQuestions } from './answers.ts'
import { parseMetricValue } from './numbers.ts'
import { REVIEW_BLOCKER_LABELS, type Question } from './questions.ts'

// A cycle's updates as the export and the print page show them: the updates the viewer may read
// (access.server.ts), one per member, each answer as text in the order of the cycle's questions.

type Viewer = { id: string }

export type ReportUpdate = {
	memberId: string
	name: string
	status: 'draft' | 'submitted'
	submittedAt: Date | null
	answers: string[]
}

export type CycleReport = { quarter: string; questions: Question[]; updates: ReportUpdate[] }

/** One answer as text: a number as typed, a blocker by its label, text as written. */
export function answerText(question: Question, value: unknown): string {
	if (value === undefined || value === null) return ''
	if (question.kind === 'metric') {
		const number = parseMetricValue(value)
		return number === null ? '' : String(number)
	}
	if (typeof value !== 'string') return ''
	if (question.kind === 'blocker') return REVIEW_BLOCKER_LABELS[value as keyof typeof REVIEW_BLOCKER_LABELS] ?? value
	return value
}

export async function cycleReport(viewer: Viewer, access: CycleAccess): Promise<CycleReport> {
	const cycle = await db.reviewCycle.findUniqueOrThrow({
		where: { id: access.cycleId },
		select: { quarter: true, questions: true },
	})
	const questions = parseQuestions(cycle.questions)
	const rows = await db.reviewSubmission.findMany({
		where: readableSubmissionsWhere(access, viewer),
		select: { memberId: true, status: true, submittedAt: true, answers: true, member: { select: { name: true } } },
		orderBy: [{ member: { name: 'asc' } }, { id: 'asc' }],
	})
	return {
		quarter: cycle.quarter,
		questions,
		updates: rows.map((row) => {
			const answers = parseAnswers(row.answers)
			return {
				memberId: row.memberId,
				name: row.member.name,
				status: row.status === 'submitted' ? 'submitted' : 'draft',
				submittedAt: row.submittedAt,
				answers: questions.map((question) => answerText(question, answers[question.id])),
			}
		}),
	}
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first) is
 * written with a leading apostrophe, as OWASP advises for CSV exports; numbers stay numbers.
 */
function safeCell(text: string): string {
	return /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text
}

/** The cycle as CSV: a header row, then one row per update, a column per question. */
export function reportCsv(report: CycleReport): string {
	const header = ['Member', 'Status', 'Submitted at', ...report.questions.map((question) => question.label)]
	const rows = report.updates.map((update) => [
		update.name,
		update.status,
		update.submittedAt ? update.submittedAt.toISOString() : '',
		...update.answers,
	])
	return stringify([header, ...rows.map((row) => row.map(safeCell))], { bom: false })
}
