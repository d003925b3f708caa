import type { IDataObject } from 'n8n-workflow';

import { ManualClock } from '../../../simulators/common/clock';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

const node = new HubSpotSync();
const kirimId = (n: number) => `ctc_${String(n).padStart(26, '0')}`;
const contact = (n: number, extra: Record<string, unknown> = {}) => ({
	id: kirimId(n),
	object: 'contact',
	name: `Person ${n} Tester`,
	email: `person${n}@example.com`,
	phone_number: `+62812000${String(n).padStart(5, '0')}`,
	metadata: null,
	updated_at: '2026-11-22T10:00:00.000Z',
	...extra,
});
const event = (c: Record<string, unknown>, changed?: string[]) => ({
	event: 'contact.updated',
	data: { contact: c, ...(changed ? { changed_fields: changed } : {}) },
});

let sim: HubSpotSimulator;
let clock: ManualClock;

beforeEach(async () => {
	clock = new ManualClock(Date.UTC(2026, 10, 22, 12));
	sim = await startHubSpotSimulator({ clock });
	addSyncProperties(sim.store);
});
afterEach(async () => sim.close());

/** Contact → Create or Update with a custom mapping, no linking, Continue On Fail on. */
const upsertWithMapping = (mapping: IDataObject, input: IDataObject[]) =>
	runHubSpotNode(
		sim,
		node,
		{
			resource: 'contact',
			operation: 'upsert',
			mappingMode: 'custom',
			fieldMappings: mapping,
			options: { link: false },
		},
		input,
		true,
	);
const upsertPaths = () => sim.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/'));
const byKirimId = (id: string) => sim.store.findBy('contacts', 'kirim_contact_id', id);

