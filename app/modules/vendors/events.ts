import { z } from 'zod'

// Vendor programs' live events, declared once for both sides (app/utils/realtime.ts combines the
// families). A program has one room, for everyone who may see the program. Its events carry no
// figures: each page reads its own (a group sees its group-only ratings, others do not).

export const VENDOR_EVENTS = {
	ratingsChanged: 'program:ratings-changed',
} as const

/** A rating was added, edited or moved here by a merge: pages showing the program read it again. */
export type ProgramRatingsChangedEvent = { programId: string }

export type VendorServerEvents = {
	[VENDOR_EVENTS.ratingsChanged]: ProgramRatingsChangedEvent
}

const programRoom = z.object({ programId: z.string().min(1).max(100) })

export const vendorClientEvents = {
	'program:join': programRoom,
	'program:leave': programRoom,
}
