import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { HealthTally, withHealth } from '../../../../nodes/shared/health/run-health';
import previous from '../../../fixtures/static-data/run-health.previous.json';

const node: INode = { id: 'poll', name: 'Poll', type: 'test.poll', typeVersion: 1, position: [0, 0], parameters: {} };

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
			runAt: '2026-11-22T10:00:00.000Z',
		});
	});

	it('reports no lag when no record was dated', () => {
		expect(new HealthTally(now).summary(null).lagSeconds).toBeNull();
	});

	it('keeps the end of the last successful run in static data, and not after a failed run', () => {
		const staticData: IDataObject = {};
		expect(new HealthTally(now).finish(staticData, true, node).lastSuccessfulRunAt).toBeNull();
		const later = now + 60_000;
		expect(new HealthTally(later).finish(staticData, false, node).lastSuccessfulRunAt).toBe('2026-11-22T10:00:00.000Z');
		expect(new HealthTally(later + 60_000).finish(staticData, true, node).lastSuccessfulRunAt).toBe('2026-11-22T10:00:00.000Z');
		expect(staticData).toEqual({ runHealth: { v: 1, lastSuccessfulRunAt: '2026-11-22T10:02:00.000Z' } });
	});

	it('reads the flat lastSuccessfulRunAt the previous format wrote, and rewrites it as a versioned record', () => {
		const staticData = structuredClone(previous.staticData) as IDataObject;
		expect(new HealthTally(now).finish(staticData, false, node).lastSuccessfulRunAt).toBe(previous.staticData.lastSuccessfulRunAt);
		expect(staticData).toEqual({ runHealth: { v: 1, lastSuccessfulRunAt: previous.staticData.lastSuccessfulRunAt } });
		expect(new HealthTally(now).finish(staticData, true, node).lastSuccessfulRunAt).toBe(previous.staticData.lastSuccessfulRunAt);
		expect(staticData).toEqual({ runHealth: { v: 1, lastSuccessfulRunAt: '2026-11-22T10:00:00.000Z' } });
	});

	it('refuses a record a newer package version wrote, and keeps it', () => {
		const staticData: IDataObject = { runHealth: { v: 2, lastSuccessfulRunAt: '2026-11-22T09:00:00.000Z', streak: 4 } };
		expect(() => new HealthTally(now).finish(staticData, true, node)).toThrow(NodeOperationError);
		expect(staticData).toEqual({ runHealth: { v: 2, lastSuccessfulRunAt: '2026-11-22T09:00:00.000Z', streak: 4 } });
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
