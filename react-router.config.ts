import type { Config } from '@react-router/dev/config'

export default {
	ssr: true,
	// PEERPOWER_BUILD_DIR lets a test run build into its own folder, untouched by other builds.
	buildDirectory: process.env.PEERPOWER_BUILD_DIR || 'build',
} satisfies Config
