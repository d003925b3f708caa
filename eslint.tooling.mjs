// Ordinary strict TypeScript lint for code that never ships (simulators, tests, e2e harness, scripts,
// benchmarks). The community-node rules (no process, no setTimeout, …) apply to shipped paths only:
// see eslint.config.mjs.
import js from '@eslint/js';
import { globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', 'nodes', 'credentials', '.cache', '.e2e', '*.js', '*.mjs', 'package.json']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.strict],
		rules: {
			'@typescript-eslint/no-non-null-assertion': 'off',
			'no-console': 'off',
			// `_name` marks a value destructured away on purpose (e.g. to drop a field from an object).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
			],
		},
	},
	{
		// The in-process tests and the real-n8n tests share code only through testkit/ (and the simulators): neither
		// imports the other. test/e2e/ and test/ci/ are the exception: they test the real-n8n harness and CI's
		// version list themselves.
		files: ['test/**/*.ts'],
		ignores: ['test/e2e/**', 'test/ci/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/e2e/**'], message: 'Share it through testkit/ instead.' }] },
			],
		},
	},
	{
		files: ['e2e/**/*.ts', 'testkit/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/test/**'], message: 'Share it through testkit/ instead.' }] },
			],
		},
	},
	{
		// Tests read API response bodies loosely and assert on them field by field.
		files: ['test/**/*.ts', 'e2e/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
);
