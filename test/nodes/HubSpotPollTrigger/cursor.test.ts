import type { INodeExecutionData } from 'n8n-workflow';

import type { HubSpotSimulator } from '../../../simulators/hubspot';
import { idsOf, pollTrigger, searches, startPollSim, type TestClock } from './helpers';

let sim: HubSpotSimulator;
let clock: TestClock;
beforeEach(async () => ({ sim, clock } = await startPollSim()));
afterEach(async () => sim.close());

const HOUR = 3_600_000;
const modified = (item: INodeExecutionData) =>
	Date.parse(String((item.json.properties as Record<string, string>).lastmodifieddate));
/** A version of a contact: its id at one modification time. */
const version = (item: INodeExecutionData) => `${String(item.json.id)}@${modified(item)}`;

/** Contacts changed an hour ago: singles, a group sharing one time larger than a search page (200), and pairs. */
function seedOld(): string[] {
	const base = Date.now() - HOUR;
	const made: string[] = [];
	for (let n = 0; n < 100; n++) {
		clock.hold(base + n);
		made.push(sim.ui.create('contacts', { email: `single${n}@example.com` }).id);
	}
	clock.hold(base + 500);
	for (let n = 0; n < 230; n++) made.push(sim.ui.create('contacts', { email: `tie${n}@example.com` }).id);
	for (let n = 0; n < 120; n++) {
		clock.hold(base + 1000 + Math.floor(n / 2));
		made.push(sim.ui.create('contacts', { email: `pair${n}@example.com` }).id);
	}
	clock.release();
	return made;
}

describe('HubSpot Poll Trigger: the cursor', () => {
	it('Everything: a backfill in chunks of Max Records per Poll gives every contact once, oldest first, across restarts', async () => {
		const made = seedOld();
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 100 });
		const emitted: INodeExecutionData[] = [];
		for (let n = 1; n <= 4; n++) emitted.push(...((await run.poll()) ?? []));
		run.restart(); // n8n restarted: only what the polls saved survives
		for (let n = 5; n <= 6; n++) emitted.push(...((await run.poll()) ?? []));
		run.restart();
		emitted.push(...(await run.drain()));
		expect(emitted.map((i) => i.json.id)).toHaveLength(made.length);
		expect(new Set(emitted.map((i) => i.json.id))).toEqual(new Set(made));
		const times = emitted.map(modified);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(run.emitted.map((batch) => batch.length)).toEqual([100, 100, 100, 100, 50]);
		// The stored position never holds more ids than a page, though 230 contacts share one time.
		expect(
			(run.savedNodeStaticData!.hubSpotPoll as { position: { idsAtSince: string[] } }).position.idsAtSince.length,
		).toBeLessThanOrEqual(200);
		expect(await run.poll()).toBeNull();
	});

	it('From Now: contacts changed before the first poll are not emitted, later ones are', async () => {
		seedOld();
		const run = pollTrigger(sim, { startFrom: 'now' });
		expect(await run.poll()).toBeNull();
		expect(searches(sim)).toHaveLength(0); // the first poll only notes the moment
		const fresh = sim.ui.create('contacts', { email: 'fresh@example.com' }).id;
		expect(idsOf(await run.poll())).toEqual([fresh]);
		expect(await run.poll()).toBeNull();
	});

	it('changing Start From to Everything later starts a backfill; the poll before only noted the moment', async () => {
		const made = seedOld();
		const run = pollTrigger(sim, { startFrom: 'now' });
		expect(await run.poll()).toBeNull();
		run.reconfigure({ startFrom: 'everything', maxRecordsPerPoll: 1000 });
		expect(new Set(idsOf(await run.poll()))).toEqual(new Set(made));
	});

	it('a poll stops fetching when n8n’s poll budget is nearly spent, and the next goes on from there', async () => {
		const made = seedOld().slice(0, 30);
		for (const id of sim.store.objects.contacts.keys())
			if (!made.includes(id)) sim.store.archive('contacts', sim.store.objects.contacts.get(id)!, sim.apiWriter);
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 1000 }, { pollBudgetMs: 1 });
		const first = (await run.poll())!;
		expect(first.length).toBeLessThan(30);
		const rest = await run.drain();
		expect([...idsOf(first), ...idsOf(rest)]).toEqual(made);
	});

	it('a poll that starts while the previous one still runs skips its turn instead of emitting the same contacts', async () => {
		const made = seedOld();
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 5000 });
		const [first, second] = await Promise.all([run.poll(), run.poll()]);
		expect(new Set(idsOf(first))).toEqual(new Set(made));
		expect(second).toBeNull();
		expect(await run.poll()).toBeNull();
	});

	it('contacts changed while a poll walks are caught by that poll or the next, each version once', async () => {
		const made = seedOld();
		const index = sim.store.searchIndex;
		const visible = index.visible.bind(index);
		let during = true;
		const changed: string[][] = [];
		// After HubSpot answers each search of the first poll, a person edits a contact and adds one. The edits after
		// the last search come after the walk has passed: only the next poll can see them.
		index.visible = (prefix: string) => {
			const seen = visible(prefix);
			if (during) {
				const n = changed.length;
				changed.push([
					sim.ui.update('contacts', made[n * 50], { firstname: `Edited${n}` }).id,
					sim.ui.create('contacts', { email: `during${n}@example.com` }).id,
				]);
			}
			return seen;
		};
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 5000 });
		const first = (await run.poll())!;
		during = false;
		const second = (await run.poll())!;
		expect(await run.poll()).toBeNull();
		expect(changed.length).toBeGreaterThan(2);
		expect(idsOf(second).sort()).toEqual([...changed[changed.length - 1]].sort());
		const all = [...first, ...second];
		const versions = all.map(version);
		expect(new Set(versions).size).toBe(versions.length);
		// Every contact's final version was emitted.
		const final = new Set(
			[...sim.store.objects.contacts.values()].map((c) => `${c.id}@${Date.parse(c.properties.lastmodifieddate!)}`),
		);
		for (const v of final) expect(versions).toContain(v);
	});

	it('never a contact version twice, never a final version missed: random edits, polls and restarts', async () => {
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const run = pollTrigger(sim, { startFrom: 'everything', maxRecordsPerPoll: 25 });
		const ids: string[] = [];
		const emitted: INodeExecutionData[] = [];
		for (let round = 0; round < 10; round++) {
			// Several contacts per millisecond (held clock), so ties meet page and chunk boundaries.
			clock.hold(Date.now());
			for (let n = Math.floor(random() * 30); n > 0; n--)
				ids.push(sim.ui.create('contacts', { email: `r${round}-${n}@example.com` }).id);
			for (let n = Math.floor(random() * 8); n > 0 && ids.length; n--)
				sim.ui.update('contacts', ids[Math.floor(random() * ids.length)], { firstname: `e${round}-${n}` });
			clock.release();
			if (random() < 0.3) run.restart();
			emitted.push(...((await run.poll()) ?? []));
		}
		run.restart();
		emitted.push(...(await run.drain()));
		const versions = emitted.map(version);
		expect(new Set(versions).size).toBe(versions.length);
		const lastSeen = new Map<string, number>();
		for (const item of emitted) {
			const id = String(item.json.id);
			expect(modified(item)).toBeGreaterThan(lastSeen.get(id) ?? -1); // each contact's versions in order
			lastSeen.set(id, modified(item));
		}
		for (const id of ids)
			expect(lastSeen.get(id)).toBe(Date.parse(sim.store.live('contacts', id)!.properties.lastmodifieddate!));
		expect(ids.length).toBeGreaterThan(50);
	}, 60_000);
});
