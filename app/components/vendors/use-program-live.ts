import { useReloadOnRoomEvent } from '#app/components/realtime.tsx'
import { VENDOR_EVENTS } from '#app/modules/vendors/events.ts'
import { rooms } from '#app/utils/realtime.ts'

/** Keeps a program's page current: its figures and reviews are read again when its ratings change. */
export function useProgramLive(programId: string) {
	useReloadOnRoomEvent({
		room: rooms.program(programId),
		join: (socket) => socket.emit('program:join', { programId }),
		leave: (socket) => socket.emit('program:leave', { programId }),
		event: VENDOR_EVENTS.ratingsChanged,
		concerns: (event) => event.programId === programId,
	})
}
