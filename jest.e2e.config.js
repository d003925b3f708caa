/** Real n8n over HTTP (e2e/): one n8n at a time, installed once into .cache/ by the global setup. */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The n8n versions a file runs on. Every file runs on each version CI tests (the pinned and the oldest supported,
// e2e/harness/versions.ts) except these, which run on the pinned one only: the editor's pages (about 5 minutes,
// and what they check — our nodes' panels, icons and dropdowns — is our description, not n8n's engine) and queue mode
// (a cluster of five n8n processes, Postgres and Redis; how n8n 2.30.8 scales out is not what this package changes).
const PINNED_ONLY = ['editor.e2e.test.ts', 'queue-mode.e2e.test.ts'];

const versions = readFileSync(join(__dirname, 'e2e', 'harness', 'versions.ts'), 'utf8');
const pinned = /export const PINNED_N8N = '([0-9.]+)'/.exec(versions)[1];
const underTest = process.env.N8N_VERSION || pinned;

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testPathIgnorePatterns:
		underTest === pinned
			? ['/node_modules/']
			: ['/node_modules/', ...PINNED_ONLY.map((file) => `/e2e/${file.replace(/\./g, '\\.')}$`)],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tooling.json' }],
	},
	globalSetup: '<rootDir>/e2e/global-setup.ts',
	maxWorkers: 1,
	testTimeout: 180000,
};
