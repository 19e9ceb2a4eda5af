import { Link, useLocation } from 'react-router'
import { cn } from '#app/utils/misc.ts'

function hrefFor(pathname: string, search: string, page: number, param: string): string {
	const params = new URLSearchParams(search)
	if (page <= 1) params.delete(param)
	else params.set(param, String(page))
	const query = params.toString()
	return query ? `${pathname}?${query}` : pathname
}

/** Numbered pages with previous/next, as plain links (works without JavaScript). */
export function Pagination({ page, pageCount, param = 'page', label = 'Pages' }: { page: number; pageCount: number; param?: string; label?: string }) {
	const location = useLocation()
	if (pageCount <= 1) return null
	const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount))
	const sorted = [...pages].sort((a, b) => a - b)
	const link = 'rounded-md px-3 py-1.5 text-sm no-underline hover:bg-slate-100 hover:no-underline'
	return (
		<nav aria-label={label} className="mt-6 flex flex-wrap items-center justify-center gap-1">
			{page > 1 ? (
				<Link to={hrefFor(location.pathname, location.search, page - 1, param)} className={cn(link, 'text-slate-700')} rel="prev">
					← Previous
				</Link>
			) : null}
			{sorted.map((p, index) => (
				<span key={p} className="flex items-center">
					{index > 0 && sorted[index - 1]! < p - 1 ? <span className="px-1 text-slate-400">…</span> : null}
					<Link
						to={hrefFor(location.pathname, location.search, p, param)}
						aria-current={p === page ? 'page' : undefined}
						className={cn(link, p === page ? 'bg-brand-600 text-white hover:bg-brand-700' : 'text-slate-700')}
					>
						{p}
					</Link>
				</span>
			))}
			{page < pageCount ? (
				<Link to={hrefFor(location.pathname, location.search, page + 1, param)} className={cn(link, 'text-slate-700')} rel="next">
					Next →
				</Link>
			) : null}
		</nav>
	)
}
