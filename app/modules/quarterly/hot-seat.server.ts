import type { SessionUser } from '#app/modules/auth/auth.server.ts'
import { planAccess } from '#app/modules/plans/access.server.ts'
import { STATUS_LABELS, type GoalStatus } from '#app/modules/plans/constants.ts'
import { db } from '#app/utils/db.server.ts'
import { canReadSubmission, type CycleAccess } from './access.server.ts'
import { METRIC_UNITS, REVIEW_BLOCKER_LABELS, type Question } from './questions.ts'

// The member in the hot seat: their submitted update, shown only where the quarterly rule lets the
// viewer read it, and where they have plans the viewer may see (the plans rule), their goals'
// status and their buddies' latest comments on check-ins.

type Viewer = Pick<SessionUser, 'id'>

function parseJson<T>(text: string, fallback: T): T {
	try {
		return JSON.parse(text) as T
	} catch {
		return fallback
	}
}

function answerText(question: Question, value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null
	if (question.kind === 'metric') {
		const n = Number(value)
		return Number.isFinite(n) ? `${n.toLocaleString('en-US')} ${METRIC_UNITS[question.metric]}` : null
	}
	if (question.kind === 'blocker') return REVIEW_BLOCKER_LABELS[value as keyof typeof REVIEW_BLOCKER_LABELS] ?? String(value)
	return String(value)
}

export async function hotSeatView(
	viewer: Viewer,
	access: CycleAccess,
	item: { kind: string; memberId: string | null },
	now: Date = new Date(),
) {
	if (item.kind !== 'hot_seat' || !item.memberId) return null
	const member = await db.user.findUnique({ where: { id: item.memberId }, select: { id: true, name: true, company: true } })
	if (!member) return null
	const [cycle, submission] = await Promise.all([
		db.reviewCycle.findUniqueOrThrow({ where: { id: access.cycleId }, select: { questions: true } }),
		db.reviewSubmission.findUnique({
			where: { cycleId_memberId: { cycleId: access.cycleId, memberId: member.id } },
			select: { memberId: true, status: true, answers: true, submittedAt: true },
		}),
	])
	let update: { submittedAt: Date | null; answers: Array<{ id: string; label: string; text: string }> } | null = null
	const updateState: 'readable' | 'hidden' | 'missing' = !submission
		? 'missing'
		: canReadSubmission(access, viewer, submission)
			? 'readable'
			: 'hidden'
	if (submission && updateState === 'readable') {
		const questions = parseJson<Question[]>(cycle.questions, [])
		const answers = parseJson<Record<string, unknown>>(submission.answers, {})
		update = {
			submittedAt: submission.submittedAt,
			answers: questions.flatMap((question) => {
				const text = answerText(question, answers[question.id])
				return text === null ? [] : [{ id: question.id, label: question.label, text }]
			}),
		}
	}

	const plans = await db.plan.findMany({
		where: { ownerId: member.id, year: now.getUTCFullYear() },
		select: { id: true },
	})
	const visible = (await Promise.all(plans.map(async (plan) => ((await planAccess(viewer, plan.id)) ? plan.id : null)))).filter(
		(id): id is string => id !== null,
	)
	const goals = visible.length
		? await db.goal.findMany({
				where: { planId: { in: visible }, droppedAt: null },
				orderBy: [{ planId: 'asc' }, { position: 'asc' }],
				select: {
					id: true,
					planId: true,
					title: true,
					checkIns: { orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }], take: 1, select: { status: true } },
				},
			})
		: []
	const comments = visible.length
		? await db.checkInComment.findMany({
				where: { checkIn: { goal: { planId: { in: visible } } }, authorId: { not: member.id } },
				orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
				take: 5,
				select: {
					id: true,
					body: true,
					createdAt: true,
					author: { select: { name: true } },
					checkIn: { select: { id: true, goal: { select: { title: true, planId: true } } } },
				},
			})
		: []
	return {
		member,
		updateState,
		update,
		plans: visible.length
			? {
					goals: goals.map((goal) => {
						const status = goal.checkIns[0]?.status as GoalStatus | undefined
						return { id: goal.id, planId: goal.planId, title: goal.title, status: status ? STATUS_LABELS[status] : 'No check-in yet' }
					}),
					comments: comments.map((comment) => ({
						id: comment.id,
						body: comment.body,
						createdAt: comment.createdAt,
						author: comment.author.name,
						goalTitle: comment.checkIn.goal.title,
						href: `/plans/${comment.checkIn.goal.planId}/check-ins/${comment.checkIn.id}`,
					})),
				}
			: null,
	}
}
