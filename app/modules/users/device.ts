/** A short, human description of a session's browser, e.g. "Chrome on Windows". */
export function describeDevice(userAgent: string): string {
	if (!userAgent) return 'Unknown device'
	const browser =
		/Edg\//.test(userAgent) ? 'Edge'
		: /Firefox\//.test(userAgent) ? 'Firefox'
		: /(Chrome|Chromium)\//.test(userAgent) ? 'Chrome'
		: /Safari\//.test(userAgent) ? 'Safari'
		: 'A browser'
	const system =
		/Windows/.test(userAgent) ? 'Windows'
		: /iPhone|iPad/.test(userAgent) ? 'iOS'
		: /Mac OS X/.test(userAgent) ? 'macOS'
		: /Android/.test(userAgent) ? 'Android'
		: /Linux/.test(userAgent) ? 'Linux'
		: null
	return system ? `${browser} on ${system}` : browser
}
