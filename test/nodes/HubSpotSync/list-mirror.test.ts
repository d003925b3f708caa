import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runWithBothSimulators } from '../../harness/run-hubspot-kirim-node';

// HubSpot Sync → List → Mirror to Kirim Label through n8n-core against both simulators: a HubSpot segment's
// members get a Kirim label, leavers lose it, and the labelled list in HubSpot records who holds it, so a run
// that fails half way is finished by the next one.
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ tier: 'pro' });
	addSyncProperties(hubspot.store);
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

async function hubspotApi<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${hubspot.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${hubspot.token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
	return (response.status === 204 ? undefined : await response.json()) as T;
}

async function newLabel(name: string): Promise<string> {
	const response = await fetch(`${kirim.url}/v1/labels`, {
		method: 'POST',
		headers: { authorization: `Bearer ${kirim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ name }),
	});
	const body = (await response.json()) as { data: { id: string } };
	return body.data.id;
}

async function segment(name: string): Promise<string> {
	const created = await hubspotApi<{ list: { listId: string } }>('POST', '/crm/lists/2026-09', {
		name,
		objectTypeId: '0-1',
		processingType: 'MANUAL',
	});
	return created.list.listId;
}
const members = async (listId: string, add: string[], remove: string[] = []) =>
	hubspotApi('PUT', `/crm/lists/2026-09/${listId}/memberships/add-and-remove`, {
		recordIdsToAdd: add,
		recordIdsToRemove: remove,
	});
async function memberIds(listId: string): Promise<string[]> {
	const page = await hubspotApi<{ results: Array<{ recordId: string }> }>(
		'GET',
		`/crm/lists/2026-09/${listId}/memberships?limit=250`,
	);
	return page.results.map((r) => String(r.recordId)).sort();
}

/** A customer in both systems, linked the way the contact sync links them (the Kirim id on the HubSpot contact). */
function linkedCustomer(n: number): { hubspotId: string; kirimId: string } {
	const contact = kirim.store.addContact(
		{ phone_number: `+62812000${String(n).padStart(5, '0')}`, name: `Person ${n}` },
		kirim.phoneNumberIds[0],
	);
	const record = hubspot.ui.create('contacts', { firstname: `Person ${n}`, kirim_contact_id: contact.id });
	return { hubspotId: record.id, kirimId: contact.id };
}
const labelsOf = (kirimId: string) => [...(kirim.store.contactLabels.get(kirimId) ?? [])];
const bulkLabelCalls = () => kirim.pipeline.log.entries.filter((e) => e.path.endsWith('/contacts/bulk_label'));

const mirror = (parameters: IDataObject, continueOnFail = false) =>
	runWithBothSimulators(
		{ hubspot, kirim },
		node,
		{ resource: 'list', operation: 'mirrorToLabel', ...parameters },
		[{}],
		{ continueOnFail },
	);

describe('HubSpot Sync → List → Mirror to Kirim Label', () => {
	it('labels the members, records them in a labelled list, then leaves a second run with nothing to do', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const [a, b] = [linkedCustomer(1), linkedCustomer(2)];
		const unlinked = hubspot.ui.create('contacts', { firstname: 'No Kirim' });
		const outsider = linkedCustomer(3);
		await members(listId, [a.hubspotId, b.hubspotId, unlinked.id]);

		const first = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(first).toMatchObject({ members: 3, attached: 2, detached: 0, notLinked: [unlinked.id], applied: 2 });
		expect(first.labelledListCreated).toBe(true);
		expect(labelsOf(a.kirimId)).toEqual([vip]);
		expect(labelsOf(b.kirimId)).toEqual([vip]);
		expect(labelsOf(outsider.kirimId)).toEqual([]);
		const labelled = String(first.labelledListId);
		expect(await memberIds(labelled)).toEqual([a.hubspotId, b.hubspotId].sort());

		const callsBefore = bulkLabelCalls().length;
		const second = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(second).toMatchObject({ labelledListId: labelled, labelledListCreated: false, attached: 0, detached: 0 });
		expect(bulkLabelCalls()).toHaveLength(callsBefore);
	});

	it('takes the label off contacts that left and gives it to those that joined', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const [a, b, c] = [linkedCustomer(1), linkedCustomer(2), linkedCustomer(3)];
		await members(listId, [a.hubspotId, b.hubspotId]);
		const first = (await mirror({ list: listId, label: vip })).items[0].json;

		await members(listId, [c.hubspotId], [a.hubspotId]);
		const second = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(second).toMatchObject({ members: 2, attached: 1, detached: 1 });
		expect(labelsOf(a.kirimId)).toEqual([]);
		expect(labelsOf(b.kirimId)).toEqual([vip]);
		expect(labelsOf(c.kirimId)).toEqual([vip]);
		expect(await memberIds(String(first.labelledListId))).toEqual([b.hubspotId, c.hubspotId].sort());
	});

	it('never removes a label it did not give: a contact labelled by hand in Kirim keeps it', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const [a, byHand] = [linkedCustomer(1), linkedCustomer(2)];
		kirim.store.contactLabels.get(byHand.kirimId)!.add(vip);
		await members(listId, [a.hubspotId]);
		await mirror({ list: listId, label: vip });
		await members(listId, [], [a.hubspotId]);
		await mirror({ list: listId, label: vip });
		expect(labelsOf(a.kirimId)).toEqual([]);
		expect(labelsOf(byHand.kirimId)).toEqual([vip]);
	});

	it('with Remove From Leavers off, leavers keep the label and stay recorded', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const a = linkedCustomer(1);
		await members(listId, [a.hubspotId]);
		const first = (await mirror({ list: listId, label: vip, removeFromLeavers: false })).items[0].json;
		await members(listId, [], [a.hubspotId]);
		const second = (await mirror({ list: listId, label: vip, removeFromLeavers: false })).items[0].json;
		expect(second).toMatchObject({ detached: 0, leaversKept: 1 });
		expect(labelsOf(a.kirimId)).toEqual([vip]);
		expect(await memberIds(String(first.labelledListId))).toEqual([a.hubspotId]);
	});

	it('a leaver whose Kirim ID was cleared in HubSpot leaves the labelled list and is reported', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const a = linkedCustomer(1);
		await members(listId, [a.hubspotId]);
		const first = (await mirror({ list: listId, label: vip })).items[0].json;
		hubspot.ui.update('contacts', a.hubspotId, { kirim_contact_id: '' });
		await members(listId, [], [a.hubspotId]);
		const second = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(second).toMatchObject({ detached: 0, leftUnlinked: [a.hubspotId] });
		expect(await memberIds(String(first.labelledListId))).toEqual([]);
	});

	it('when Kirim refuses a chunk the run fails, the labelled list stays as it was, and the next run finishes', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const a = linkedCustomer(1);
		await members(listId, [a.hubspotId]);
		kirim.pipeline.faults.add({
			match: { method: 'POST', path: `/v1/${kirim.phoneNumberIds[0]}/contacts/bulk_label` },
			action: { kind: 'server-error', status: 503 },
			times: 20,
		});
		expect((await mirror({ list: listId, label: vip })).error?.message).toMatch(/1 Kirim label request\(s\) failed/);
		expect(labelsOf(a.kirimId)).toEqual([]);
		const labelledName = `Kirim label ${vip} from segment ${listId}`;
		const labelled = await hubspotApi<{ list: { listId: string } }>(
			'GET',
			`/crm/lists/2026-09/object-type-id/0-1/name/${encodeURIComponent(labelledName)}`,
		);
		expect(await memberIds(labelled.list.listId)).toEqual([]);

		kirim.pipeline.faults.clear();
		const next = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(next).toMatchObject({ attached: 1, labelledListId: labelled.list.listId });
		expect(labelsOf(a.kirimId)).toEqual([vip]);
	});

	it('when HubSpot fails the labelled-list write after Kirim labelled, the next run records it (Kirim gets attach again, harmless)', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const a = linkedCustomer(1);
		await members(listId, [a.hubspotId]);
		hubspot.pipeline.faults.add({
			match: { method: 'PUT', path: '/crm/lists/2026-09/*' },
			action: { kind: 'server-error', status: 503 },
			times: 20,
		});
		expect((await mirror({ list: listId, label: vip })).error).toBeDefined();
		expect(labelsOf(a.kirimId)).toEqual([vip]);
		hubspot.pipeline.faults.clear();
		const next = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(next).toMatchObject({ attached: 1 });
		expect(await memberIds(String(next.labelledListId))).toEqual([a.hubspotId]);
		expect(labelsOf(a.kirimId)).toEqual([vip]);
	});

	it('2 600 members: 11 membership pages of 250, 26 batch reads, 3 Kirim chunks of ≤ 1000', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('Everyone');
		const ids: string[] = [];
		for (let n = 0; n < 2600; n++) ids.push(linkedCustomer(n).hubspotId);
		await members(listId, ids);
		const result = (await mirror({ list: listId, label: vip })).items[0].json;
		expect(result).toMatchObject({ members: 2600, attached: 2600, applied: 2600 });
		expect(bulkLabelCalls()).toHaveLength(3);
		const paths = hubspot.pipeline.log.entries.map((e) => `${e.method} ${e.path}`);
		expect(paths.filter((p) => p === `GET /crm/lists/2026-09/${listId}/memberships`)).toHaveLength(11);
		expect(paths.filter((p) => p === 'POST /crm/objects/2026-09/contacts/batch/read')).toHaveLength(26);
		expect(paths.filter((p) => p.endsWith('/memberships/add-and-remove'))).toHaveLength(1 + 3);
	});

	it('finds the segment and the label by exact name, and says which one it could not find', async () => {
		const vip = await newLabel('VIP');
		const listId = await segment('VIP customers');
		const a = linkedCustomer(1);
		await members(listId, [a.hubspotId]);
		const result = (await mirror({ list: 'VIP customers', label: 'VIP' })).items[0].json;
		expect(result).toMatchObject({ listId, labelId: vip, attached: 1 });
		expect(labelsOf(a.kirimId)).toEqual([vip]);
		expect((await mirror({ list: 'VIP Customers', label: 'VIP' })).error?.message).toMatch(
			/HubSpot has no contact list named "VIP Customers"/,
		);
		expect((await mirror({ list: listId, label: 'vip' })).error?.message).toMatch(/Kirim has no label named "vip"/);
		expect((await mirror({ list: '999999', label: vip })).error?.message).toMatch(/HubSpot has no list with ID 999999/);
		expect((await mirror({ list: ' ', label: vip })).error?.message).toMatch(/No HubSpot segment was given/);
	});
});
