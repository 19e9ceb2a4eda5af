// The vocabulary of annual plans, shared by the forms, the pages and the server.

export const PLAN_KINDS = ['business', 'leadership', 'life', 'legacy'] as const
export type PlanKind = (typeof PLAN_KINDS)[number]
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
	business: 'Business plan',
	leadership: 'Leadership plan',
	life: 'Life plan',
	legacy: 'Legacy plan',
}
/** Every member has a business plan; the other kinds are optional. */
export const DEFAULT_PLAN_KIND: PlanKind = 'business'

export const GOAL_AREAS = [
	'financial',
	'sales',
	'marketing',
	'leadership',
	'operations',
	'personal',
	'other',
] as const
export type GoalArea = (typeof GOAL_AREAS)[number]
export const GOAL_AREA_LABELS: Record<GoalArea, string> = {
	financial: 'Financial',
	sales: 'Sales',
	marketing: 'Marketing',
	leadership: 'Leadership',
	operations: 'Operations',
	personal: 'Personal',
	other: 'Other',
}

/** A number moves from a start value toward a target, in a unit; a milestone is done or not. */
export const MEASURES = ['number', 'milestone'] as const
export type Measure = (typeof MEASURES)[number]
export const MEASURE_LABELS: Record<Measure, string> = {
	number: 'A number to reach',
	milestone: 'A milestone to complete',
}

export const STATUSES = ['on_track', 'at_risk', 'off_track', 'done'] as const
export type GoalStatus = (typeof STATUSES)[number]
export const STATUS_LABELS: Record<GoalStatus, string> = {
	on_track: 'On track',
	at_risk: 'At risk',
	off_track: 'Off track',
	done: 'Done',
}

export const REMINDER_CADENCES = ['monthly', 'quarterly'] as const
export type ReminderCadence = (typeof REMINDER_CADENCES)[number]
export const REMINDER_CADENCE_LABELS: Record<ReminderCadence, string> = {
	monthly: 'Monthly',
	quarterly: 'Quarterly',
}

export const QUARTERS = [1, 2, 3, 4] as const

export const PLAN_LIMITS = {
	titleMax: 200,
	notesMax: 4000,
	themeWordMax: 40,
	unitMax: 30,
	answerMax: 4000,
	goalsPerPlan: 50,
	/** A goal without a check-in for this long is stale. */
	staleDays: 30,
} as const
