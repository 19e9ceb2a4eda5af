import { Form, useLocation, useSearchParams } from 'react-router'

/**
 * The top bar's way into search on wide screens: a small GET form (it works without JavaScript).
 * On narrow ones the bar has no room for a field: the header's menu links to the search page.
 */
export function NavSearch() {
	const location = useLocation()
	const [params] = useSearchParams()
	const onSearchPage = location.pathname === '/search'
	return (
		<Form
			method="get"
			action="/search"
			role="search"
			aria-label="Site"
			className="relative hidden md:block"
			key={onSearchPage ? location.search : 'nav'}
		>
			<label htmlFor="nav-search" className="sr-only">
				Search
			</label>
			<input
				id="nav-search"
				type="search"
				name="q"
				defaultValue={onSearchPage ? (params.get('q') ?? '') : ''}
				placeholder="Search"
				maxLength={200}
				className="w-44 rounded-md border border-slate-300 bg-slate-50 py-1.5 pl-8 pr-2 text-sm placeholder:text-slate-500 focus:border-brand-600 focus:bg-white lg:w-60"
			/>
			{/* The form's submit button (Enter in the field does the same): a form needs one to be sent without a keyboard. */}
			<button
				type="submit"
				className="absolute left-1 top-1/2 flex size-7 -translate-y-1/2 items-center justify-center rounded text-slate-400 hover:text-slate-700"
			>
				<svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
					<path
						fillRule="evenodd"
						d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
						clipRule="evenodd"
					/>
				</svg>
				<span className="sr-only">Search</span>
			</button>
		</Form>
	)
}
