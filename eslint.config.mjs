// n8n's official community-node rule set, as @n8n/node-cli 0.48.3 assembles it (dist/configs/eslint.js,
// cloud-support variant), applied to exactly what n8n's scanner checks: nodes/, credentials/, package.json.
// Rebuilt from the same plugins rather than imported from @n8n/node-cli, because node-cli pulls in a second
// n8n-workflow (2.39) and this package must resolve exactly one. Tooling code: eslint.tooling.mjs.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { readdirSync } from 'node:fs';

import { globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importPlugin from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityNodesRecommended = n8nCommunityNodesPlugin.configs.recommended;

// The layers of nodes/shared, lowest first (docs/architecture.md). A folder may import its own layer and the ones
// below it; node folders may import any of them, but never another node folder.
const SHARED_LAYERS = [
	['transport', 'signatures'], // the wire: HTTP, retries, paging, idempotency keys, signature schemes
	['sync'], // pure sync rules: plans, ownership, history, transforms
	['kirim', 'hubspot'], // API clients and API facts, one folder per service
	['node', 'state', 'webhook', 'dedupe', 'health'], // the n8n glue: routing, runners, state, webhook answers
];
const NODE_FOLDERS = readdirSync(new URL('./nodes', import.meta.url), { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
	.map((entry) => entry.name);
const layerZones = SHARED_LAYERS.flatMap((layer, level) =>
	layer.map((folder) => ({
		target: `./nodes/shared/${folder}`,
		from: [
			...SHARED_LAYERS.slice(level + 1)
				.flat()
				.map((above) => `./nodes/shared/${above}`),
			...NODE_FOLDERS.map((node) => `./nodes/${node}`),
		],
		message: `nodes/shared/${folder} sits below what it imports here (docs/architecture.md)`,
	})),
);
const nodeZones = NODE_FOLDERS.map((node) => ({
	target: `./nodes/${node}`,
	from: NODE_FOLDERS.filter((other) => other !== node).map((other) => `./nodes/${other}`),
	message: 'A node folder never imports another node: what two nodes need lives in nodes/shared (docs/architecture.md)',
}));

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', 'simulators', 'test', 'e2e', 'scripts', 'bench', '.cache', '.e2e']),
	{
		files: ['**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			communityNodesRecommended,
			importPlugin.configs['flat/recommended'],
		],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
			'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...nodeZones] }],
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver()],
		},
	},
	{
		files: ['package.json'],
		extends: [communityNodesRecommended],
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: {
				extraFileExtensions: ['.json'],
			},
		},
	},
	{
		files: ['./credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['./nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
