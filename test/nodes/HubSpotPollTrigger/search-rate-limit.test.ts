import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { idsOf, pollTrigger, searches, startPollSim, type TestClock } from './helpers';

let sim: HubSpotSimulator;
let clock: TestClock;
// HubSpot's documented search limit, on real time: five requests a second per account
// (https://developers.hubspot.com/docs/api-reference/search/guide.md).
beforeEach(async () => ({ sim, clock } = await startPollSim({ searchPerSecond: 5 })));
afterEach(async () => sim.close());

function seed(count: number): string[] {
	const base = Date.now() - 3_600_000;
	const made: string[] = [];
	for (let n = 0; n < count; n++) {
		clock.hold(base + n);
		made.push(sim.ui.create('contacts', { email: `r${n}@example.com` }).id);
	}
	clock.release();
	return made;
}

describe('HubSpot Poll Trigger: search’s own per-second limit', () => {
	it('a poll of 9 search pages stays under it: HubSpot never answers 429', async () => {
		const made = seed(1_700);
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 5_000 });
		expect(new Set(idsOf(await run.poll()))).toEqual(new Set(made));
		const asked = searches(sim);
		expect(asked.length).toBeGreaterThanOrEqual(9);
		expect(asked.filter((s) => s.status === 429)).toEqual([]);
	}, 30_000);

	it('when another app has spent this second’s searches, the 429 is waited out, not surfaced', async () => {
		const made = seed(300);
		sim.rateLimits.search.drain();
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 5_000 });
		expect(new Set(idsOf(await run.poll()))).toEqual(new Set(made));
		expect(searches(sim).filter((s) => s.status === 429).length).toBeGreaterThanOrEqual(1);
	}, 30_000);
});
