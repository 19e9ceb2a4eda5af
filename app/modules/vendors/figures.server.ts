// A program's figures as one viewer may see them: computed from the stored ratings on every read,
// so they match those ratings after concurrent ratings, edits and merges (there is no counter to
// drift). Which ratings count is the access rule's (countedRatingSql).
import { queryRows, join, sql } from '#app/utils/sql.server.ts'
import { countedRatingSql, type CatalogueViewer } from './access.server.ts'
import { figuresOf, type CountedRating, type ProgramFigures } from './figures.ts'

type Row = CountedRating & { programId: string; wouldRecommend: unknown; rejected: unknown }

/** The figures of each program, as the viewer may see them (programs with no rating get empty figures). */
export async function figuresByProgram(
	cv: CatalogueViewer,
	programIds: string[],
): Promise<Map<string, ProgramFigures>> {
	const byProgram = new Map<string, CountedRating[]>(programIds.map((id) => [id, []]))
	if (programIds.length === 0) return new Map()
	const rows = await queryRows<Row>(sql`
		SELECT r."programId", r."overall", r."valueScore", r."easeScore", r."supportScore", r."roiScore",
			r."wouldRecommend", r."amountClaimed", r."amountPaid", r."daysToPayout", r."hoursSpent", r."rejected"
		FROM "ProgramRating" r
		WHERE r."programId" IN (${join(programIds)}) AND ${countedRatingSql(cv, sql`r`)}`)
	const num = (value: unknown) => (value === null || value === undefined ? null : Number(value))
	for (const row of rows) {
		byProgram.get(row.programId)?.push({
			overall: Number(row.overall),
			valueScore: num(row.valueScore),
			easeScore: num(row.easeScore),
			supportScore: num(row.supportScore),
			roiScore: num(row.roiScore),
			// SQLite hands booleans back as 0 and 1.
			wouldRecommend: Boolean(row.wouldRecommend),
			amountClaimed: num(row.amountClaimed),
			amountPaid: num(row.amountPaid),
			daysToPayout: num(row.daysToPayout),
			hoursSpent: num(row.hoursSpent),
			rejected: Boolean(row.rejected),
		})
	}
	return new Map([...byProgram].map(([id, ratings]) => [id, figuresOf(ratings)]))
}

export async function programFigures(
	cv: CatalogueViewer,
	programId: string,
): Promise<ProgramFigures> {
	return (await figuresByProgram(cv, [programId])).get(programId)!
}
