import { QuarterlyError } from './quarterly-error.ts'
import {
	METRIC_LABELS,
	METRICS,
	QUESTION_KINDS,
	QUESTION_LIMITS,
	type Metric,
	type Question,
} from './questions.ts'
import type { AddQuestionInput } from './schemas.ts'

// A cycle's questions as a list a moderator edits before the cycle opens. Pure: the cycle and the
// template modules read and write the JSON; these functions change the list.

const TEXT_ROLES = ['wins', 'lesson', 'not_well', 'ask'] as const

/** Questions read back from JSON; anything unrecognisable is left out rather than failing a page. */
export function readQuestions(text: string | null | undefined): Question[] {
	let raw: unknown
	try {
		raw = JSON.parse(text ?? '[]')
	} catch {
		return []
	}
	if (!Array.isArray(raw)) return []
	const seen = new Set<string>()
	return raw.flatMap((item): Question[] => {
		if (!item || typeof item !== 'object') return []
		const q = item as Record<string, unknown>
		if (typeof q.id !== 'string' || typeof q.label !== 'string' || seen.has(q.id)) return []
		if (!(QUESTION_KINDS as readonly unknown[]).includes(q.kind)) return []
		seen.add(q.id)
		if (q.kind === 'metric') {
			if (!(METRICS as readonly unknown[]).includes(q.metric)) return []
			return [{ id: q.id, kind: 'metric', metric: q.metric as Metric, label: q.label }]
		}
		if (q.kind === 'blocker') return [{ id: q.id, kind: 'blocker', label: q.label }]
		return [
			{
				id: q.id,
				kind: 'text',
				label: q.label,
				...(typeof q.help === 'string' && q.help ? { help: q.help } : {}),
				...((TEXT_ROLES as readonly unknown[]).includes(q.role) ? { role: q.role as (typeof TEXT_ROLES)[number] } : {}),
			},
		]
	})
}

/** A new question at the end. A key number and the blocker are asked once each. */
export function addQuestion(questions: Question[], input: AddQuestionInput, newId: () => string): Question[] {
	if (questions.length >= QUESTION_LIMITS.maxQuestions)
		throw new QuarterlyError(`A cycle asks at most ${QUESTION_LIMITS.maxQuestions} questions: remove one first`)
	if (input.kind === 'metric') {
		const metric = input.metric!
		if (questions.some((q) => q.kind === 'metric' && q.metric === metric))
			throw new QuarterlyError(`${METRIC_LABELS[metric]} is asked already`, 'metric')
		// Its id is the metric's: numbers line up across cycles by it.
		const id = questions.some((q) => q.id === metric) ? `${metric}_${newId()}` : metric
		return [...questions, { id, kind: 'metric', metric, label: input.label }]
	}
	if (input.kind === 'blocker') {
		if (questions.some((q) => q.kind === 'blocker')) throw new QuarterlyError('The main blocker is asked already', 'kind')
		return [...questions, { id: questions.some((q) => q.id === 'blocker') ? `blocker_${newId()}` : 'blocker', kind: 'blocker', label: input.label }]
	}
	return [...questions, { id: `q_${newId()}`, kind: 'text', label: input.label, ...(input.help ? { help: input.help } : {}) }]
}

export function removeQuestion(questions: Question[], questionId: string): Question[] {
	if (!questions.some((q) => q.id === questionId)) throw new QuarterlyError('That question is not in this cycle')
	if (questions.length === 1) throw new QuarterlyError('A cycle asks at least one question')
	return questions.filter((q) => q.id !== questionId)
}

/** Swaps a question with its neighbour; nothing changes at either end. */
export function moveQuestion(questions: Question[], questionId: string, direction: 'up' | 'down'): Question[] {
	const index = questions.findIndex((q) => q.id === questionId)
	const other = index + (direction === 'up' ? -1 : 1)
	if (index < 0 || other < 0 || other >= questions.length) return questions
	const next = [...questions]
	;[next[index], next[other]] = [next[other]!, next[index]!]
	return next
}

/** New labels for some of the questions (unknown ids are ignored). */
export function relabel(questions: Question[], labels: Record<string, string>): Question[] {
	return questions.map((q) => (labels[q.id] !== undefined ? { ...q, label: labels[q.id]! } : q))
}

export type Answers = Record<string, number | string>

/** A member's answers read back from JSON: numbers and strings keyed by question id. */
export function readAnswers(text: string | null | undefined): Answers {
	let raw: unknown
	try {
		raw = JSON.parse(text ?? '{}')
	} catch {
		return {}
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {}
	return Object.fromEntries(
		Object.entries(raw).filter(
			(entry): entry is [string, number | string] =>
				(typeof entry[1] === 'number' && Number.isFinite(entry[1])) || typeof entry[1] === 'string',
		),
	)
}

/** Answers to store: only the cycle's questions, and nothing empty. */
export function cleanAnswers(questions: Question[], answers: Record<string, unknown> | undefined): Answers {
	const clean: Answers = {}
	for (const q of questions) {
		const value = answers?.[q.id]
		if (typeof value === 'number' && Number.isFinite(value)) clean[q.id] = value
		else if (typeof value === 'string' && value.trim() !== '') clean[q.id] = value.trim()
	}
	return clean
}
