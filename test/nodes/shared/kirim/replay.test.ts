import { planReplay } from '../../../../nodes/shared/kirim/replay';
import { covered, row, T0 } from './replay-fixtures';

describe('planReplay: windows split before calling bulk_replay', () => {
	test('every delivery is in exactly one window of at most the cap, whichever way Kirim reads the bounds', () => {
		const rows = Array.from({ length: 2500 }, (_, n) => row(n, T0 + Math.floor(n / 3) * 7));
		const steps = planReplay(rows, 'dead');
		expect(steps.every((s) => s.kind === 'window' && s.expected <= 1000)).toBe(true);
		expect(steps).toHaveLength(3);
		for (const inclusive of [false, true]) {
			const ids = covered(rows, steps, inclusive);
			expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
		}
	});

	test('deliveries of one millisecond never straddle a cut', () => {
		const rows = [
			...Array.from({ length: 999 }, (_, n) => row(n, T0)),
			...Array.from({ length: 5 }, (_, n) => row(1000 + n, T0 + 10)),
		];
		const steps = planReplay(rows, 'dead');
		expect(steps.map((s) => (s.kind === 'window' ? s.expected : 0))).toEqual([999, 5]);
	});

	test('more than the cap in one millisecond: replayed one by one, the rest still in windows', () => {
		const rows = [row(1, T0 - 50), ...Array.from({ length: 1001 }, (_, n) => row(10 + n, T0)), row(5000, T0 + 50)];
		const steps = planReplay(rows, 'failed');
		expect(steps.filter((s) => s.kind === 'single')).toHaveLength(1001);
		expect(steps.filter((s) => s.kind === 'window').map((s) => (s.kind === 'window' ? s.expected : 0))).toEqual([1, 1]);
		expect(covered(rows, steps, false).sort()).toEqual(rows.map((r) => r.id).sort());
	});

	test('a delivery without a readable time is replayed alone, not lost', () => {
		const steps = planReplay([{ id: 'wbd_x', created_at: 'yesterday' }, row(1, T0)], 'dead');
		expect(steps).toContainEqual({ kind: 'single', deliveryId: 'wbd_x' });
		expect(steps.filter((s) => s.kind === 'window')).toHaveLength(1);
	});

	test('nothing dead: no call at all', () => {
		expect(planReplay([], 'dead')).toEqual([]);
	});
});
