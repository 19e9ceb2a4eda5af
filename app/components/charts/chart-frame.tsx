import { useId, type ReactNode } from 'react'
import { Surface } from 'recharts'
import { cn } from '#app/utils/misc.ts'

// What every chart of PeerPower shares, so that each is accessible in the same way: one picture
// (role="img") named by its <title>, its gist in <desc> and, since browsers do not expose <desc>
// as the description yet, in the same words hidden on the page for aria-describedby; and every
// figure in a data table behind a "Data" disclosure. Drawn on the server: no JavaScript needed.

/** The chart's SVG: recharts' Surface with its name and description, sized by classes (the CSP refuses inline styles). */
export function ChartSurface({
	width,
	height,
	title,
	description,
	className,
	children,
}: {
	width: number
	height: number
	title: string
	description: string
	/** Width classes, e.g. "max-w-[35rem]". */
	className: string
	children: ReactNode
}) {
	const descriptionId = useId()
	return (
		<>
			<Surface
				width={width}
				height={height}
				viewBox={{ x: 0, y: 0, width, height }}
				className={cn('block h-auto w-full', className)}
				role="img"
				aria-describedby={descriptionId}
				title={title}
				desc={description}
			>
				{children}
			</Surface>
			<p id={descriptionId} hidden>
				{description}
			</p>
		</>
	)
}

export type ChartColumn = { label: string; numeric?: boolean }
export type ChartRow = { key: string | number; cells: ReactNode[] }

/** The chart's figures as a table, behind a "Data" disclosure. */
export function ChartDataTable({
	caption,
	columns,
	rows,
}: {
	caption: string
	columns: ChartColumn[]
	rows: ChartRow[]
}) {
	const padded = (index: number) => index < columns.length - 1 && 'pr-4'
	return (
		<details className="text-sm">
			<summary className="cursor-pointer py-1 text-slate-600">Data</summary>
			<table className="mt-2 w-full text-left">
				<caption className="sr-only">{caption}</caption>
				<thead className="text-slate-600">
					<tr>
						{columns.map((column, index) => (
							<th key={column.label} scope="col" className={cn('py-1 font-medium', padded(index))}>
								{column.label}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.key} className="border-t border-slate-100">
							{row.cells.map((cell, index) => (
								<td
									key={index}
									className={cn('py-1', padded(index), columns[index]?.numeric && 'tabular-nums')}
								>
									{cell}
								</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</details>
	)
}
