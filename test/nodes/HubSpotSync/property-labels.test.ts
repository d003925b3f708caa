import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runWithBothSimulators } from '../../harness/run-hubspot-kirim-node';

// HubSpot Sync → Contact → Mirror Property to Kirim Labels through n8n-core against both simulators: the labels a
// HubSpot user checks in a multiple checkboxes property are the Kirim contact's labels of those names.
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as { data: { id: string } };
}

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ tier: 'pro' });
	addSyncProperties(hubspot.store);
	await api(hubspot.url, hubspot.token, 'POST', '/crm/properties/2026-09/contacts', {
		name: 'whatsapp_labels',
		label: 'WhatsApp labels',
		type: 'enumeration',
		fieldType: 'checkbox',
		groupName: 'contactinformation',
		options: [
			{ label: 'VIP', value: 'vip' },
			{ label: 'Wholesale', value: 'wholesale' },
		],
	});
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

const newLabel = async (name: string) => (await api(kirim.url, kirim.apiKey, 'POST', '/v1/labels', { name })).data.id;
function linked(n: number, labels = ''): { hubspotId: string; kirimId: string } {
	const contact = kirim.store.addContact(
		{ phone_number: `+62812000${String(n).padStart(5, '0')}` },
		kirim.phoneNumberIds[0],
	);
	const record = hubspot.ui.create('contacts', {
		firstname: `P${n}`,
		kirim_contact_id: contact.id,
		whatsapp_labels: labels,
	});
	return { hubspotId: record.id, kirimId: contact.id };
}
const labelNames = (kirimId: string) =>
	[...(kirim.store.contactLabels.get(kirimId) ?? [])].map((id) => kirim.store.labels.get(id)?.name).sort();
const mirror = (hubspotIds: string[], parameters: IDataObject = {}, continueOnFail = false) =>
	runWithBothSimulators(
		{ hubspot, kirim },
		node,
		{ resource: 'contact', operation: 'mirrorLabels', labelsProperty: 'whatsapp_labels', ...parameters },
		hubspotIds.map((objectId) => ({ objectId, subscriptionType: 'contact.propertyChange' })),
		{ continueOnFail },
	);

describe('HubSpot Sync → Contact → Mirror Property to Kirim Labels', () => {
	it('checked options become the Kirim contact’s labels (a missing one created); unchecked ones come off; inbox labels stay', async () => {
		await newLabel('VIP');
		const complaint = await newLabel('Complaint');
		const a = linked(1, 'vip;wholesale');
		const b = linked(2, 'vip');
		kirim.store.contactLabels.get(a.kirimId)!.add(complaint);

		const first = (await mirror([a.hubspotId, b.hubspotId])).items.map((i) => i.json);
		expect(first[0]).toMatchObject({ kirimContactId: a.kirimId, labels: ['VIP', 'Wholesale'], operation: 'update' });
		expect(labelNames(a.kirimId)).toEqual(['Complaint', 'VIP', 'Wholesale']);
		expect(labelNames(b.kirimId)).toEqual(['VIP']);

		hubspot.ui.update('contacts', a.hubspotId, { whatsapp_labels: 'vip' });
		const second = (await mirror([a.hubspotId])).items[0].json;
		expect(second).toMatchObject({ labels: ['VIP'], removed: ['Wholesale'] });
		expect(labelNames(a.kirimId)).toEqual(['Complaint', 'VIP']);
		expect([...kirim.store.labels.values()].filter((l) => l.name === 'Wholesale')).toHaveLength(1);
	});

	it('Create Missing Labels off: a checked option without a Kirim label is not attached and nothing is created', async () => {
		const a = linked(1, 'wholesale');
		const out = (await mirror([a.hubspotId], { options: { createMissingLabels: false } })).items[0].json;
		expect(out).toMatchObject({ labels: ['Wholesale'], operation: 'update' });
		expect(labelNames(a.kirimId)).toEqual([]);
		expect(kirim.store.labels.size).toBe(0);
	});

	it('an unlinked contact is skipped; a bad ID, an unknown contact or a Kirim failure fails its item; a text property is refused', async () => {
		await newLabel('VIP');
		const unlinked = hubspot.ui.create('contacts', { firstname: 'Only HubSpot', whatsapp_labels: 'vip' });
		const a = linked(1, 'vip');
		const out = (await mirror([unlinked.id, 'x1', '999999', a.hubspotId], {}, true)).items.map((i) => i.json);
		expect(out[0]).toMatchObject({ operation: 'skip', reason: 'not linked to a Kirim contact' });
		expect(out[1].error).toMatch(/is not a HubSpot contact ID/);
		expect(out[2].error).toMatch(/no contact with the ID 999999/);
		expect(out[3]).toMatchObject({ operation: 'update' });

		kirim.pipeline.faults.add({
			match: { method: 'POST', path: `/v1/${kirim.phoneNumberIds[0]}/contacts/bulk_label` },
			action: { kind: 'server-error', status: 503 },
			times: 20,
		});
		const failed = (await mirror([a.hubspotId], {}, true)).items[0].json;
		expect(failed.error).toMatch(/Kirim did not take the labels/);
		kirim.pipeline.faults.clear();

		const text = await mirror([a.hubspotId], { labelsProperty: 'firstname' });
		expect(text.error?.message).toMatch(/"firstname" is not a multiple checkboxes property/);
	});
});
