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
		const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
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
});
