import type { IDataObject } from 'n8n-workflow';

import { DedupeStore, readSnapshot } from '../../../../nodes/shared/dedupe/store';
import { DedupeWindow } from '../../../../nodes/shared/dedupe/window';

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const HOUR = 3_600_000;

describe('dedupe window', () => {
	test('an id is fresh once, then a duplicate within the window', () => {
		const w = new DedupeWindow({ windowMs: 48 * HOUR, maxEntries: 100 }, T0);
		expect(w.checkAndRecord('evt_1', T0)).toBe(true);
		expect(w.checkAndRecord('evt_1', T0 + 47 * HOUR)).toBe(false);
		expect(w.checkAndRecord('evt_2', T0)).toBe(true);
	});

	test('an id is fresh again after its window expired', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 100 }, T0);
		w.checkAndRecord('evt_1', T0);
		expect(w.checkAndRecord('evt_1', T0 + HOUR + 1000)).toBe(true);
	});

	test('expired ids are dropped as time moves on', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 100 }, T0);
		for (let i = 0; i < 10; i++) w.checkAndRecord(`old_${i}`, T0);
		w.checkAndRecord('new', T0 + 2 * HOUR);
		expect(w.size).toBe(1);
	});

	test('the bound evicts the oldest ids first', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 3 }, T0);
		['a', 'b', 'c', 'd'].forEach((k, i) => w.checkAndRecord(k, T0 + i));
		expect(w.size).toBe(3);
		expect(w.has('a', T0 + 10)).toBe(false);
		expect(w.has('d', T0 + 10)).toBe(true);
	});

	test('forget lets a redelivery run again', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 10 }, T0);
		w.checkAndRecord('evt_1', T0);
		w.forget('evt_1');
		expect(w.checkAndRecord('evt_1', T0 + 1)).toBe(true);
	});

	test("a forgotten id recorded again stays a duplicate past its first recording's expiry", () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 10 }, T0);
		w.checkAndRecord('evt_1', T0);
		w.forget('evt_1');
		expect(w.checkAndRecord('evt_1', T0 + 30 * 60_000)).toBe(true);
		// The first recording is due here; the second is not, so the id is still known.
		expect(w.checkAndRecord('other', T0 + HOUR + 1000)).toBe(true);
		expect(w.checkAndRecord('evt_1', T0 + HOUR + 1000)).toBe(false);
		expect(w.size).toBe(2);
		expect(w.checkAndRecord('evt_1', T0 + 90 * 60_000 + 1000)).toBe(true);
	});

	test('the bound never evicts an id recorded again through its first recording', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 3 }, T0);
		['a', 'b', 'c'].forEach((k, i) => w.checkAndRecord(k, T0 + i));
		w.forget('a');
		expect(w.checkAndRecord('a', T0 + 10)).toBe(true);
		// Over the bound: the oldest recording is a's first one, no longer live; b goes instead.
		expect(w.checkAndRecord('d', T0 + 11)).toBe(true);
		expect(w.size).toBe(3);
		expect(w.has('a', T0 + 12)).toBe(true);
		expect(w.has('b', T0 + 12)).toBe(false);
		// And every live id leaves in turn once the stale entry is gone.
		['e', 'f', 'g'].forEach((k, i) => w.checkAndRecord(k, T0 + 20 + i));
		expect(['c', 'a', 'd'].map((k) => w.has(k, T0 + 30))).toEqual([false, false, false]);
		expect(w.size).toBe(3);
	});

	test('an id re-recorded after it expired is not evicted through its expired recording', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 3 }, T0);
		w.checkAndRecord('x', T0);
		// A shorter window from here: a and b are due before x, so they are still in the Map once expired.
		w.configure({ windowMs: HOUR / 2, maxEntries: 3 });
		w.checkAndRecord('a', T0 + 1000);
		w.checkAndRecord('b', T0 + 2000);
		const later = T0 + 31 * 60_000;
		expect(w.checkAndRecord('a', later)).toBe(true);
		// Over the bound twice: x goes, then the oldest live recording after a's expired one, which is b's.
		w.checkAndRecord('c', later + 1000);
		w.checkAndRecord('d', later + 2000);
		expect(w.size).toBe(3);
		expect(['a', 'c', 'd'].map((k) => w.has(k, later + 3000))).toEqual([true, true, true]);
		expect(w.checkAndRecord('a', later + 3000)).toBe(false);
	});

	test('ids past their window leave memory while new ones keep arriving', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 1_000_000 }, T0);
		for (let i = 0; i < 5000; i++) w.checkAndRecord(`evt_${i}`, T0 + i * 1000);
		// An hour of one id per second: only the last hour's ids are still held.
		expect(w.size).toBeLessThanOrEqual(3601);
		expect(w.has('evt_4999', T0 + 4999 * 1000)).toBe(true);
		expect(w.has('evt_0', T0 + 4999 * 1000)).toBe(false);
	});

	test('merge adds only unexpired unknown ids', () => {
		const w = new DedupeWindow({ windowMs: HOUR, maxEntries: 10 }, T0);
		w.checkAndRecord('known', T0);
		const added = w.merge(
			[
				['known', T0 + HOUR],
				['live', T0 + HOUR],
				['dead', T0 - 1],
			],
			T0,
		);
		expect(added).toBe(1);
		expect(w.has('live', T0 + 1000)).toBe(true);
		expect(w.has('dead', T0)).toBe(false);
	});
});

