// Percentiles and medians for the benchmark's figures.

/** The q-quantile (0..1) of the samples, nearest rank; NaN for no samples. */
export function percentile(samples: number[], q: number): number {
	if (samples.length === 0) return Number.NaN
	const sorted = [...samples].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const median = (values: number[]) => percentile(values, 0.5)

export type Latency = { p50: number; p99: number; count: number }

export function latency(samples: number[]): Latency {
	return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), count: samples.length }
}

/** Formats a figure for the table: milliseconds with sensible precision, counts with separators. */
export function formatValue(value: number, unit: string): string {
	if (!Number.isFinite(value)) return '–'
	if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`
	if (unit === 'MB') return `${value.toFixed(1)} MB`
	if (unit === 'KB') return `${value.toFixed(1)} KB`
	const rounded = value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')
	return unit ? `${rounded} ${unit}` : rounded
}
