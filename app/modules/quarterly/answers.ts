import { METRICS, QUESTION_KINDS, type Question } from './questions.ts'

// Reading what a cycle stores as JSON (its questions, an update's answers) without trusting it:
// a row written by an older version, by hand or by a bug must show as "no answer", never as a 500.

/** A cycle's questions (ReviewCycle.questions); questions of an unknown shape are left out. */
export function parseQuestions(json: string): Question[] {
	let raw: unknown
	try {
		raw = JSON.parse(json)
	} catch {
		return []
	}
	if (!Array.isArray(raw)) return []
	return raw.filter((item): item is Question => {
		if (!item || typeof item !== 'object') return false
		const q = item as Record<string, unknown>
		if (typeof q.id !== 'string' || typeof q.label !== 'string') return false
		if (!(QUESTION_KINDS as readonly unknown[]).includes(q.kind)) return false
		return q.kind !== 'metric' || (METRICS as readonly unknown[]).includes(q.metric)
	})
}

/** An update's answers (ReviewSubmission.answers), keyed by question id. */
export function parseAnswers(json: string): Record<string, unknown> {
	try {
		const raw: unknown = JSON.parse(json)
		return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
	} catch {
		return {}
	}
}

/** A text answer, trimmed; '' when there is none. */
export function textAnswer(value: unknown): string {
	return typeof value === 'string' ? value.trim() : ''
}
