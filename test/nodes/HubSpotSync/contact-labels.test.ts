import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { parseDelivery } from '../../../nodes/KirimTrigger/parse';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { contactUpdated } from '../../../simulators/kirim/events';
import type { Contact } from '../../../simulators/kirim/store';
import { runHubSpotNode } from '../../harness/run-hubspot-node';

// HubSpot Sync → Contact → Create or Update with *Labels Property*: the Kirim contact's labels mirrored into a
// HubSpot multiple-checkboxes property. Fed the items the Kirim Trigger makes of the Kirim simulator's own
// contact.updated events, in both documented forms: with `contact.labels` (Kirim's CRM guide) and without (the
// contact schema).
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;
let customer: Contact;

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ labelsInContactEvents: true });
	addSyncProperties(hubspot.store);
	customer = kirim.store.addContact({ phone_number: '+6281234500021', name: 'Ayu Lestari' }, kirim.phoneNumberIds[0]);
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

async function label(name: string): Promise<string> {
	const response = await fetch(`${kirim.url}/v1/labels`, {
		method: 'POST',
		headers: { authorization: `Bearer ${kirim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name }),
	});
	return ((await response.json()) as { data: { id: string } }).data.id;
}
/** Kirim's contact.updated after a label change, as the Kirim Trigger hands it on. */
function labelsChanged(names: string[], ids: Record<string, string>): IDataObject {
	kirim.store.contactLabels.set(customer.id, new Set(names.map((n) => ids[n])));
	const parsed = parseDelivery(contactUpdated(kirim.store, customer, ['labels']).body, {}, true);
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed.items[0].item.json;
}
const upsert = (input: IDataObject[], options: IDataObject = { labelsProperty: 'kirim_labels' }) =>
	runHubSpotNode(hubspot, node, { resource: 'contact', operation: 'upsert', options }, input, true);
const property = () => hubspot.store.properties.contacts.get('kirim_labels');
const valueInHubSpot = () => hubspot.store.findBy('contacts', 'kirim_contact_id', customer.id)?.properties.kirim_labels;

describe('HubSpot Sync → Contact → Create or Update → Labels Property', () => {
	it('creates the property as multiple checkboxes on first use, adds new labels as options, keeps old options', async () => {
		const ids = { VIP: await label('VIP'), Trial: await label('Trial'), 'Past due': await label('Past due') };
		const first = await upsert([labelsChanged(['VIP', 'Trial'], ids)]);
		expect(first.items[0].json.error).toBeUndefined();
		expect(property()).toMatchObject({ type: 'enumeration', fieldType: 'checkbox' });
		expect(property()!.options.map((o) => o.value)).toEqual(['Trial', 'VIP']);
		expect(valueInHubSpot()).toBe('Trial;VIP');

		const second = await upsert([labelsChanged(['VIP', 'Past due'], ids)]);
		expect(second.items[0].json.error).toBeUndefined();
		expect(property()!.options.map((o) => o.value)).toEqual(['Trial', 'VIP', 'Past due']);
		expect(valueInHubSpot()).toBe('Past due;VIP');

		await upsert([labelsChanged([], ids)]);
		expect(valueInHubSpot() ?? '').toBe(''); // cleared (HubSpot keeps a cleared value as null)
	});

	it('an event without labels (the contact schema’s form) leaves the property as it is', async () => {
		const ids = { VIP: await label('VIP') };
		await upsert([labelsChanged(['VIP'], ids)]);
		kirim.store.labelsInContactEvents = false;
		const result = await upsert([labelsChanged([], ids)]);
		expect(result.items[0].json.error).toBeUndefined();
		expect(valueInHubSpot()).toBe('VIP');
	});

	it('an event whose changed fields leave the labels out reads and writes no labels property', async () => {
		const ids = { VIP: await label('VIP') };
		kirim.store.contactLabels.set(customer.id, new Set([ids.VIP]));
		const parsed = parseDelivery(contactUpdated(kirim.store, customer, ['name']).body, {}, true);
		if (!parsed.ok) throw new Error(parsed.reason);
		hubspot.pipeline.log.clear();
		const result = await upsert([parsed.items[0].item.json]);
		expect(result.items[0].json.error).toBeUndefined();
		expect(hubspot.pipeline.log.entries.filter((e) => e.path.includes('/crm/properties/'))).toEqual([]);
		expect(property()).toBeUndefined();
	});

	it('without the option, labels are not mirrored and no property is made', async () => {
		const ids = { VIP: await label('VIP') };
		const result = await upsert([labelsChanged(['VIP'], ids)], {});
		expect(result.items[0].json.error).toBeUndefined();
		expect(property()).toBeUndefined();
	});

	it('while no contact has a label and the property does not exist, nothing is created or cleared', async () => {
		const created = await upsert([labelsChanged([], {})]);
		expect(created.items[0].json.error).toBeUndefined();
		expect(property()).toBeUndefined();
	});

	it('a label name holding ";" (HubSpot’s separator) becomes "," — one option, not two', async () => {
		const ids = { 'Promo; Dec': await label('Promo; Dec') };
		await upsert([labelsChanged(['Promo; Dec'], ids)]);
		expect(property()!.options.map((o) => o.value)).toEqual(['Promo, Dec']);
		expect(valueInHubSpot()).toBe('Promo, Dec');
	});

	it('a property the team made as text gets the names as text, its definition untouched', async () => {
		const response = await fetch(`${hubspot.url}/crm/properties/2026-09/contacts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				name: 'kirim_labels',
				label: 'Labels',
				type: 'string',
				fieldType: 'text',
				groupName: 'contactinformation',
			}),
		});
		expect(response.status).toBe(201);
		const ids = { VIP: await label('VIP'), Trial: await label('Trial') };
		await upsert([labelsChanged(['VIP', 'Trial'], ids)]);
		expect(property()).toMatchObject({ type: 'string', fieldType: 'text', options: [] });
		expect(valueInHubSpot()).toBe('Trial;VIP');
	});

	it('labels that are not a list fail that item with a clear error; the other items are written', async () => {
		const ids = { VIP: await label('VIP') };
		const good = labelsChanged(['VIP'], ids);
		const bad = JSON.parse(JSON.stringify(good)) as IDataObject;
		((bad.data as IDataObject).contact as IDataObject).labels = 'VIP';
		((bad.data as IDataObject).contact as IDataObject).id = 'ctc_01J00000000000000000000BAD';
		const result = await upsert([bad, good]);
		expect(result.items[0].json.error).toMatch(/labels is not a list of Kirim labels/);
		expect(result.items[1].json.error).toBeUndefined();
		expect(valueInHubSpot()).toBe('VIP');
	});

	it('100 contacts with 30 distinct labels: one property read, one create, then one upsert', async () => {
		const ids: Record<string, string> = {};
		for (let n = 0; n < 30; n++) ids[`L${n}`] = await label(`L${n}`);
		const items: IDataObject[] = [];
		for (let n = 0; n < 100; n++) {
			customer = kirim.store.addContact(
				{ phone_number: `+62812345${String(n).padStart(5, '0')}`, name: `P ${n}` },
				kirim.phoneNumberIds[0],
			);
			items.push(labelsChanged([`L${n % 30}`, `L${(n + 1) % 30}`], ids));
		}
		hubspot.pipeline.log.clear();
		const result = await upsert(items);
		expect(result.items.filter((i) => i.json.error)).toEqual([]);
		const calls = hubspot.pipeline.log.entries.map((e) => `${e.method} ${e.path}`);
		expect(calls.filter((c) => c.includes('/crm/properties/'))).toEqual([
			'GET /crm/properties/2026-09/contacts/kirim_labels',
			'POST /crm/properties/2026-09/contacts',
		]);
		expect(property()!.options).toHaveLength(30);
	});
});
