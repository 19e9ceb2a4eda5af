import { db } from '#app/utils/db.server.ts'

type Client = Pick<typeof db, 'user'>

/** "Ada Lovelace" → "ada.lovelace"; letters and digits only, so @mentions stay unambiguous. */
export function handleBase(name: string): string {
	const base = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '.')
		.replace(/^\.+|\.+$/g, '')
		.slice(0, 24)
		.replace(/\.+$/g, '')
	return base.length >= 2 ? base : `member${base}`
}

/** The first free handle for a name: ada.lovelace, ada.lovelace2, … */
export async function uniqueHandle(name: string, client: Client = db): Promise<string> {
	const base = handleBase(name)
	const taken = new Set(
		(await client.user.findMany({ where: { handle: { startsWith: base } }, select: { handle: true } })).map((u) => u.handle),
	)
	if (!taken.has(base)) return base
	for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`
}
