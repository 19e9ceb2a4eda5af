import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

export default defineConfig({
	plugins: [tailwindcss(), reactRouter()],
	build: { sourcemap: false },
	// Server-only native packages: never pre-bundled for the browser.
	optimizeDeps: {
		exclude: ['@node-rs/argon2', 'better-sqlite3', 'pg'],
		// Browser dependencies known up front, so the first page load in development does not
		// trigger a re-optimisation (a 504 "Outdated Optimize Dep" and a reload).
		include: ['socket.io-client', '@conform-to/react', '@conform-to/zod/v4', 'zod', 'clsx', 'date-fns'],
	},
	ssr: {
		// Native and Node-only packages stay external to the server bundle.
		external: ['better-sqlite3', '@node-rs/argon2', 'pg'],
		// Bundled, so the server build keeps only the few functions the app uses: importing the
		// package whole loads its hundreds of modules at every start (about half a second).
		noExternal: ['date-fns'],
	},
})
