// The guided prompts: questions that help a member write the year ahead and look back on the year
// behind. Answers are kept on the plan as JSON keyed by prompt id (Plan.startAnswers, reviewAnswers).

export type Prompt = { id: string; question: string; hint: string }

/** For the year ahead. */
export const START_PROMPTS = [
	{
		id: 'triumph',
		question: 'What will be your biggest triumph this year?',
		hint: 'Picture next December: what are you proudest of?',
	},
	{
		id: 'theme',
		question: 'Which one word will carry your year?',
		hint: 'A word to come back to when things get busy.',
	},
	{
		id: 'financial',
		question: 'What is the one major effort that will improve your financial results?',
		hint: 'The push that moves the numbers most.',
	},
	{
		id: 'risk',
		question: 'What is the biggest risk to your year?',
		hint: 'And what you will do if it happens.',
	},
] as const satisfies readonly Prompt[]

/** For the year-end review of the year behind. */
export const REVIEW_PROMPTS = [
	{
		id: 'happened',
		question: 'What were the big things that happened this year?',
		hint: 'In the business and around it.',
	},
	{ id: 'triumph', question: 'What was your biggest triumph?', hint: '' },
	{ id: 'decision', question: 'What was the smartest decision you made?', hint: '' },
	{ id: 'lesson', question: 'What was your greatest lesson?', hint: '' },
	{
		id: 'unfinished',
		question: 'What business is still unfinished?',
		hint: 'What you will carry into next year, or let go.',
	},
	{ id: 'risk', question: 'What was the biggest risk you took?', hint: '' },
	{ id: 'surprise', question: 'What surprised you most?', hint: '' },
] as const satisfies readonly Prompt[]

export type StartPromptId = (typeof START_PROMPTS)[number]['id']
export type ReviewPromptId = (typeof REVIEW_PROMPTS)[number]['id']
export type Answers = Record<string, string>

/**
 * Answers read back from the plan's JSON: only the known prompts' text answers survive, so a
 * damaged or hand-edited column gives empty answers, never an error on the page.
 */
export function parseAnswers(json: string | null | undefined, prompts: readonly Prompt[]): Answers {
	let raw: unknown
	try {
		raw = JSON.parse(json ?? '{}')
	} catch {
		return {}
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {}
	const answers: Answers = {}
	for (const prompt of prompts) {
		const value = (raw as Record<string, unknown>)[prompt.id]
		if (typeof value === 'string' && value.trim()) answers[prompt.id] = value
	}
	return answers
}

/** Answers as stored: blank answers are left out. */
export function serializeAnswers(answers: Partial<Record<string, string | undefined>>): string {
	return JSON.stringify(
		Object.fromEntries(
			Object.entries(answers).filter((entry): entry is [string, string] =>
				Boolean(entry[1]?.trim()),
			),
		),
	)
}

/** The year-end review is offered for a year gone by, and in the plan's own December. */
export function showsReview(planYear: number, now: Date): boolean {
	return (
		planYear < now.getUTCFullYear() ||
		(planYear === now.getUTCFullYear() && now.getUTCMonth() === 11)
	)
}
