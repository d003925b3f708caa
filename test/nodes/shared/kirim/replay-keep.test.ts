import { planReplay, type DeliveryRow } from '../../../../nodes/shared/kirim/replay';
import { covered, row, T0 } from './replay-fixtures';

describe('planReplay with dead letters to keep (already replayed, still dead in Kirim)', () => {
	test('interleaved in time: every new one replayed once, no kept one ever inside a window, whichever the bounds', () => {
		const fresh: DeliveryRow[] = [];
		const kept: DeliveryRow[] = [];
		// Runs of new ones between kept ones, at distances of 1, 2, 3 and 50 ms.
		let t = T0;
		for (let n = 0; n < 400; n++) {
			t += [1, 2, 3, 50][n % 4];
			(n % 7 === 3 ? kept : fresh).push(row(n, t));
		}
		const steps = planReplay(fresh, 'dead', 1000, kept);
		for (const inclusive of [false, true])
			expect(covered([...fresh, ...kept], steps, inclusive)).toEqual(fresh.map((r) => r.id).sort());
		expect(steps.filter((s) => s.kind === 'window').length).toBeGreaterThan(1);
	});

	test('kept ones far away change nothing: one window, as without them', () => {
		const fresh = Array.from({ length: 50 }, (_, n) => row(n, T0 + n * 10));
		const kept = [row(1000, T0 - 60_000), row(1001, T0 + 60_000)];
		expect(planReplay(fresh, 'dead', 1000, kept)).toEqual(planReplay(fresh, 'dead'));
		expect(planReplay(fresh, 'dead', 1000, kept)).toHaveLength(1);
	});

	test('a new one in the same millisecond as a kept one, or 1 ms from it, is replayed alone', () => {
		const fresh = [row(1, T0), row(2, T0 + 10), row(3, T0 + 21)];
		const kept = [row(9, T0), row(10, T0 + 20)];
		const steps = planReplay(fresh, 'dead', 1000, kept);
		expect(steps.filter((s) => s.kind === 'single').map((s) => (s.kind === 'single' ? s.deliveryId : ''))).toEqual([
			fresh[0].id,
			fresh[2].id,
		]);
		for (const inclusive of [false, true])
			expect(covered([...fresh, ...kept], steps, inclusive)).toEqual(fresh.map((r) => r.id).sort());
	});

	test('a kept one without a readable time could be anywhere: every new one is replayed alone', () => {
		const steps = planReplay([row(1, T0), row(2, T0 + 5)], 'dead', 1000, [{ id: 'wbd_x', created_at: 'yesterday' }]);
		expect(steps).toEqual([
			{ kind: 'single', deliveryId: row(1, T0).id },
			{ kind: 'single', deliveryId: row(2, T0).id },
		]);
	});
});
