import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ownershipPresetMarkdown } from '../../nodes/shared/sync/ownership';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
	it('shows the ownership preset exactly as the code applies it', () => {
		const indented = ownershipPresetMarkdown()
			.split('\n')
			.map((line) => `  ${line}`)
			.join('\n');
		expect(readme).toContain(indented);
	});
});
