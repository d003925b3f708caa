import { HubSpotSyncApi } from '../../../../credentials/HubSpotSyncApi.credentials';
import { changedSince, walkChangedSince, WindowCursor, type WindowPosition } from '../../../../nodes/shared/hubspot/search-window';
import { ManualClock } from '../../../../simulators/common/clock';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../../simulators/hubspot';
import { hubSpotWork, HubSpotWorkProbe } from '../../../harness/probe-nodes';
import { runNode } from '../../../harness/run-node';

let sim: HubSpotSimulator;
let clock: ManualClock;
const T0 = Date.UTC(2026, 10, 22, 12);

beforeEach(async () => {
	clock = new ManualClock(T0);
	sim = await startHubSpotSimulator({ clock, searchPerSecond: 1000 });
});
afterEach(async () => sim.close());

/** Walks the window through a real n8n execution and returns every id, in the order given. */
async function walk(sinceMs: number, resultCap: number, pageSize: number): Promise<string[]> {
	hubSpotWork.run = async (client) => {
		const ids: string[] = [];
		for await (const page of changedSince(client, { objectType: 'contacts', sinceMs, properties: ['email'], resultCap, pageSize })) {
			ids.push(...page.map((o) => o.id));
		}
		return [{ ids }];
	};
	const { items, error } = await runNode({
		node: new HubSpotWorkProbe(),
		parameters: {},
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: { hubSpotSyncApi: { accessToken: sim.token, baseUrl: sim.url } },
	});
	if (error) throw error;
	return items[0].json.ids as string[];
}

describe('changedSince: the search window past the result cap', () => {
	it('returns every object once, oldest first, when the results exceed the cap many times over', async () => {
		const made: string[] = [];
		for (let n = 0; n < 95; n++) {
			clock.set(T0 + Math.floor(n / 3) * 1000); // three objects share each timestamp
			made.push(sim.ui.create('contacts', { email: `p${n}@example.com` }).id);
		}
		const ids = await walk(T0, 20, 5);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual([...made].sort());
		const second = ids.map((id) => Math.floor(made.indexOf(id) / 3));
		expect(second).toEqual([...second].sort((a, b) => a - b)); // oldest first
		const searches = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/search'));
		expect(searches.every((e) => Number((e.body as { after?: string }).after ?? 0) + 5 <= 20)).toBe(true);
	});

	it('walks a single timestamp held by more objects than the cap by hs_object_id', async () => {
		const made: string[] = [];
		for (let n = 0; n < 47; n++) made.push(sim.ui.create('contacts', { email: `same${n}@example.com` }).id);
		clock.set(T0 + 5000);
		made.push(sim.ui.create('contacts', { email: 'later@example.com' }).id);
		const ids = await walk(T0, 10, 5);
		expect([...ids].sort()).toEqual([...made].sort());
		expect(ids.length).toBe(made.length);
		expect(ids[ids.length - 1]).toBe(made[made.length - 1]);
	});

	it('starts at the given moment', async () => {
		sim.ui.create('contacts', { email: 'old@example.com' });
		clock.set(T0 + 60_000);
		const fresh = sim.ui.create('contacts', { email: 'new@example.com' }).id;
		expect(await walk(T0 + 30_000, 10_000, 200)).toEqual([fresh]);
	});
});

/** Takes at most `chunk` objects per n8n execution, keeping only a WindowCursor position between them, as a poll trigger does. */
async function walkInChunks(sinceMs: number, chunk: number, options: { resultCap: number; pageSize: number; tieWalkAfter?: number }) {
	let position: WindowPosition = { sinceMs, idsAtSince: [] };
	const ids: string[] = [];
	const positions: WindowPosition[] = [];
	for (let run = 0; run < 500; run++) {
		let taken = 0;
		hubSpotWork.run = async (client) => {
			const cursor = new WindowCursor(position, 'contacts');
			walk: for await (const page of walkChangedSince(client, { objectType: 'contacts', sinceMs: 0, start: position, properties: ['email'], ...options })) {
				for (const object of page.objects) {
					cursor.take(object, page.byId);
					ids.push(object.id);
					if (++taken >= chunk) break walk;
				}
			}
			// JSON round trip: the position is what static data keeps.
			position = JSON.parse(JSON.stringify(cursor.position)) as WindowPosition;
			return [{}];
		};
		const { error } = await runNode({
			node: new HubSpotWorkProbe(),
			parameters: {},
			credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
			credentials: { hubSpotSyncApi: { accessToken: sim.token, baseUrl: sim.url } },
		});
		if (error) throw error;
		positions.push(position);
		if (taken < chunk) return { ids, positions };
	}
	throw new Error('the walk did not end');
}

describe('walkChangedSince: resuming from a WindowCursor position', () => {
	function seed(): string[] {
		const made: string[] = [];
		// 30 objects alone in their millisecond, then 41 sharing one, then 12 in threes.
		for (let n = 0; n < 30; n++) {
			clock.set(T0 + n);
			made.push(sim.ui.create('contacts', { email: `a${n}@example.com` }).id);
		}
		clock.set(T0 + 100);
		for (let n = 0; n < 41; n++) made.push(sim.ui.create('contacts', { email: `tie${n}@example.com` }).id);
		for (let n = 0; n < 12; n++) {
			clock.set(T0 + 200 + Math.floor(n / 3));
			made.push(sim.ui.create('contacts', { email: `c${n}@example.com` }).id);
		}
		return made;
	}

	it.each([1, 7, 20, 45])('stopping every %i objects and resuming gives every object once (cap 20, ties of 41)', async (chunk) => {
		const made = seed();
		const { ids } = await walkInChunks(T0, chunk, { resultCap: 20, pageSize: 5 });
		expect(ids).toHaveLength(made.length);
		expect([...ids].sort()).toEqual([...made].sort());
	});

	it('with tieWalkAfter, a position never holds more ids than that, and nothing repeats or goes missing', async () => {
		const made = seed();
		const { ids, positions } = await walkInChunks(T0, 9, { resultCap: 10_000, pageSize: 5, tieWalkAfter: 8 });
		expect([...ids].sort()).toEqual([...made].sort());
		expect(ids).toHaveLength(made.length);
		expect(Math.max(...positions.map((p) => p.idsAtSince.length))).toBeLessThanOrEqual(8);
		expect(positions.some((p) => p.tieAfterId !== undefined)).toBe(true); // the 41 were walked by id
	});

	it('an object changed again after it was taken comes back at its new time', async () => {
		const made = seed();
		const first = await walkInChunks(T0, 1000, { resultCap: 20, pageSize: 5 });
		clock.set(T0 + 5000);
		sim.ui.update('contacts', made[35], { firstname: 'Changed' });
		const start = first.positions[first.positions.length - 1];
		hubSpotWork.run = async (client) => {
			const again: string[] = [];
			for await (const page of walkChangedSince(client, { objectType: 'contacts', sinceMs: 0, start, properties: ['email'], resultCap: 20, pageSize: 5 })) {
				again.push(...page.objects.map((o) => o.id));
			}
			return [{ again }];
		};
		const { items } = await runNode({
			node: new HubSpotWorkProbe(),
			parameters: {},
			credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
			credentials: { hubSpotSyncApi: { accessToken: sim.token, baseUrl: sim.url } },
		});
		expect(items[0].json.again).toEqual([made[35]]);
	});
});
