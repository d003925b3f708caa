import { FewKeys } from '../../../../nodes/shared/dedupe/few-keys';

/** Checks `keys` against a plain Set after every step of the same operations, asking about every key they name. */
function replay(ops: Array<['add' | 'delete', string]>): void {
	const keys = new FewKeys();
	const model = new Set<string>();
	const probes = [...new Set(ops.map(([, key]) => key)), 'never-added'];
	for (const [op, key] of ops) {
		if (op === 'add') {
			keys.add(key);
			model.add(key);
		} else {
			expect(keys.delete(key)).toBe(model.delete(key));
		}
		expect(keys.size).toBe(model.size);
		for (const k of probes) expect(keys.has(k)).toBe(model.has(k));
	}
}

describe('FewKeys', () => {
	it('adds, finds and deletes a few keys, a key twice counted once', () => {
		replay([
			['add', 'a'],
			['add', 'b'],
			['add', 'a'],
			['delete', 'a'],
			['delete', 'a'],
			['delete', 'missing'],
			['add', 'a'],
			['delete', 'b'],
			['delete', 'a'],
		]);
	});

	it('keeps every key when deleting from the middle of the list', () => {
		const ops: Array<['add' | 'delete', string]> = [];
		for (let i = 0; i < 10; i++) ops.push(['add', `k${i}`]);
		for (const i of [3, 0, 9, 5]) ops.push(['delete', `k${i}`]);
		replay(ops);
	});

	it('past 16 keys keeps all of them, and after emptying works as before', () => {
		const ops: Array<['add' | 'delete', string]> = [];
		for (let i = 0; i < 40; i++) ops.push(['add', `k${i}`]);
		ops.push(['add', 'k7']);
		for (let i = 39; i >= 0; i--) ops.push(['delete', `k${i}`]);
		for (let i = 0; i < 20; i++) ops.push(['add', `k${i}`], ['delete', `k${i}`]);
		ops.push(['add', 'a'], ['add', 'b'], ['delete', 'a']);
		replay(ops);
	});
});
