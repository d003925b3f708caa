import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ensureInstalled } from './harness/install';
import { N8N_UNDER_TEST } from './harness/versions';

const ROOT = resolve(__dirname, '..');

/**
 * The n8n API our nodes call, checked against the n8n under test: the shipped sources (nodes/, credentials/) are
 * type-checked with `n8n-workflow` resolved to the copy inside that n8n install instead of our devDependency. A
 * helper, export or option that n8n version lacks fails here (e.g. `isToolExecution`, which n8n-workflow 2.1 lacks),
 * also where no e2e test runs the code that calls it.
 */
test(`nodes and credentials type-check against the n8n-workflow inside n8n ${N8N_UNDER_TEST}`, () => {
	const workflowDir = resolve(ensureInstalled().n8nDir, '..', 'n8n-workflow');
	const dir = mkdtempSync(join(tmpdir(), 'kirim-n8n-api-'));
	try {
		const tsconfig = {
			extends: join(ROOT, 'tsconfig.json'),
			compilerOptions: {
				noEmit: true,
				declaration: false,
				sourceMap: false,
				baseUrl: ROOT,
				typeRoots: [join(ROOT, 'node_modules', '@types')],
				types: ['node'],
				paths: { 'n8n-workflow': [workflowDir] },
			},
			include: [join(ROOT, 'credentials', '**', '*'), join(ROOT, 'nodes', '**', '*')],
		};
		writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
		const tsc = spawnSync(
			process.execPath,
			[join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')],
			{
				cwd: ROOT,
				encoding: 'utf8',
			},
		);
		expect({ status: tsc.status, errors: `${tsc.stdout}${tsc.stderr}`.trim() }).toEqual({ status: 0, errors: '' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
