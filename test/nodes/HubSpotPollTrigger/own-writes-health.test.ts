import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { runHubSpotNode } from '../../harness/run-hubspot-node';
import { healthOf, idsOf, pollTrigger, startPollSim, type TestClock } from './helpers';

let sim: HubSpotSimulator;
let clock: TestClock;
beforeEach(async () => ({ sim, clock } = await startPollSim()));
afterEach(async () => sim.close());

const kirimId = (n: number) => `ctc_${String(n).padStart(26, '0')}`;
const kirimEvent = (n: number) => ({
	event: 'contact.updated',
	data: {
		contact: {
			id: kirimId(n),
			object: 'contact',
			name: `Person ${n}`,
			email: `person${n}@example.com`,
			phone_number: `+62812000${String(n).padStart(5, '0')}`,
			metadata: null,
			updated_at: new Date().toISOString(),
		},
	},
});

/** The sync writes these contacts to HubSpot, as the Kirim → HubSpot workflow does (it stamps kirim_last_synced_at). */
async function syncFromKirim(numbers: number[]): Promise<string[]> {
	const { items, error } = await runHubSpotNode(
		sim,
		new HubSpotSync(),
		{ resource: 'contact', operation: 'upsert', options: { link: false } },
		numbers.map(kirimEvent),
	);
	expect(error).toBeUndefined();
	return items.map((i) => String(i.json.hubspotId));
}

describe('HubSpot Poll Trigger: the sync’s own writes and health figures', () => {
	it('skips contacts the sync wrote, emits people’s edits (also of synced contacts), and reports what happened', async () => {
		const run = pollTrigger(sim, { startFrom: 'now', options: { emitHealthWhenIdle: true } });
		const first = (await run.poll())!;
		expect(first).toHaveLength(1);
		expect(first[0].json).toMatchObject({
			idle: true,
			syncHealth: { read: 0, written: 0, skipped: 0, rejected: 0, lagSeconds: null, lastSuccessfulRunAt: null },
		});

		const synced = await syncFromKirim([1, 2, 3]);
		const person = sim.ui.create('contacts', { email: 'walkin@example.com', firstname: 'Walk' }).id;
		const before = Date.now();
		const second = (await run.poll())!;
		const after = Date.now();
		expect(idsOf(second)).toEqual([person]);
		const health = healthOf(second);
		expect(health).toMatchObject({
			read: 4,
			written: 1,
			skipped: 3,
			rejected: 0,
			lastSuccessfulRunAt: first[0].json.syncHealth && (first[0].json.syncHealth as { runAt: string }).runAt,
		});
		const newest = Date.parse(sim.store.live('contacts', person)!.properties.lastmodifieddate!);
		expect(health.newestSourceUpdatedAt).toBe(new Date(newest).toISOString());
		expect(health.lagSeconds).toBeGreaterThanOrEqual(Math.round((before - newest) / 1000));
		expect(health.lagSeconds).toBeLessThanOrEqual(Math.round((after - newest) / 1000));
		expect(second.every((i) => i.json.syncHealth !== undefined)).toBe(true);

		// A person edits a synced contact a minute later: that is not the sync's write.
		clock.advance(60_000);
		sim.ui.update('contacts', synced[1], { firstname: 'Edited in HubSpot' });
		const third = (await run.poll())!;
		expect(idsOf(third)).toEqual([synced[1]]);
		expect((third[0].json.properties as Record<string, string>).firstname).toBe('Edited in HubSpot');

		// Nothing new: the look-back re-reads the overlap and drops what it gave (counted as skipped), one idle item.
		const idle = (await run.poll())!;
		expect(idle).toHaveLength(1);
		expect(idle[0].json.idle).toBe(true);
		const idleHealth = healthOf(idle);
		expect(idleHealth.written).toBe(0);
		expect(idleHealth.read).toBeGreaterThan(0);
		expect(idleHealth.read).toBe(idleHealth.skipped);
	});

	it('with the option off, the sync’s writes are emitted too; a wider window counts a slower sync as its own', async () => {
		const run = pollTrigger(sim, { startFrom: 'now', options: { skipOwnWrites: false } });
		expect(await run.poll()).toBeNull();
		const synced = await syncFromKirim([4, 5]);
		expect(idsOf(await run.poll()).sort()).toEqual([...synced].sort());

		// A stamp 30 s before HubSpot's modification time: outside the default 5 s, inside a 60 s window.
		const stamp = new Date(Date.now() - 30_000).toISOString();
		const late = sim.ui.create(
			'contacts',
			{ email: 'slow-sync@example.com', kirim_last_synced_at: stamp },
			sim.apiWriter,
		).id;
		const narrow = pollTrigger(sim, { startFrom: 'everything' });
		const wide = pollTrigger(sim, {
			startFrom: 'everything',
			options: { ownWriteWindowSeconds: 60, emitHealthWhenIdle: true },
		});
		expect(idsOf(await narrow.poll())).toContain(late);
		const wideItems = await wide.poll();
		expect(idsOf(wideItems)).not.toContain(late);
		expect(healthOf(wideItems).skipped).toBe(3);
	});
});
