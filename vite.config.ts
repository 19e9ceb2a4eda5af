import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

export default defineConfig({
	plugins: [tailwindcss(), reactRouter()],
	build: { sourcemap: false },
	// Server-only native packages: never pre-bundled for the browser.
	optimizeDeps: { exclude: ['@node-rs/argon2', 'better-sqlite3', 'pg'] },
	ssr: {
		// Native and Node-only packages stay external to the server bundle.
		external: ['better-sqlite3', '@node-rs/argon2', 'pg'],
	},
})
