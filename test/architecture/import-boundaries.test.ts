import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The layer rule of docs/architecture.md is an ESLint rule (eslint.config.mjs, import-x/no-restricted-paths), so
// `npm run lint` refuses an import that goes the wrong way. This lints a few probe files placed inside the layers
// (one ESLint run, files removed afterwards) and checks that each wrong way is refused and the right ways are not.

const ROOT = join(__dirname, '..', '..');

const PROBES: Record<string, { dir: string; source: string }> = {
	syncImportsClient: {
		dir: 'nodes/shared/sync',
		source: "import { KirimClient } from '../kirim/client';\nexport const c = KirimClient;\n",
	},
	wireImportsGlue: {
		dir: 'nodes/shared/transport',
		source: "import { triggeringItem } from '../node/triggering-event';\nexport const t = triggeringItem;\n",
	},
	sharedImportsNode: {
		dir: 'nodes/shared/node',
		source: "import { router } from '../../Kirim/actions/router';\nexport const r = router;\n",
	},
	nodeImportsNode: {
		dir: 'nodes/Kirim/actions',
		source: "import * as common from '../../HubSpotSync/actions/common';\nexport const c = common;\n",
	},
	glueImportsDown: {
		dir: 'nodes/shared/node',
		source:
			"import { KirimClient } from '../kirim/client';\nimport { planWrite } from '../sync/plan';\nexport const x = [KirimClient, planWrite];\n",
	},
	nodeImportsShared: {
		dir: 'nodes/HubSpotSync/actions',
		source:
			"import * as common from './common';\nimport { dedupeStore } from '../../shared/dedupe/store';\nexport const x = [common, dedupeStore];\n",
	},
};

interface LintResult {
	filePath: string;
	messages: Array<{ ruleId: string | null; message: string }>;
}

/**
 * Lints probe files placed in the given folders (one ESLint run, files removed afterwards) and returns, per probe,
 * the messages of `ruleId`.
 */
function lintProbes(
	probes: Record<string, { dir: string; source: string }>,
	eslintArgs: string[],
	ruleId: string,
): Record<string, string[]> {
	const found: Record<string, string[]> = {};
	const paths = Object.entries(probes).map(([name, probe]) => {
		const path = join(ROOT, probe.dir, `.boundary-probe-${process.pid}-${name}.ts`);
		writeFileSync(path, probe.source);
		return [name, path] as const;
	});
	try {
		let output: string;
		try {
			output = execFileSync(
				join(ROOT, 'node_modules', '.bin', 'eslint'),
				['--format', 'json', ...eslintArgs, ...paths.map(([, path]) => path)],
				{ cwd: ROOT, encoding: 'utf8' },
			);
		} catch (error) {
			// ESLint exits 1 when it found problems; its JSON report is still on stdout.
			output = (error as { stdout: string }).stdout;
		}
		const results = JSON.parse(output) as LintResult[];
		for (const [name, path] of paths) {
			const result = results.find((r) => r.filePath === path);
			if (!result) throw new Error(`ESLint did not report on ${path}`);
			found[name] = result.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message);
		}
	} finally {
		for (const [, path] of paths) rmSync(path, { force: true });
	}
	return found;
}

describe('import boundaries between the layers and the nodes', () => {
	let found: Record<string, string[]> = {};

	beforeAll(() => {
		found = lintProbes(PROBES, [], 'import-x/no-restricted-paths');
	}, 120_000);

	test('a pure sync rule may not import an API client', () => {
		expect(found.syncImportsClient).toEqual([
			expect.stringContaining('nodes/shared/sync sits below what it imports here'),
		]);
	});

	test('the wire layer may not import n8n glue', () => {
		expect(found.wireImportsGlue).toHaveLength(1);
	});

	test('shared code may not import a node', () => {
		expect(found.sharedImportsNode).toHaveLength(1);
	});

	test('a node may not import another node', () => {
		expect(found.nodeImportsNode).toEqual([expect.stringContaining('never imports another node')]);
	});

	test('imports downwards, and from a node into shared code, are allowed', () => {
		expect(found.glueImportsDown).toEqual([]);
		expect(found.nodeImportsShared).toEqual([]);
	});
});

describe('import boundaries between the in-process and the real-n8n tests', () => {
	let found: Record<string, string[]> = {};
	const probes = {
		testImportsE2e: {
			dir: 'test/nodes',
			source: "import { N8nInstance } from '../../e2e/harness/n8n';\nexport const n = N8nInstance;\n",
		},
		e2eImportsTest: {
			dir: 'e2e',
			source: "import { runNode } from '../test/harness/run-node';\nexport const r = runNode;\n",
		},
		bothImportTestkit: {
			dir: 'e2e',
			source: "import { rng } from '../testkit/random';\nexport const r = rng;\n",
		},
	};

	beforeAll(() => {
		found = lintProbes(probes, ['-c', 'eslint.tooling.mjs'], 'no-restricted-imports');
	}, 120_000);

	test('test/ may not import e2e/, nor e2e/ test/: they share through testkit/', () => {
		expect(found.testImportsE2e).toEqual([expect.stringContaining('Share it through testkit/')]);
		expect(found.e2eImportsTest).toEqual([expect.stringContaining('Share it through testkit/')]);
		expect(found.bothImportTestkit).toEqual([]);
	});
});
