import { canSeeProgram } from '#app/modules/vendors/access.server.ts'
import { rooms } from '#app/utils/realtime.ts'
import { roomKind } from './guarded-rooms.ts'

// One room per vendor program: its open pages hear that its ratings changed and read their own
// figures again. The guard is the vendors access rule: a proposal's room admits its author and
// the curators only.

const prefix = rooms.program('')

export const programRoom = roomKind({
	join: 'program:join',
	leave: 'program:leave',
	room: ({ programId }) => rooms.program(programId),
	parse: (room) => (room.startsWith(prefix) ? { programId: room.slice(prefix.length) } : null),
	mayJoin: (user, { programId }) => canSeeProgram(user, programId),
})

export const vendorRoomKinds = [programRoom]
