import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ownershipPresetMarkdown } from '../../nodes/shared/sync/ownership';

const hubspotSyncPage = readFileSync(join(__dirname, '..', '..', 'docs', 'hubspot-sync.md'), 'utf8');

describe('README', () => {
	it('docs/hubspot-sync.md shows the ownership preset exactly as the code applies it', () => {
		const indented = ownershipPresetMarkdown()
			.split('\n')
			.map((line) => `  ${line}`)
			.join('\n');
		expect(hubspotSyncPage).toContain(indented);
	});

	it('links only to files that exist (relative links of the README and of docs/)', () => {
		const root = join(__dirname, '..', '..');
		const pages = [
			'README.md',
			...readdirSync(join(root, 'docs'))
				.filter((f) => f.endsWith('.md'))
				.map((f) => `docs/${f}`),
		];
		const broken: string[] = [];
		for (const page of pages) {
			const text = readFileSync(join(root, page), 'utf8');
			for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
				if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
				const file = target.split('#')[0];
				if (!existsSync(join(root, dirname(page), file))) broken.push(`${page} → ${target}`);
			}
		}
		expect(broken).toEqual([]);
	});

	it('its Quick start commands are the package’s own scripts (npm ci, npm start, npm test, npm run <script>)', () => {
		const root = join(__dirname, '..', '..');
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const scripts = (
			JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
		).scripts;
		const block = /## Quick start[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
		const commands = block
			.split('\n')
			.map((line) => line.replace(/#.*$/, '').trim())
			.filter(Boolean);
		expect(commands).toEqual(expect.arrayContaining(['npm start', 'npm test']));
		const unknown = commands.filter((command) => {
			const [tool, verb, name] = command.split(/\s+/);
			if (tool !== 'npm') return true;
			if (verb === 'ci') return false;
			if (verb === 'start' || verb === 'test') return !(verb in scripts);
			return verb !== 'run' || !(name in scripts);
		});
		expect(unknown).toEqual([]);
	});
});

describe('docs/sync-rules.md', () => {
	const root = join(__dirname, '..', '..');
	const page = readFileSync(join(root, 'docs', 'sync-rules.md'), 'utf8');
	const rows = page
		.split('\n')
		.filter((line) => line.startsWith('| ') && !line.startsWith('| Kirim |') && !line.startsWith('|---'))
		.map((line) => line.split('|').map((cell) => cell.trim()));

	it('has a row for every resource of Kirim’s CRM map, for companies and for deletions, each with a status', () => {
		const first = rows.map((cells) => cells[1]);
		for (const resource of [
			/^Contact \(`ctc_/,
			/^Conversation \(`cnv_/,
			/^Message/,
			/^Label/,
			/metadata/,
			/^Company/,
			/^Deleted/,
		])
			expect(first.some((cell) => resource.test(cell))).toBe(true);
		expect(
			rows.map((cells) => cells[6]).filter((status) => !['synced', 'by hand', 'not yet'].includes(status)),
		).toEqual([]);
	});

	it('names only example workflows that exist, and names every one of them', () => {
		const named = new Set([...page.matchAll(/`([a-z-]+\.json)`/g)].map((m) => m[1]));
		const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'));
		expect([...named].sort()).toEqual(examples.sort());
	});

	it('is linked from the README next to the node table', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const nodes = readme.slice(readme.indexOf('## Nodes'), readme.indexOf('| Node |'));
		expect(nodes).toContain('(docs/sync-rules.md)');
	});
});
