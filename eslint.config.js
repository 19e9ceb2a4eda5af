// ESLint for the whole repository: JavaScript's and typescript-eslint's recommended rules, the
// rules of hooks for React code. Formatting is Prettier's job (`npm run format`), not ESLint's.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const serverProcess = {
	// Regular expressions: in the glob form a leading # would read as a comment.
	regex: '^(#server/|(\\.\\./)+server/)',
	message: 'app/ never imports the server process: hand what it needs through the load context.',
}

export default tseslint.config(
	{
		ignores: [
			'build/',
			'bench/.tmp/',
			'bench/.data/',
			'.react-router/',
			'prisma/generated/',
			'node_modules/',
			'tests/.tmp/',
			'test-results/',
			'playwright-report/',
			// Scratch files of local experiments, never committed.
			'**/*.tmp.ts',
		],
	},
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'module',
			// Server, scripts and tests run on Node; app/ runs in both (SSR and the browser).
			globals: { ...globals.node, ...globals.browser },
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
			// Type-only imports keep server modules out of the browser bundle (tsc's verbatimModuleSyntax agrees).
			// `typeof import('x')` stays allowed: it types a module that is loaded dynamically.
			'@typescript-eslint/consistent-type-imports': [
				'error',
				{ fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
			],
			'no-console': 'off',
			eqeqeq: ['error', 'always', { null: 'ignore' }],
		},
	},
	{
		files: ['app/**/*.{ts,tsx}'],
		plugins: { 'react-hooks': reactHooks },
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			// Of the React Compiler's diagnostics, those that catch bugs with or without the compiler.
			// The others (refs, set-state-in-effect, purity, memoization) describe code the compiler can
			// optimise; PeerPower does not use the compiler, and the patterns they flag (a socket created
			// in an effect, the latest-options ref of a subscription hook) are deliberate here.
			'react-hooks/static-components': 'error',
			'react-hooks/set-state-in-render': 'error',
			'react-hooks/immutability': 'error',
			'react-hooks/globals': 'error',
			'react-hooks/error-boundaries': 'error',
			'react-hooks/use-memo': 'error',
			'react-hooks/void-use-memo': 'error',
		},
	},
	// The layers, enforced: the app never reaches into the server process (it gets what it needs
	// through the load context); domain modules and utilities never import pages or UI; UI never
	// imports server-only code (type-only imports are erased, so they may).
	{
		files: ['app/**/*.{ts,tsx}'],
		ignores: ['app/modules/**', 'app/utils/**', 'app/components/**'],
		rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [serverProcess] }] },
	},
	{
		files: ['app/modules/**/*.{ts,tsx}', 'app/utils/**/*.{ts,tsx}'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						serverProcess,
						{
							regex: '^(#app/|(\\.\\./)+)(routes|components)/',
							message: 'Domain modules and utilities never import routes or components: HTTP and UI sit above them.',
						},
					],
				},
			],
		},
	},
	// Domain modules hold rules and queries, never HTTP: no requests, responses, redirects or
	// react-router (not even its types). Routes parse the request and answer; app/utils holds the
	// request guards they share (auth.server.ts, permissions.server.ts) and the response helpers.
	{
		files: ['app/modules/**/*.{ts,tsx}'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'react-router', message: 'Domain modules never speak HTTP: parse the request and answer in the route.' },
						{ name: '@react-router/node', message: 'Domain modules never speak HTTP: parse the request and answer in the route.' },
					],
					patterns: [
						serverProcess,
						{
							regex: '^(#app/|(\\.\\./)+)(routes|components)/',
							message: 'Domain modules and utilities never import routes or components: HTTP and UI sit above them.',
						},
						{
							regex: '^(#app/utils/|(\\.\\./)+utils/)(responses|toast\\.server|auth\\.server|permissions\\.server|form-reply\\.server)(\\.tsx?)?$',
							message: 'Domain modules never speak HTTP: responses, redirects, flash messages and request guards belong to routes.',
						},
					],
				},
			],
		},
	},
	{
		files: ['app/components/**/*.{ts,tsx}'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						serverProcess,
						{
							regex: '\\.server(\\.tsx?)?$',
							allowTypeImports: true,
							message: 'Components run in the browser too: import server-only modules as types only, and get data from loaders.',
						},
					],
				},
			],
		},
	},
)
