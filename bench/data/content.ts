// What the generated posts say. A search benchmark means something only when the words behave like
// a real forum's: most words are ordinary filler drawn from a skewed (Zipf-like) vocabulary, and a
// few chosen words are planted at known rates, so each search class has a known number of hits:
//   rare    each in exactly RARE_POSTS posts
//   medium  each in about 1 % of posts
//   common  each in about 40 % of posts
//   phrases three words in a row, in about 0.5 % of posts (their words also appear on their own)
// Bodies are markdown with the HTML and plain text the app's renderer would store beside them
// (paragraphs, bold, lists, links), built together so that no markdown is parsed at load time.

export const RARE_POSTS = 10

/** The searches the benchmark runs, by class; none of these words is in the filler vocabulary. */
// Chosen so that no two share a stem under the porter tokenizer of FTS5 and PostgreSQL's english
// configuration ("licensing" would match the filler's "license"): the rates hold after stemming.
export const SEARCH_WORDS = {
	rare: ['quokkaline', 'zephyrbrand', 'marzipanic', 'glockenware', 'tundraflex', 'vellumetric', 'orchidyne', 'basaltpoint'],
	medium: ['escalation', 'subcontractor', 'onboarding', 'retention', 'warranty', 'procurement'],
	common: ['customer', 'revenue'],
	phrases: ['cash flow forecast', 'partner program deadline'],
} as const

const MEDIUM_RATE = 0.01
const COMMON_RATE = 0.4
const PHRASE_RATE = 0.005

// Ordinary words of a forum of IT solution providers, most frequent first (the order sets the Zipf rank).
const FILLER = `the we and to a of for in our that it is with on this was have they but are
not at from as be by quarter team client clients vendor margin sales pipeline cash flow
partner program deal deals price pricing budget contract renewal support service services
project projects cloud security network managed hardware software license hire hiring staff
meeting board plan growth marketing leads lead campaign event webinar referral referrals
invoice invoices payment terms credit bank loan line rebate rebates fund funds claim claims
deadline target targets review numbers month months year week weeks day time cost costs
profit loss risk owner owners manager managers director engineer engineers technician
helpdesk ticket tickets backlog sprint roadmap strategy goal goals process processes tool
tools report reports dashboard metrics forecast data backup storage server servers laptop
migration upgrade rollout training certification audit compliance policy insurance office
remote travel conference peer group feedback question answer idea ideas lesson lessons
mistake mistakes success problem problems issue issues change changes decision decisions
account accounts proposal proposals quote quotes discount discounts bundle package packages
recurring monthly annual contract contracts churn upsell cross sell margin margins
distributor distributors reseller resellers channel channels market markets segment niche
small medium large enterprise local regional national growth hire culture people leadership
operations finance accounting payroll tax taxes cashflow runway reserve reserves savings
spend spending hours overtime capacity utilisation billable utilization schedule calendar
email phone call calls visit visits demo demos trial trials pilot pilots launch launches
really just also still again very quite much more most less least often sometimes always
never usually first second last next previous early late quickly slowly clearly honestly
good better best bad worse worst big bigger small smaller new old hard easy simple complex
think thought know knew want wanted need needed try tried work worked start started stop
found find keep kept make made take took give gave look looked help helped ask asked`
	.split(/\s+/)
	.filter(Boolean)

const NAMES_FIRST = 'Ana Ben Carla Dev Elif Femi Greta Hiro Ines Jonas Kavya Liam Maya Nils Omar Priya Quinn Rosa Sven Tara Uma Victor Wen Yara Zane'.split(' ')
const NAMES_LAST = 'Adler Brandt Costa Diaz Eriksen Fischer Gomez Haas Ito Jensen Kowalski Larsen Moreau Novak Okafor Patel Quint Rossi Schmidt Tanaka Ueda Varga Weber Yilmaz Zhou'.split(' ')
const COMPANIES = 'Northwind Contoso Fabrikam Tailspin Litware Proseware Adatum Woodgrove Lucerne Wingtip Coho Alpine Margie Trey Relecloud'.split(' ')
const LINK_HOSTS = ['partner.example.com', 'vendor.example.org', 'docs.example.net']

