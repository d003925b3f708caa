import { compareVersions, OLDEST_N8N, PINNED_N8N } from '../../../e2e/harness/versions';

describe('n8n versions of the real-n8n suite', () => {
	test('compareVersions orders dotted versions by number, not as text', () => {
		expect(compareVersions('2.30.8', '2.41.1')).toBeLessThan(0);
		expect(compareVersions('2.41.1', '2.30.8')).toBeGreaterThan(0);
		expect(compareVersions('2.9.0', '2.10.0')).toBeLessThan(0);
		expect(compareVersions('2.41.0', '2.41')).toBe(0);
		expect(compareVersions('2.41.1', '2.41.1')).toBe(0);
	});

	test('the oldest supported n8n is older than the pinned one', () => {
		expect(compareVersions(OLDEST_N8N, PINNED_N8N)).toBeLessThan(0);
	});
});
