import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Comments, test names and docs cite what a reader can open: public URLs, n8n source paths, or a plain statement of
// the fact. Not the maintainers' private research notes, their section marks or their work-item numbers, which
// nobody who clones this repository has.

const ROOT = join(__dirname, '..', '..');

/** Tokens that point into private notes: section marks, the notes' file names, seed and work-item numbers. */
const NOTEBOOK_TOKENS: Array<[name: string, pattern: RegExp]> = [
	['a § section mark', /§/],
	['a private note file', /\b(kirim-api|n8n-conventions|webhooks-hubspot|hubspot-2026|n8n-e2e|style-anchors)\.md\b/],
	['the private notes folder', /shared\/(reference|seeds)\b/],
	['a seed number', /\bseed \d{3}\b/i],
	['a work-item number', /\b(issue|task) #?\d+\b/i],
];

/** Every text file git tracks, except third-party and generated ones. */
function trackedTextFiles(): string[] {
	const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
	return files.filter(
		(file) =>
			/\.(ts|js|mjs|json|md|yml|yaml|conf|sh)$|^\.ci\/run$/.test(file) &&
			!file.startsWith('docs/screenshots/') &&
			file !== 'package-lock.json',
	);
}

describe('citations a reader can follow', () => {
	const files = trackedTextFiles();

	test('there are files to check (the list comes from git)', () => {
		expect(files.length).toBeGreaterThan(100);
		expect(files).toContain('README.md');
		expect(files).toContain('nodes/shared/dedupe/store.ts');
	});

	test('no tracked file cites private notes', () => {
		const found: string[] = [];
		for (const file of files) {
			if (file === 'test/docs/public-sources.test.ts') continue;
			readFileSync(join(ROOT, file), 'utf8')
				.split('\n')
				.forEach((line, i) => {
					for (const [name, pattern] of NOTEBOOK_TOKENS)
						if (pattern.test(line)) found.push(`${file}:${i + 1}: ${name}: ${line.trim().slice(0, 120)}`);
				});
		}
		expect(found).toEqual([]);
	});

	test('each pattern catches what it names', () => {
		const samples = [
			'kirim-api.md §1 "Idempotency"',
			'see n8n-conventions.md',
			'../shared/reference/',
			'seed 002',
			'issue 7',
		];
		samples.forEach((sample, i) => expect(NOTEBOOK_TOKENS[i][1].test(sample)).toBe(true));
		expect(NOTEBOOK_TOKENS.some(([, pattern]) => pattern.test('https://developers.kirim.chat/webhooks/retry/'))).toBe(
			false,
		);
	});
});
