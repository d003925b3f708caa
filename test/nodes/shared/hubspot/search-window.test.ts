import { HubSpotSyncApi } from '../../../../credentials/HubSpotSyncApi.credentials';
import { changedSince } from '../../../../nodes/shared/hubspot/search-window';
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
