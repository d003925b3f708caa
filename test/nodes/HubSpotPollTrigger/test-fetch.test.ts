import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { idsOf, pollTrigger, searches, startPollSim, type TestClock } from './helpers';

let sim: HubSpotSimulator;
let clock: TestClock;
beforeEach(async () => ({ sim, clock } = await startPollSim()));
afterEach(async () => sim.close());

describe('HubSpot Poll Trigger: Fetch test event', () => {
	it('returns the most recently changed contact and leaves the cursor and all static data alone', async () => {
		clock.hold(Date.now() - 60_000);
		const older = sim.ui.create('contacts', { email: 'older@example.com' }).id;
		clock.release();
		const run = pollTrigger(sim, { startFrom: 'everything', properties: 'email,firstname', maxRecordsPerPoll: 1 });
		expect(idsOf(await run.poll())).toEqual([older]);
		const newest = sim.ui.create('contacts', { email: 'newest@example.com', firstname: 'Nia' }).id;
		const saved = JSON.stringify(run.saved);
		const inMemory = JSON.stringify(run.nodeStaticData);

		const fetched = await run.testFetch();
		expect(fetched.error).toBeUndefined();
		expect(fetched.items).toHaveLength(1);
		expect(fetched.items[0].json).toMatchObject({
			id: newest,
			properties: { email: 'newest@example.com', firstname: 'Nia' },
			syncHealth: { read: 1, written: 1 },
		});
		expect(Object.keys(fetched.items[0].json).sort()).toEqual([
			'createdAt',
			'id',
			'properties',
			'syncHealth',
			'updatedAt',
		]);
		expect(fetched.staticDataChanged).toBe(false);
		expect(JSON.stringify(run.saved)).toBe(saved);
		expect(JSON.stringify(run.nodeStaticData)).toBe(inMemory);

		// The next poll goes on as if the fetch had not happened: the fetched contact is still to come.
		expect(idsOf(await run.poll())).toEqual([newest]);
	});

	it('before any poll it creates no state; with no contacts it returns nothing', async () => {
		const run = pollTrigger(sim, { startFrom: 'now' });
		const empty = await run.testFetch();
		expect(empty.error).toBeUndefined();
		expect(empty.items).toEqual([]);
		expect(empty.staticDataChanged).toBe(false);
		expect(empty.staticData).toEqual({});
		expect(searches(sim)).toHaveLength(1);
	});
});
