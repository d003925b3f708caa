/** Real n8n over HTTP (e2e/): one n8n at a time, installed once into .cache/ by the global setup. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tooling.json' }],
	},
	globalSetup: '<rootDir>/e2e/global-setup.ts',
	maxWorkers: 1,
	testTimeout: 180000,
};