describe('dedupe store (per scope, snapshot in static data)', () => {
	const options = { windowMs: 48 * HOUR, maxEntries: 1000, snapshotSize: 3 };

	test('scopes are separate: a test-URL subscription does not swallow the production one', () => {
		const store = new DedupeStore();
		expect(store.checkAndRecord('wbs_test', ['evt_1'], {}, options, T0)).toEqual([true]);
		expect(store.checkAndRecord('wbs_prod', ['evt_1'], {}, options, T0)).toEqual([true]);
		expect(store.checkAndRecord('wbs_prod', ['evt_1'], {}, options, T0)).toEqual([false]);
	});

	test('(id, status) keys: each status of one message is its own event', () => {
		const store = new DedupeStore();
		const keys = ['wamid.A:sent', 'wamid.A:delivered', 'wamid.A:sent'];
		expect(store.checkAndRecord('s', keys, {}, options, T0)).toEqual([true, true, false]);
	});

	test('a new id writes a capped snapshot of the newest ids; a duplicate writes nothing', () => {
		const store = new DedupeStore();
		const staticData: IDataObject = {};
		store.checkAndRecord('s', ['a', 'b', 'c', 'd'], staticData, options, T0);
		expect(readSnapshot(staticData)?.entries.map(([k]) => k)).toEqual(['b', 'c', 'd']);
		delete staticData.dedupe;
		store.checkAndRecord('s', ['d'], staticData, options, T0 + 1);
		expect(staticData.dedupe).toBeUndefined();
	});

	test('with an interval, a new id inside it is not written; the next one after it writes all of them', () => {
		const store = new DedupeStore();
		const staticData: IDataObject = {};
		const throttled = { ...options, snapshotSize: 10, persistEveryMs: 1000 };
		store.checkAndRecord('s', ['a'], staticData, throttled, T0);
		delete staticData.dedupe;
		store.checkAndRecord('s', ['b'], staticData, throttled, T0 + 500);
		expect(staticData.dedupe).toBeUndefined();
		store.checkAndRecord('s', ['c'], staticData, throttled, T0 + 1000);
		expect(readSnapshot(staticData)?.entries.map(([k]) => k)).toEqual(['a', 'b', 'c']);
	});

	test('after a restart the snapshot is merged in before checking', () => {
		const before = new DedupeStore();
		const staticData: IDataObject = {};
		before.checkAndRecord('s', ['evt_1', 'evt_2'], staticData, options, T0);
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const after = new DedupeStore();
		expect(after.checkAndRecord('s', ['evt_2', 'evt_3'], saved, options, T0 + 60_000)).toEqual([false, true]);
	});

	test('the store alone ignores a snapshot it cannot read, never a crash (the triggers refuse a newer one first: dedupe-delivery tests)', () => {
		const store = new DedupeStore();
		expect(store.checkAndRecord('s', ['x'], { dedupe: { v: 99, entries: 'junk' } }, options, T0)).toEqual([true]);
		// Format 1 (lists of [id, expiry ms]) is upgraded; expiries are kept in whole seconds from format 2 on.
		expect(readSnapshot({ dedupe: { v: 1, entries: [['ok', 5000], [1, 2], 'bad'] } })?.entries).toEqual([['ok', 5000]]);
		const format2 = { v: 2, ids: ['ok', 7, 'late'], expires: [5, 6, 'x', 8], late: [2] };
		expect(readSnapshot({ dedupe: format2 })?.entries).toEqual([['ok', 5000]]);
		expect(readSnapshot({ dedupe: { v: 2, ids: 'junk', expires: [], late: [] } })).toBeUndefined();
	});

	describe('ids another request has in flight stay out of the snapshot this request saves', () => {
		// Two deliveries handled at once by one process: each request has its own copy of the static data, and n8n
		// saves a request's copy once that request's run exists. The process dies after B's save, before A's run
		// exists; the sender retries A (it got no answer) to a restarted process, or, in queue mode, another one.
		const saved = (staticData: IDataObject) => JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const wide = { ...options, snapshotSize: 10 };

		test("B's save does not hold A, so A's retry after the process died runs", () => {
			const store = new DedupeStore();
			const a: IDataObject = {};
			const b: IDataObject = {};
			expect(store.claim('s', ['evt_A'], a, wide, T0)).toEqual(['new']);
			expect(store.claim('s', ['evt_B'], b, wide, T0 + 1)).toEqual(['new']);
			// The mark loop rewrites B's copy until B's answer; n8n saves it after B's run exists.
			store.rewrite('s', b, ['evt_B']);
			expect(readSnapshot(b)?.entries.map(([k]) => k)).toEqual(['evt_B']);
			const restarted = new DedupeStore();
			expect(restarted.claim('s', ['evt_A'], saved(b), wide, T0 + 60_000)).toEqual(['new']);
			expect(restarted.claim('s', ['evt_B'], {}, wide, T0 + 60_001)).toEqual(['seen']);
		});

		test('once A is answered, the next save holds both', () => {
			const store = new DedupeStore();
			const a: IDataObject = {};
			const b: IDataObject = {};
			store.claim('s', ['evt_A'], a, wide, T0);
			store.claim('s', ['evt_B'], b, wide, T0 + 1);
			store.settle('s', ['evt_A'], { ok: true, late: false }, a, T0 + 2);
			store.rewrite('s', b, ['evt_B']);
			expect(readSnapshot(b)?.entries.map(([k]) => k)).toEqual(['evt_A', 'evt_B']);
		});

		test("a request's own held-back key (answered after the run) stays out until its answer, as before", () => {
			const store = new DedupeStore();
			const a: IDataObject = {};
			store.claim('s', ['evt_A'], a, { ...wide, holdBack: true }, T0);
			store.rewrite('s', a, ['evt_A']);
			expect(readSnapshot(a)?.entries ?? []).toEqual([]);
		});
	});

	test('forget updates the snapshot too', () => {
		const store = new DedupeStore();
		const staticData: IDataObject = {};
		store.checkAndRecord('s', ['a', 'b'], staticData, options, T0);
		store.forget('s', ['b'], staticData);
		expect(readSnapshot(staticData)?.entries.map(([k]) => k)).toEqual(['a']);
	});
});
