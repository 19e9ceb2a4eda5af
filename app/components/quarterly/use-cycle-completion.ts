import { useReloadOnRoomEvent } from '#app/components/realtime.tsx'
import { QUARTERLY_EVENTS } from '#app/modules/quarterly/events.ts'
import { rooms } from '#app/utils/realtime.ts'

/**
 * Keeps a moderator's completion view current: read again when a member saves or submits (the
 * cycle's room lets in only the group's moderators).
 */
export function useCycleCompletion(cycleId: string) {
	useReloadOnRoomEvent({
		room: rooms.reviewCycle(cycleId),
		join: (socket) => socket.emit('review-cycle:join', { cycleId }),
		leave: (socket) => socket.emit('review-cycle:leave', { cycleId }),
		event: QUARTERLY_EVENTS.completion,
		concerns: (event) => event.cycleId === cycleId,
	})
}
