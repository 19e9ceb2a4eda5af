import { rooms, type RealtimePublisher } from '#app/utils/realtime.ts'
import { QUARTERLY_EVENTS, type CompletionEvent } from './events.ts'

/**
 * A member's update was saved or submitted: the cycle's completion view (its moderators' room,
 * guarded by access.server.ts) recounts. Called after the commit, never inside the transaction.
 */
export function announceCompletion(realtime: RealtimePublisher, event: CompletionEvent): void {
	realtime.toRoom(rooms.reviewCycle(event.cycleId), QUARTERLY_EVENTS.completion, event)
}