/** A small, fast, seeded generator (mulberry32): the same seed gives the same data set. */
export function random(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

export type Rng = () => number

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!

/** Zipf-like: rank r drawn with probability ~ 1/(r+1); the first filler words are in most posts. */
const fillerCdf = (() => {
	const weights = FILLER.map((_, rank) => 1 / (rank + 1))
	const total = weights.reduce((a, b) => a + b, 0)
	let sum = 0
	return weights.map((w) => (sum += w / total))
})()

function fillerWord(rng: Rng): string {
	const u = rng()
	let lo = 0
	let hi = fillerCdf.length - 1
	while (lo < hi) {
		const mid = (lo + hi) >> 1
		if (fillerCdf[mid]! < u) lo = mid + 1
		else hi = mid
	}
	return FILLER[lo]!
}

export function personName(n: number): string {
	return `${NAMES_FIRST[n % NAMES_FIRST.length]} ${NAMES_LAST[Math.floor(n / NAMES_FIRST.length) % NAMES_LAST.length]}`
}

export function companyName(n: number): string {
	return `${COMPANIES[n % COMPANIES.length]} ${['IT', 'Systems', 'Solutions', 'Networks', 'Cloud'][n % 5]}`
}

export function threadTitle(rng: Rng): string {
	const words = Array.from({ length: 4 + Math.floor(rng() * 6) }, () => fillerWord(rng))
	const title = words.join(' ')
	return title.charAt(0).toUpperCase() + title.slice(1)
}

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export type Body = { body: string; html: string; text: string }

/**
 * Which planted words go into post number `index` (0-based over the whole data set of `total`
 * posts). Rare words go to RARE_POSTS posts spread evenly over the set, so the count is exact.
 */
export function plantedWords(index: number, total: number, rng: Rng): string[] {
	const planted: string[] = []
	const stride = Math.floor(total / RARE_POSTS)
	SEARCH_WORDS.rare.forEach((word, r) => {
		// Each rare word has its own offset inside the stride, so no post holds two of them.
		if (stride > 0 && index % stride === (r * 7919 + 13) % stride && index / stride < RARE_POSTS) planted.push(word)
	})
	for (const word of SEARCH_WORDS.medium) if (rng() < MEDIUM_RATE) planted.push(word)
	for (const word of SEARCH_WORDS.common) if (rng() < COMMON_RATE) planted.push(word)
	for (const phrase of SEARCH_WORDS.phrases) if (rng() < PHRASE_RATE) planted.push(phrase)
	return planted
}

/** Words of one sentence, with the planted ones at random places. */
function sentence(rng: Rng, planted: string[]): string[] {
	const words = Array.from({ length: 6 + Math.floor(rng() * 12) }, () => fillerWord(rng))
	for (const word of planted) words.splice(Math.floor(rng() * (words.length + 1)), 0, word)
	return words
}

/** Inline markdown and HTML of a run of words: now and then one word in bold. */
function inline(rng: Rng, words: string[]): { md: string; html: string; text: string } {
	const first = words[0]!
	words[0] = first.charAt(0).toUpperCase() + first.slice(1)
	const bold = rng() < 0.3 ? Math.floor(rng() * words.length) : -1
	const md = words.map((w, i) => (i === bold ? `**${w}**` : w)).join(' ') + '.'
	const html = words.map((w, i) => (i === bold ? `<strong>${escapeHtml(w)}</strong>` : escapeHtml(w))).join(' ') + '.'
	return { md, html, text: words.join(' ') + '.' }
}

/**
 * A post of one to three paragraphs, sometimes with a list or a link, holding the planted words.
 * `html` and `text` are what the app's renderer gives for `body` (app/modules/markdown).
 */
export function postBody(rng: Rng, planted: string[]): Body {
	const md: string[] = []
	const html: string[] = []
	const text: string[] = []
	const paragraphs = 1 + Math.floor(rng() * rng() * 3)
	for (let p = 0; p < paragraphs; p++) {
		const sentences = 1 + Math.floor(rng() * 2)
		const parts = Array.from({ length: sentences }, (_, s) => inline(rng, sentence(rng, p === 0 && s === 0 ? planted : [])))
		md.push(parts.map((x) => x.md).join(' '))
		html.push(`<p>${parts.map((x) => x.html).join(' ')}</p>`)
		text.push(parts.map((x) => x.text).join(' '))
	}
	if (rng() < 0.15) {
		const items = Array.from({ length: 2 + Math.floor(rng() * 3) }, () =>
			Array.from({ length: 2 + Math.floor(rng() * 4) }, () => fillerWord(rng)).join(' '),
		)
		md.push(items.map((item) => `- ${item}`).join('\n'))
		html.push(`<ul>\n${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`)
		text.push(items.join(' '))
	}
	if (rng() < 0.1) {
		const host = pick(rng, LINK_HOSTS)
		const href = `https://${host}/programs/${Math.floor(rng() * 10_000)}`
		md.push(`Details are [on the portal](${href}).`)
		html.push(`<p>Details are <a href="${href}" rel="nofollow noopener noreferrer" target="_blank">on the portal</a>.</p>`)
		text.push('Details are on the portal.')
	}
	return { body: md.join('\n\n'), html: html.join('\n'), text: text.join(' ') }
}

/** The three parts of a lesson learned, and the opening post composed from them as the app does. */
export function lessonParts(rng: Rng, planted: string[]) {
	const happened = inline(rng, sentence(rng, planted))
	const learned = inline(rng, sentence(rng, []))
	const differently = inline(rng, sentence(rng, []))
	const body = ['### What happened', happened.md, '### What we learned', learned.md, '### What we would do differently', differently.md].join('\n\n')
	const html = [
		'<h3>What happened</h3>',
		`<p>${happened.html}</p>`,
		'<h3>What we learned</h3>',
		`<p>${learned.html}</p>`,
		'<h3>What we would do differently</h3>',
		`<p>${differently.html}</p>`,
	].join('\n')
	const text = ['What happened', happened.text, 'What we learned', learned.text, 'What we would do differently', differently.text].join(' ')
	return {
		lessonHappened: happened.md,
		lessonLearned: learned.md,
		lessonLearnedText: learned.text,
		lessonDifferently: differently.md,
		opening: { body, html, text },
	}
}
