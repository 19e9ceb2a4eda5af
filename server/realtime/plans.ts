import { canSeePlan } from '#app/modules/plans/access.server.ts'
import { rooms } from '#app/utils/realtime.ts'
import { roomKind } from './guarded-rooms.ts'

// One room per plan: its owner's and buddies' open pages (the check-in page, the buddy dashboard)
// hear of new check-ins, verdicts and comments. The guard is the plans access rule itself, so a
// pairing that ends drops the former buddy at the access re-check (buddies.server.ts asks for it).

const prefix = rooms.plan('')

export const planRoom = roomKind({
	join: 'plan:join',
	leave: 'plan:leave',
	room: ({ planId }) => rooms.plan(planId),
	parse: (room) => (room.startsWith(prefix) ? { planId: room.slice(prefix.length) } : null),
	mayJoin: (user, { planId }) => canSeePlan(user, planId),
})

export const planRoomKinds = [planRoom]
