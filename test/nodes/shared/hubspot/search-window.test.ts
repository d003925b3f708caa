import { HubSpotSyncApi } from '../../../../credentials/HubSpotSyncApi.credentials';
import {
	changedSince,
	walkChangedSince,
	WindowCursor,
	type WindowPosition,
} from '../../../../nodes/shared/hubspot/search-window';
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
async function walk(sinceMs: number, pageSize: number): Promise<string[]> {
	hubSpotWork.run = async (client) => {
		const ids: string[] = [];
		for await (const page of changedSince(client, {
			objectType: 'contacts',
			sinceMs,
			properties: ['email'],
			pageSize,
		})) {
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

describe('changedSince: a keyset walk, never paging by offset', () => {
	it('returns every object once, oldest first, over many pages with ties at page boundaries', async () => {
		const made: string[] = [];
		for (let n = 0; n < 95; n++) {
			clock.set(T0 + Math.floor(n / 3) * 1000); // three objects share each timestamp
			made.push(sim.ui.create('contacts', { email: `p${n}@example.com` }).id);
		}
		const ids = await walk(T0, 5);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual([...made].sort());
		const second = ids.map((id) => Math.floor(made.indexOf(id) / 3));
		expect(second).toEqual([...second].sort((a, b) => a - b)); // oldest first
		const searches = sim.pipeline.log.entries.filter((e) => e.path.endsWith('/search'));
		// No offset paging: no query can reach the 10 000-result cap, however many objects changed.
		expect(searches.every((e) => (e.body as { after?: string }).after === undefined)).toBe(true);
	});

	it('walks a single timestamp held by more objects than a page by hs_object_id', async () => {
		const made: string[] = [];
		for (let n = 0; n < 47; n++) made.push(sim.ui.create('contacts', { email: `same${n}@example.com` }).id);
		clock.set(T0 + 5000);
		made.push(sim.ui.create('contacts', { email: 'later@example.com' }).id);
		const ids = await walk(T0, 5);
		expect([...ids].sort()).toEqual([...made].sort());
		expect(ids.length).toBe(made.length);
		expect(ids[ids.length - 1]).toBe(made[made.length - 1]);
	});

	it('starts at the given moment', async () => {
		sim.ui.create('contacts', { email: 'old@example.com' });
		clock.set(T0 + 60_000);
		const fresh = sim.ui.create('contacts', { email: 'new@example.com' }).id;
		expect(await walk(T0 + 30_000, 200)).toEqual([fresh]);
	});
});

/** Takes at most `chunk` objects per n8n execution, keeping only a WindowCursor position between them, as a poll trigger does. */
async function walkInChunks(sinceMs: number, chunk: number, options: { pageSize: number; tieWalkAfter?: number }) {
	let position: WindowPosition = { sinceMs, idsAtSince: [] };
	const ids: string[] = [];
	const positions: WindowPosition[] = [];
	for (let run = 0; run < 500; run++) {
		let taken = 0;
		hubSpotWork.run = async (client) => {
			const cursor = new WindowCursor(position, 'contacts');
			walk: for await (const page of walkChangedSince(client, {
				objectType: 'contacts',
				sinceMs: 0,
				start: position,
				properties: ['email'],
				...options,
			})) {
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

	it.each([1, 7, 20, 45])(
		'stopping every %i objects and resuming gives every object once (pages of 5, ties of 41)',
		async (chunk) => {
			const made = seed();
			const { ids } = await walkInChunks(T0, chunk, { pageSize: 5 });
			expect(ids).toHaveLength(made.length);
			expect([...ids].sort()).toEqual([...made].sort());
		},
	);

	it('with tieWalkAfter, a position never holds more ids than that, and nothing repeats or goes missing', async () => {
		const made = seed();
		const { ids, positions } = await walkInChunks(T0, 9, { pageSize: 10, tieWalkAfter: 8 });
		expect([...ids].sort()).toEqual([...made].sort());
		expect(ids).toHaveLength(made.length);
		expect(Math.max(...positions.map((p) => p.idsAtSince.length))).toBeLessThanOrEqual(8);
		expect(positions.some((p) => p.tieAfterId !== undefined)).toBe(true); // the 41 were walked by id
	});

	it('an object changed again after it was taken comes back at its new time', async () => {
		const made = seed();
		const first = await walkInChunks(T0, 1000, { pageSize: 5 });
		clock.set(T0 + 5000);
		sim.ui.update('contacts', made[35], { firstname: 'Changed' });
		const start = first.positions[first.positions.length - 1];
		hubSpotWork.run = async (client) => {
			const again: string[] = [];
			for await (const page of walkChangedSince(client, {
				objectType: 'contacts',
				sinceMs: 0,
				start,
				properties: ['email'],
				pageSize: 5,
			})) {
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

describe('walkChangedSince: changes during the walk', () => {
	it('an object changed after its page was read neither hides another one nor is lost itself', async () => {
		const made: string[] = [];
		for (let n = 0; n < 23; n++) {
			clock.set(T0 + n * 10);
			made.push(sim.ui.create('contacts', { email: `w${n}@example.com` }).id);
		}
		hubSpotWork.run = async (client) => {
			const ids: string[] = [];
			let pages = 0;
			for await (const page of walkChangedSince(client, {
				objectType: 'contacts',
				sinceMs: T0,
				properties: ['email'],
				pageSize: 5,
			})) {
				ids.push(...page.objects.map((o) => o.id));
				if (++pages === 1) {
					// A person edits the first contact while the walk is on its first page: it moves to the end.
					clock.set(T0 + 10_000);
					sim.ui.update('contacts', made[0], { firstname: 'Edited' });
				}
			}
			return [{ ids }];
		};
		const { items, error } = await runNode({
			node: new HubSpotWorkProbe(),
			parameters: {},
			credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
			credentials: { hubSpotSyncApi: { accessToken: sim.token, baseUrl: sim.url } },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.ids).toEqual([...made, made[0]]);
	});

	it('the same holds inside a tie walk (objects sharing one time, walked by id)', async () => {
		const made: string[] = [];
		for (let n = 0; n < 17; n++) made.push(sim.ui.create('contacts', { email: `t${n}@example.com` }).id);
		hubSpotWork.run = async (client) => {
			const pages: Array<{ ids: string[]; byId: boolean }> = [];
			for await (const page of walkChangedSince(client, {
				objectType: 'contacts',
				sinceMs: T0,
				properties: ['email'],
				pageSize: 5,
			})) {
				pages.push({ ids: page.objects.map((o) => o.id), byId: page.byId });
				if (pages.length === 2) {
					clock.set(T0 + 10_000);
					sim.ui.update('contacts', pages[1].ids[0], { firstname: 'Edited' });
				}
			}
			return [{ pages }];
		};
		const { items, error } = await runNode({
			node: new HubSpotWorkProbe(),
			parameters: {},
			credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
			credentials: { hubSpotSyncApi: { accessToken: sim.token, baseUrl: sim.url } },
		});
		expect(error).toBeUndefined();
		const pages = items[0].json.pages as Array<{ ids: string[]; byId: boolean }>;
		expect(pages[1].byId).toBe(true);
		const ids = pages.flatMap((p) => p.ids);
		const edited = pages[1].ids[0];
		expect(ids.slice(0, -1).sort()).toEqual([...made].sort());
		expect(ids[ids.length - 1]).toBe(edited);
	});
});