describe('HubSpot Sync → Contact → Upsert by Kirim ID', () => {
	it('250 already-linked contacts take 3 requests, and keep the names HubSpot owns', async () => {
		for (let n = 0; n < 250; n++)
			sim.ui.create('contacts', { kirim_contact_id: kirimId(n), firstname: `Crm${n}`, email: `crm${n}@example.com` });
		sim.pipeline.log.clear();
		const { items, error } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { link: false } },
			Array.from({ length: 250 }, (_, n) => event(contact(n))),
		);
		expect(error).toBeUndefined();
		expect(upsertPaths().map((e) => e.path)).toEqual(Array(3).fill('/crm/objects/2026-09/contacts/batch/upsert'));
		expect(items).toHaveLength(250);
		expect(items.map((i) => i.pairedItem)).toEqual(Array.from({ length: 250 }, (_, n) => ({ item: n })));
		expect(items.every((i) => i.json.operation === 'update')).toBe(true);
		const c7 = byKirimId(kirimId(7))!;
		expect(c7.properties.firstname).toBe('Crm7'); // CRM-owned: never overwritten on update
		expect(c7.properties.email).toBe('crm7@example.com');
		expect(c7.properties.phone).toBe('+6281200000007'); // Kirim-owned: written
		expect((items[7].json.sync as { skipped: string[] }).skipped).toEqual(
			expect.arrayContaining(['firstname', 'email']),
		);
	});

	it('a contact created by a blind upsert is born with its name (HubSpot-owned fields filled right after)', async () => {
		const { items, error } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { link: false } },
			[event(contact(1))],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ operation: 'create', kirimContactId: kirimId(1) });
		const created = byKirimId(kirimId(1))!;
		expect(created.properties).toMatchObject({
			firstname: 'Person',
			lastname: '1 Tester',
			email: 'person1@example.com',
			phone: '+6281200000001',
		});
		expect(items[0].json.hubspotId).toBe(created.id);
		expect(created.properties.kirim_last_synced_at).toBeTruthy();
	});

	it('links a contact HubSpot already had (a form fill) by email instead of creating a twin', async () => {
		const form = sim.ui.create('contacts', { email: 'person3@example.com', firstname: 'Formfill' });
		const { items, error } = await runHubSpotNode(sim, node, { resource: 'contact', operation: 'upsert' }, [
			event(contact(3)),
		]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ operation: 'link', hubspotId: form.id });
		expect(sim.store.live('contacts', form.id)!.properties).toMatchObject({
			kirim_contact_id: kirimId(3),
			firstname: 'Formfill',
			phone: '+6281200000003',
		});
		expect(sim.store.objects.contacts.size).toBe(1);
	});

	it('never sends an empty value: a Kirim contact without email does not clear HubSpot’s', async () => {
		sim.ui.create('contacts', { kirim_contact_id: kirimId(4), email: 'keep@example.com' });
		const { error } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { readBefore: true } },
			[event(contact(4, { email: null, name: null }))],
		);
		expect(error).toBeUndefined();
		expect(byKirimId(kirimId(4))!.properties.email).toBe('keep@example.com');
	});

	it('items for the same Kirim contact become one input, and each item gets its own output', async () => {
		const { items, error } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { link: false } },
			[event(contact(5)), event(contact(5, { name: 'Later Name' }))],
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const upsert = sim.pipeline.log.entries.find((e) => e.path.endsWith('/batch/upsert'))!;
		expect((upsert.body as { inputs: unknown[] }).inputs).toHaveLength(1);
		expect(byKirimId(kirimId(5))!.properties.firstname).toBe('Later');
	});

	it('only the fields Kirim says changed are written', async () => {
		sim.ui.create('contacts', { kirim_contact_id: kirimId(6), phone: '+6281200000006' });
		sim.pipeline.log.clear();
		await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { link: false, stamp: false } },
			[event(contact(6, { phone_number: '+6281299999999' }), ['email'])],
		);
		const upsert = sim.pipeline.log.entries.find((e) => e.path.endsWith('/batch/upsert'))!;
		const sent = (upsert.body as { inputs: Array<{ properties: Record<string, unknown> }> }).inputs[0].properties;
		expect(sent).not.toHaveProperty('phone');
	});

	it('skips a write older than the last sync and reports it as a conflict', async () => {
		sim.ui.create('contacts', {
			kirim_contact_id: kirimId(8),
			phone: '+6281200000000',
			kirim_last_synced_at: '2026-11-22T11:00:00.000Z',
		});
		sim.pipeline.log.clear();
		const { items } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { onlyNewer: true, link: false } },
			[event(contact(8))],
		);
		expect(items[0].json.operation).toBe('conflict');
		expect(sim.pipeline.log.entries.some((e) => e.path.endsWith('/batch/upsert'))).toBe(false);
		expect(byKirimId(kirimId(8))!.properties.phone).toBe('+6281200000000');
	});

	// 2026-09 answers a partial failure with 200 and errors[]; 2026-03 and v3 with 207: both are read the same way.
	it.each([200, 207] as const)(
		'a partial failure answered %s puts each error on its own item; with continueOnFail the others are written',
		async (status) => {
			await sim.close();
			sim = await startHubSpotSimulator({ clock, batchPartialFailureStatus: status });
			addSyncProperties(sim.store);
			const mapping = { mapping: [{ target: 'lifecyclestage', value: '={{ $json.stage }}' }] };
			const input = [0, 1, 2].map((n) => ({ ...event(contact(10 + n)), stage: n === 1 ? 'not-a-stage' : 'lead' }));
			const { items, error } = await upsertWithMapping(mapping, input);
			expect(error).toBeUndefined();
			expect(items[1].json.error).toMatch(/lifecyclestage|not-a-stage|option/i);
			expect(items[1].json.sync).toMatchObject({ status: 'failed' });
			expect(byKirimId(kirimId(10))).toBeDefined();
			expect(byKirimId(kirimId(12))).toBeDefined();
			// The refused value was answered as this version answers a partial failure (a success status alone
			// would not show it: the other writes answer 200 too).
			const statuses = sim.pipeline.log.entries
				.filter((e) => /\/batch\/(upsert|update)$/.test(e.path))
				.map((e) => e.status);
			if (status === 207) expect(statuses).toContain(207);
			else expect(statuses).not.toContain(207);
		},
	);

	it('a batch HubSpot rejects whole (an unknown property on one item) is split so only that item fails', async () => {
		const mapping = { mapping: [{ target: '={{ $json.prop }}', value: 'x' }] };
		const input = Array.from({ length: 8 }, (_, n) => ({
			...event(contact(20 + n)),
			prop: n === 5 ? 'no_such_property' : 'company',
		}));
		const { items, error } = await upsertWithMapping(mapping, input);
		expect(error).toBeUndefined();
		expect(items.filter((i) => i.json.error).map((i) => i.pairedItem)).toEqual([{ item: 5 }]);
		expect(items[5].json.error).toMatch(/no_such_property/);
		expect(byKirimId(kirimId(26))!.properties.company).toBe('x');
	});

	it('without continueOnFail a failed item fails the node and names the item', async () => {
		const mapping = { mapping: [{ target: 'lifecyclestage', value: 'bogus' }] };
		const { error } = await runHubSpotNode(
			sim,
			node,
			{
				resource: 'contact',
				operation: 'upsert',
				mappingMode: 'custom',
				fieldMappings: mapping,
				options: { link: false },
			},
			[event(contact(30))],
		);
		expect(error?.message).toMatch(/HubSpot/);
	});

	it('two mappings giving one field two values fail only that item (continueOnFail), paired to it', async () => {
		const mapping = {
			mapping: [
				{ target: 'company', value: '={{ $json.a }}' },
				{ target: 'company', value: '={{ $json.b }}' },
			],
		};
		const input = [
			{ ...event(contact(50)), a: 'Acme', b: 'Acme' },
			{ ...event(contact(51)), a: 'Acme', b: 'Globex' },
			{ ...event(contact(52)), a: 'Initech', b: '' },
		];
		const { items, error } = await upsertWithMapping(mapping, input);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toMatch(/Two mappings write the field "company"/);
		expect(items[1].json.sync).toMatchObject({ status: 'failed' });
		expect(items[0].json.error).toBeUndefined();
		expect(byKirimId(kirimId(50))!.properties.company).toBe('Acme');
		expect(byKirimId(kirimId(52))!.properties.company).toBe('Initech');
		expect(byKirimId(kirimId(51))).toBeUndefined();
	});

	it('without continueOnFail the ambiguous item fails the node, naming that item', async () => {
		const mapping = {
			mapping: [
				{ target: 'company', value: '={{ $json.a }}' },
				{ target: 'company', value: '={{ $json.b }}' },
			],
		};
		const input = [
			{ ...event(contact(53)), a: 'Acme', b: '' },
			{ ...event(contact(54)), a: 'Acme', b: 'Globex' },
		];
		const { error } = await runHubSpotNode(
			sim,
			node,
			{
				resource: 'contact',
				operation: 'upsert',
				mappingMode: 'custom',
				fieldMappings: mapping,
				options: { link: false },
			},
			input,
		);
		expect(error?.message).toMatch(/Two mappings write the field "company"/);
		expect(error?.context?.itemIndex).toBe(1);
	});

	it('stamps the time the write went out, after a 429 was waited out — not the start of the run', async () => {
		sim.pipeline.faults.add({
			match: { method: 'POST', path: '/crm/objects/2026-09/contacts/batch/upsert' },
			action: { kind: 'rate-limit', retryAfterSeconds: 1 },
		});
		const { items, error } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert', options: { link: false } },
			[event(contact(1))],
		);
		expect(error).toBeUndefined();
		const runAt = Date.parse((items[0].json.sync as { at: string }).at);
		const stamp = Date.parse(String(byKirimId(kirimId(1))!.properties.kirim_last_synced_at));
		expect(upsertPaths().map((e) => e.status)).toEqual([429, 200, 200]);
		expect(stamp - runAt).toBeGreaterThanOrEqual(1000);
	});

	it('rejects an item whose Kirim ID is not one, and says so', async () => {
		const { items } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'upsert' },
			[event(contact(40, { id: 'nope' })), event(contact(41))],
			true,
		);
		expect(items[0].json.error).toMatch(/"nope" is not a Kirim contact ID/);
		expect(items[1].json.operation).toBe('create');
	});
});

