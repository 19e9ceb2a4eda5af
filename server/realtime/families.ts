import { forumRoomKinds, registerForums } from './forums.ts'
import type { RoomKind } from './guarded-rooms.ts'
import { planRoomKinds } from './plans.ts'
import { presenceRoom } from './presence.ts'
import { quarterlyRoomKinds } from './quarterly.ts'
import { vendorRoomKinds } from './vendors.ts'

/**
 * Every event family, one line each; each lives in its own module. Its room kinds (with their
 * guards) are joined through one guarded helper and re-checked when access changes; its other
 * client events are bound by its register function.
 */
export const roomKinds = [
	...forumRoomKinds,
	presenceRoom,
	...planRoomKinds,
	...quarterlyRoomKinds,
	...vendorRoomKinds,
] as RoomKind[]
export const eventFamilies = [registerForums]
