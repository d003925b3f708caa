import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { SEARCH_RESULT_CAP } from '../../../simulators/hubspot';
import { idsOf, pollTrigger, searches, startPollSim, type TestClock } from './helpers';

let sim: HubSpotSimulator;
let clock: TestClock;
beforeEach(async () => ({ sim, clock } = await startPollSim()));
afterEach(async () => sim.close());

describe('HubSpot Poll Trigger: past the 10 000-result cap', () => {
	it('walks 10 300 changed contacts, 300 of them sharing the lastmodifieddate that straddles result 10 000, each once', async () => {
		const base = Date.now() - 3_600_000;
		const made: string[] = [];
		for (let n = 0; n < 9_950; n++) {
			clock.hold(base + n);
			made.push(sim.ui.create('contacts', { email: `s${n}@example.com` }).id);
		}
		clock.hold(base + 20_000); // results 9 951 to 10 250 of a single query ordered by lastmodifieddate
		for (let n = 0; n < 300; n++) made.push(sim.ui.create('contacts', { email: `tie${n}@example.com` }).id);
		for (let n = 0; n < 50; n++) {
			clock.hold(base + 30_000 + n);
			made.push(sim.ui.create('contacts', { email: `after${n}@example.com` }).id);
		}
		clock.release();

		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 20_000 });
		const items = (await run.poll())!;
		const ids = idsOf(items);
		expect(ids).toHaveLength(made.length);
		expect(new Set(ids)).toEqual(new Set(made));
		expect(ids.slice(-50)).toEqual(made.slice(-50)); // the tie is passed, then the rest in order
		expect(made.length).toBeGreaterThan(SEARCH_RESULT_CAP);
		const asked = searches(sim);
		expect(asked.every((s) => s.status === 200)).toBe(true); // never HubSpot's 400 for paging past 10 000
		expect(asked.some((s) => JSON.stringify(s.body).includes('"hs_object_id"'))).toBe(true); // the tie walked by id
		expect(items[0].json.syncHealth).toMatchObject({ read: made.length, written: made.length, skipped: 0 });
		expect(await run.poll()).toBeNull();
	}, 120_000);
});