describe('HubSpot Sync → Contact → Ensure Properties', () => {
	it('creates the two properties once; a second run finds them', async () => {
		sim.store.properties.contacts.delete('kirim_contact_id');
		sim.store.properties.contacts.delete('kirim_last_synced_at');
		const first = await runHubSpotNode(sim, node, { resource: 'contact', operation: 'ensureProperties' });
		const second = await runHubSpotNode(sim, node, { resource: 'contact', operation: 'ensureProperties' });
		expect(first.items.map((i) => i.json.status)).toEqual(['created', 'created']);
		expect(second.items.map((i) => i.json.status)).toEqual(['exists', 'exists']);
		expect(sim.store.properties.contacts.get('kirim_contact_id')!.hasUniqueValue).toBe(true);
	});
});

describe('HubSpot Sync → Contact → Get by Kirim ID', () => {
	it('reads many in one request, found or not', async () => {
		sim.ui.create('contacts', { kirim_contact_id: kirimId(50), firstname: 'Fifty' });
		sim.pipeline.log.clear();
		const { items } = await runHubSpotNode(
			sim,
			node,
			{ resource: 'contact', operation: 'get', kirimContactId: '={{ $json.id }}' },
			[{ id: kirimId(50) }, { id: kirimId(51) }],
		);
		expect(
			items.map((i) => [i.json.found, (i.json.properties as Record<string, unknown> | undefined)?.firstname]),
		).toEqual([
			[true, 'Fifty'],
			[false, undefined],
		]);
		expect(sim.pipeline.log.entries.filter((e) => e.path.startsWith('/crm/'))).toHaveLength(1);
	});
});
