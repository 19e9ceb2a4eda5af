// The part of autocannon's API the load worker uses (the package ships no types).
declare module 'autocannon' {
	type Histogram = { average: number; p50: number; p99: number; total: number }
	type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string>; timeout?: number }
	type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number }
	export default function autocannon(options: Options): Promise<Result>
}
