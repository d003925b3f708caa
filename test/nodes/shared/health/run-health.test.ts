import type { IDataObject } from 'n8n-workflow';

import { HealthTally, withHealth } from '../../../../nodes/shared/health/run-health';

describe('run health', () => {
	const now = Date.parse('2026-11-22T10:00:00Z');

	it('counts, measures lag from the newest dated record and ignores unreadable dates', () => {
		const tally = new HealthTally(now);
		tally.read(3);
		tally.written(2);
		tally.rejected();
		tally.skipped(4);
		tally.sawSourceUpdatedAt('2026-11-22T09:58:00Z');
		tally.sawSourceUpdatedAt(Date.parse('2026-11-22T09:59:30Z'));
		tally.sawSourceUpdatedAt('yesterday');
		expect(tally.summary(null)).toEqual({
			read: 3,
			written: 2,
			rejected: 1,
			skipped: 4,
			lagSeconds: 30,
			newestSourceUpdatedAt: '2026-11-22T09:59:30.000Z',
			lastSuccessfulRunAt: null,
			secondsSinceLastSuccess: null,
			runAt: '2026-11-22T10:00:00.000Z',
		});
	});

	it('reports no lag when no record was dated', () => {
		expect(new HealthTally(now).summary(null).lagSeconds).toBeNull();
	});

	it('measures the time since the last successful run given to it, in whole seconds', () => {
		const health = new HealthTally(now).summary('2026-11-20T09:59:59.400Z');
		expect(health).toMatchObject({
			lastSuccessfulRunAt: '2026-11-20T09:59:59.400Z',
			secondsSinceLastSuccess: 48 * 3600 + 1,
		});
		expect(new HealthTally(now).summary(null).secondsSinceLastSuccess).toBeNull();
		// A last success a little ahead of this clock (another machine's) is no success in the future.
		expect(new HealthTally(now).summary('2026-11-22T10:00:02Z').secondsSinceLastSuccess).toBe(0);
	});

	it('puts a copy of the figures on every item', () => {
		const input: Array<{ json: IDataObject }> = [{ json: {} }, { json: { id: 'a' } }];
		const items = withHealth(input, new HealthTally(now).summary(null));
		expect(items.map((item) => (item.json.syncHealth as IDataObject).runAt)).toEqual([
			'2026-11-22T10:00:00.000Z',
			'2026-11-22T10:00:00.000Z',
		]);
		expect(items[0].json.syncHealth).not.toBe(items[1].json.syncHealth);
	});
});
