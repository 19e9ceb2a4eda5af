// Words of the moderators' dashboard shared by the server modules and the pages.

export type CompletionStatus = 'submitted' | 'draft' | 'not_started'

export const COMPLETION_LABELS: Record<CompletionStatus, string> = {
	submitted: 'Submitted',
	draft: 'Draft saved',
	not_started: 'Not started',
}

export type AgendaKind = 'hot_seat' | 'ask' | 'blocker' | 'custom'

export const AGENDA_KIND_LABELS: Record<AgendaKind, string> = {
	hot_seat: 'Hot seat',
	ask: 'Ask',
	blocker: 'Common blocker',
	custom: 'Item',
}
