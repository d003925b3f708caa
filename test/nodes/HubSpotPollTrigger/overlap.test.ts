import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { healthOf, idsOf, pollTrigger, startPollSim, type TestClock } from './helpers';

let sim: HubSpotSimulator;
let clock: TestClock;
beforeEach(async () => ({ sim, clock } = await startPollSim()));
afterEach(async () => sim.close());

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * Search's index trails writes (HubSpot's search guide: changes "may take a few moments" to appear), not always in
 * order: contact A changes first but reaches search 5 s after B, which changed later. A poll in between sees only B
 * and moves past A's modification time.
 */
async function lateIndexed(overlapSeconds: number) {
	clock.hold(Date.now() - 60_000);
	const a = sim.ui.create('contacts', { email: 'a@example.com' }).id;
	clock.release();
	const run = pollTrigger(sim, { startFrom: 'now', options: { overlapSeconds, emitHealthWhenIdle: true } });
	await run.poll();
	// A few real milliseconds apart, so the first poll, A's change and B's change each have their own time.
	await pause();
	sim.store.searchIndex.slowDown(`contacts:${a}`, 5_000);
	sim.ui.update('contacts', a, { firstname: 'Slow' });
	await pause();
	const b = sim.ui.create('contacts', { email: 'b@example.com' }).id;
	await pause();
	const first = await run.poll();
	clock.advance(5_000); // the index catches up with A
	const second = await run.poll();
	const third = await run.poll();
	return { a, b, first, second, third };
}

describe('HubSpot Poll Trigger: the overlap for search’s indexing lag', () => {
	it('a change search showed late is emitted by the next poll; what was emitted is not emitted again', async () => {
		const { a, b, first, second, third } = await lateIndexed(60);
		expect(idsOf(first)).toEqual([b]);
		expect(idsOf(second)).toEqual([a]);
		expect(idsOf(third)).toEqual([]);
		expect(healthOf(third)).toMatchObject({ written: 0, read: 1, skipped: 1 }); // A re-read by the look-back and dropped; B is the position
	});

	it('with no overlap the late change is lost — what the overlap is for', async () => {
		const { b, first, second } = await lateIndexed(0);
		expect(idsOf(first)).toEqual([b]);
		expect(idsOf(second)).toEqual([]);
	});
});
