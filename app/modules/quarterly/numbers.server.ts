import { db } from '#app/utils/db.server.ts'
import {
	accessFromFacts,
	canReadSubmission,
	readableSubmissionsWhere,
	type CycleAccess,
} from './access.server.ts'
import { parseAnswers, parseQuestions } from './answers.ts'
import {
	askedMetrics,
	MIN_FIGURES_FOR_QUARTILES,
	median,
	metricValues,
	quarterChange,
	quartiles,
	standing,
	type Change,
	type MetricValues,
	type Quartiles,
	type Standing,
} from './numbers.ts'
import { compareQuarters, formatQuarter, parseQuarter, previousQuarter } from './quarters.ts'
import type { Metric } from './questions.ts'

// The key numbers page of a cycle. Only submitted updates count. What each viewer gets follows the
// access rule: the table of everyone's figures (and their change from last quarter) only from
// updates the viewer may read, in this cycle and in last quarter's; the quartiles, which are
// aggregates, to every member of the group once enough figures make them anonymous; a member's
// own standing from their own figure.

type Viewer = { id: string }

export type NumbersRow = {
	memberId: string
	name: string
	values: MetricValues
	changes: Partial<Record<Metric, Change | null>>
}

export type MetricQuartiles = { metric: Metric; quartiles: Quartiles | null; count: number }

export type HistoryPoint = { quarter: string; median: number; count: number }

export type CycleNumbers = {
	quarter: string
	metrics: Metric[]
	/** Submitted updates of this cycle: what every figure here is drawn from. */
	submittedCount: number
	/** The group's figures this quarter; null when the viewer may not read others' updates. */
	table: NumbersRow[] | null
	/** Last quarter's cycle, when there is one the viewer may see. */
	previousQuarter: string | null
	/** Per metric: quartiles, or null when fewer than MIN_FIGURES_FOR_QUARTILES figures were given. */
	quartiles: MetricQuartiles[]
	/** The viewer's own submitted figures and where each stands; null without a submitted update. */
	mine: { values: MetricValues; standings: Partial<Record<Metric, Standing>> } | null
	/** Per metric, the group's median over the quarters whose updates the viewer may read. */
	history: Partial<Record<Metric, HistoryPoint[]>> | null
}

const HISTORY_QUARTERS = 8

type SubmittedRow = { memberId: string; name: string; values: MetricValues }

async function submittedFigures(cycleId: string, questionsJson: string, where = {}): Promise<SubmittedRow[]> {
	const questions = parseQuestions(questionsJson)
	const rows = await db.reviewSubmission.findMany({
		where: { AND: [{ cycleId, status: 'submitted' }, where] },
		select: { memberId: true, answers: true, member: { select: { name: true } } },
		orderBy: { member: { name: 'asc' } },
	})
	return rows.map((row) => ({
		memberId: row.memberId,
		name: row.member.name,
		values: metricValues(questions, parseAnswers(row.answers)),
	}))
}

export async function cycleNumbers(viewer: Viewer, access: CycleAccess): Promise<CycleNumbers> {
	const cycle = await db.reviewCycle.findUniqueOrThrow({
		where: { id: access.cycleId },
		select: { quarter: true, questions: true, groupId: true },
	})
	const metrics = askedMetrics(parseQuestions(cycle.questions))
	// Every submitted figure, for the aggregates only; the table reads what the rule lets it.
	const everyone = await submittedFigures(access.cycleId, cycle.questions)

	const quartileRows = metrics.map((metric): MetricQuartiles => {
		const values = everyone.flatMap((row) => (row.values[metric] !== undefined ? [row.values[metric]] : []))
		return {
			metric,
			count: values.length,
			quartiles: values.length >= MIN_FIGURES_FOR_QUARTILES ? quartiles(values) : null,
		}
	})

	const own = everyone.find((row) => row.memberId === viewer.id)
	const mine = own
		? {
				values: own.values,
				standings: Object.fromEntries(
					quartileRows.flatMap(({ metric, quartiles: q }) =>
						q && own.values[metric] !== undefined ? [[metric, standing(own.values[metric], q)]] : [],
					),
				) as Partial<Record<Metric, Standing>>,
			}
		: null

	// Last quarter's cycle of the group, read as the access rule lets this viewer read it.
	const parsed = parseQuarter(cycle.quarter)
	const previous = parsed
		? await db.reviewCycle.findUnique({
				where: { groupId_quarter: { groupId: cycle.groupId, quarter: formatQuarter(previousQuarter(parsed)) } },
				select: { id: true, groupId: true, quarter: true, status: true, visibility: true, questions: true },
			})
		: null
	const previousAccess = previous ? accessFromFacts(previous, access.role) : null

	let table: NumbersRow[] | null = null
	if (access.canReadOthers) {
		const current = everyone.filter((row) =>
			canReadSubmission(access, viewer, { memberId: row.memberId, status: 'submitted' }),
		)
		const before =
			previous && previousAccess
				? new Map(
						(await submittedFigures(previous.id, previous.questions, readableSubmissionsWhere(previousAccess, viewer))).map(
							(row) => [row.memberId, row.values],
						),
					)
				: new Map<string, MetricValues>()
		table = current.map((row) => ({
			...row,
			changes: Object.fromEntries(
				metrics.map((metric) => [metric, quarterChange(before.get(row.memberId)?.[metric], row.values[metric])]),
			),
		}))
	}

	let history: CycleNumbers['history'] = null
	if (access.canReadOthers) {
		const cycles = (
			await db.reviewCycle.findMany({
				where: { groupId: cycle.groupId, quarter: { lte: cycle.quarter } },
				select: { id: true, groupId: true, quarter: true, status: true, visibility: true, questions: true },
			})
		)
			.sort((a, b) => compareQuarters(a.quarter, b.quarter))
			.slice(-HISTORY_QUARTERS)
		history = Object.fromEntries(metrics.map((metric) => [metric, [] as HistoryPoint[]]))
		for (const past of cycles) {
			const pastAccess = accessFromFacts(past, access.role)
			// A quarter whose updates the viewer may not read (a draft, moderators only) is left out.
			if (!pastAccess?.canReadOthers) continue
			const rows =
				past.id === access.cycleId
					? everyone
					: await submittedFigures(past.id, past.questions, readableSubmissionsWhere(pastAccess, viewer))
			for (const metric of metrics) {
				const values = rows.flatMap((row) => (row.values[metric] !== undefined ? [row.values[metric]] : []))
				const middle = median(values)
				if (middle !== null) history[metric]!.push({ quarter: past.quarter, median: middle, count: values.length })
			}
		}
	}

	return {
		quarter: cycle.quarter,
		metrics,
		submittedCount: everyone.length,
		table,
		previousQuarter: previousAccess ? previous!.quarter : null,
		quartiles: quartileRows,
		mine,
		history,
	}
}
