import type { IDataObject } from 'n8n-workflow';

import { HubSpotSync } from '../../../nodes/HubSpotSync/HubSpotSync.node';
import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import type { ChangeRecord } from '../../../simulators/hubspot/store';
import { buildEvent } from '../../../simulators/hubspot/webhook-events';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { runWithBothSimulators } from '../../harness/run-hubspot-kirim-node';

// HubSpot Sync → Contact → Apply Deletion, Merge or Restore through n8n-core against both simulators, fed the
// events the HubSpot simulator itself builds for a person's delete, restore, merge and GDPR delete.
const node = new HubSpotSync();
let hubspot: HubSpotSimulator;
let kirim: KirimSimulator;
let events: IDataObject[];

const RECORD_KINDS = new Set(['deletion', 'restore', 'merge', 'privacyDeletion']);

beforeEach(async () => {
	hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000 });
	kirim = await startKirimSimulator({ tier: 'pro' });
	addSyncProperties(hubspot.store);
	events = [];
	hubspot.store.listeners.push((change: ChangeRecord) => {
		if (!RECORD_KINDS.has(change.kind) || change.objectType !== 'contacts') return;
		const subscription = { id: 11, subscriptionType: `contact.${change.kind}`, active: true };
		const identity = { appId: hubspot.appId, portalId: hubspot.portalId };
		events.push(buildEvent(change, subscription, identity, events.length + 1) as unknown as IDataObject);
	});
});
afterEach(async () => {
	await hubspot.close();
	await kirim.close();
});

/** A customer linked both ways: the Kirim id on the HubSpot contact, the HubSpot id and CRM fields in Kirim's metadata. */
function linkedCustomer(n: number, metadata: IDataObject = {}): { hubspotId: string; kirimId: string } {
	const record = hubspot.ui.create('contacts', { firstname: `Person ${n}`, email: `p${n}@example.com` });
	const contact = kirim.store.addContact(
		{
			phone_number: `+62812000${String(n).padStart(5, '0')}`,
			name: `Person ${n}`,
			metadata: { crm_id: record.id, crm_lifecycle_stage: 'lead', tier: 'gold', ...metadata },
		},
		kirim.phoneNumberIds[0],
	);
	hubspot.ui.update('contacts', record.id, { kirim_contact_id: contact.id });
	return { hubspotId: record.id, kirimId: contact.id };
}

const metadataOf = (kirimId: string) => kirim.store.contacts.get(kirimId)?.metadata as IDataObject;
const kirimWrites = () => kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH');
const withoutStamp = (metadata: IDataObject) =>
	Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== 'n8n_kirim_sync'));

const apply = (input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) =>
	runWithBothSimulators(
		{ hubspot, kirim },
		node,
		{ resource: 'contact', operation: 'applyRecordChange', ...parameters },
		input,
		{ continueOnFail },
	);

describe('HubSpot Sync → Contact → Apply Deletion, Merge or Restore', () => {
	it('a deletion unlinks and marks the Kirim contact; the restore links it again; other metadata stays', async () => {
		const a = linkedCustomer(1);
		hubspot.ui.delete('contacts', a.hubspotId);
		const deleted = (await apply(events)).items;
		expect(deleted[0].json).toMatchObject({
			subscriptionType: 'contact.deletion',
			hubspotId: a.hubspotId,
			action: 'unlinked',
			operation: 'unlink',
			kirimContacts: [{ kirimContactId: a.kirimId, role: 'deleted' }],
		});
		const marked = withoutStamp(metadataOf(a.kirimId));
		expect(marked).toEqual({
			crm_lifecycle_stage: 'lead',
			tier: 'gold',
			crm_deleted_id: a.hubspotId,
			crm_deleted_at: expect.any(String),
		});
		const history = (deleted[0].json.kirimContacts as IDataObject[])[0].sync as IDataObject;
		expect(history).toMatchObject({ operation: 'unlink', direction: 'from_crm', status: 'success' });
		expect(history.changes).toEqual(
			expect.arrayContaining([{ field: 'metadata.crm_id', from: a.hubspotId, to: null }]),
		);

		events = [];
		hubspot.ui.restore('contacts', a.hubspotId);
		const restored = (await apply(events)).items;
		expect(restored[0].json).toMatchObject({ action: 'relinked', operation: 'link' });
		expect(withoutStamp(metadataOf(a.kirimId))).toEqual({
			crm_id: a.hubspotId,
			crm_lifecycle_stage: 'lead',
			tier: 'gold',
		});
	});

	it('acts on the record as HubSpot holds it now: a deletion delivered after the restore relinks, redelivery writes nothing', async () => {
		const a = linkedCustomer(1);
		hubspot.ui.delete('contacts', a.hubspotId);
		hubspot.ui.restore('contacts', a.hubspotId);
		const [deletion, restore] = events;
		const late = (await apply([restore, deletion])).items.map((i) => i.json);
		expect(late.map((j) => j.action)).toEqual(['relinked', 'relinked']);
		expect(late[1].reason).toMatch(/restored after this deletion/);
		expect(withoutStamp(metadataOf(a.kirimId))).toMatchObject({ crm_id: a.hubspotId });
		expect(metadataOf(a.kirimId).crm_deleted_id).toBeUndefined();

		hubspot.ui.delete('contacts', a.hubspotId);
		const deletionAgain = events[2];
		await apply([deletionAgain]);
		const writes = kirimWrites().length;
		const redelivered = (await apply([deletionAgain, deletionAgain])).items.map((i) => i.json);
		expect(redelivered.map((j) => j.operation)).toEqual(['skip', 'skip']);
		expect(kirimWrites()).toHaveLength(writes);
	});

	it('a merge keeps the survivor’s link and drops the merged-away record’s link, saying where it went', async () => {
		const primary = linkedCustomer(1);
		const secondary = linkedCustomer(2);
		const unrelated = linkedCustomer(3);
		hubspot.ui.merge('contacts', primary.hubspotId, secondary.hubspotId);
		expect(events).toHaveLength(1);
		const [merged] = (await apply(events)).items.map((i) => i.json);
		expect(merged).toMatchObject({
			subscriptionType: 'contact.merge',
			survivorId: primary.hubspotId,
			mergedIds: [secondary.hubspotId],
			action: 'merged',
			operation: 'unlink',
		});
		const roles = (merged.kirimContacts as IDataObject[]).map((k) => [k.kirimContactId, k.role]);
		expect(roles).toEqual([
			[primary.kirimId, 'survivor'],
			[secondary.kirimId, 'merged_away'],
		]);
		expect(withoutStamp(metadataOf(primary.kirimId))).toMatchObject({ crm_id: primary.hubspotId });
		expect(withoutStamp(metadataOf(secondary.kirimId))).toEqual({
			crm_lifecycle_stage: 'lead',
			tier: 'gold',
			crm_merged_into: primary.hubspotId,
		});
		expect(withoutStamp(metadataOf(unrelated.kirimId))).toMatchObject({ crm_id: unrelated.hubspotId });
	});

	it('a privacy deletion removes every CRM field from the Kirim contact; the deletion sent with it changes nothing', async () => {
		const a = linkedCustomer(1, { crm_company: 'Example Trading', crm_merged_into: '123' });
		const b = linkedCustomer(2);
		hubspot.ui.privacyDelete(a.hubspotId);
		expect(events.map((e) => e.subscriptionType)).toEqual(['contact.privacyDeletion', 'contact.deletion']);
		const out = (await apply(events)).items.map((i) => i.json);
		expect(out[0]).toMatchObject({ action: 'privacy_cleared', operation: 'unlink' });
		expect(out[1]).toMatchObject({ action: 'nothing_to_do' });
		expect(out[1].reason).toMatch(/deleted for privacy/);
		expect(withoutStamp(metadataOf(a.kirimId))).toEqual({ tier: 'gold' });
		expect(withoutStamp(metadataOf(b.kirimId))).toMatchObject({ crm_id: b.hubspotId });
	});

	it('walks Kirim once per run however many merges and privacy deletions it carries (250 contacts, 3 pages)', async () => {
		const customers = Array.from({ length: 250 }, (_, n) => linkedCustomer(n + 1));
		hubspot.ui.privacyDelete(customers[10].hubspotId);
		hubspot.ui.privacyDelete(customers[200].hubspotId);
		hubspot.ui.merge('contacts', customers[0].hubspotId, customers[249].hubspotId);
		const listsBefore = kirim.pipeline.log.entries.filter(
			(e) => e.method === 'GET' && /\/contacts$/.test(e.path),
		).length;
		const out = (await apply(events)).items.map((i) => i.json);
		const lists = kirim.pipeline.log.entries.filter((e) => e.method === 'GET' && /\/contacts$/.test(e.path)).length;
		expect(lists - listsBefore).toBe(3);
		expect(out.map((j) => j.action)).toEqual([
			'privacy_cleared',
			'nothing_to_do',
			'privacy_cleared',
			'nothing_to_do',
			'merged',
		]);
		expect(metadataOf(customers[10].kirimId)).not.toHaveProperty('crm_id');
		expect(metadataOf(customers[249].kirimId).crm_merged_into).toBe(customers[0].hubspotId);
	});

	it('a contact not linked, or gone from Kirim, is an answer with the reason, not a failure', async () => {
		const unlinked = hubspot.ui.create('contacts', { firstname: 'Only in HubSpot' });
		const gone = linkedCustomer(2);
		kirim.store.contacts.delete(gone.kirimId);
		hubspot.ui.delete('contacts', unlinked.id);
		hubspot.ui.delete('contacts', gone.hubspotId);
		const out = (await apply(events)).items.map((i) => i.json);
		expect(out[0]).toMatchObject({
			action: 'nothing_to_do',
			reason: 'The HubSpot contact is not linked to a Kirim contact',
		});
		expect(out[1]).toMatchObject({
			action: 'unlinked',
			kirimContacts: [{ kirimContactId: gone.kirimId, role: 'deleted', missingInKirim: true }],
		});
	});

	it('an item that is not a record change fails alone with a clear error; the others still apply', async () => {
		const a = linkedCustomer(1);
		hubspot.ui.delete('contacts', a.hubspotId);
		const input = [{ objectId: 5, subscriptionType: 'contact.propertyChange', occurredAt: 1 }, ...events];
		const out = (await apply(input, {}, true)).items;
		expect(out[0].json.error).toMatch(/not a HubSpot contact deletion, restore, merge or privacy deletion event/);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json).toMatchObject({ action: 'unlinked' });
		expect((await apply(input)).error?.message).toMatch(/contact.propertyChange/);
	});

	it('a Kirim failure fails the item without losing it: the next run of the same event finishes the work', async () => {
		const a = linkedCustomer(1);
		hubspot.ui.delete('contacts', a.hubspotId);
		kirim.pipeline.faults.add({
			match: { method: 'PATCH', path: `/v1/${kirim.phoneNumberIds[0]}/contacts/*` },
			action: { kind: 'server-error', status: 503 },
			times: 20,
		});
		expect((await apply(events)).error?.message).toMatch(/could not be updated for the contact.deletion/);
		kirim.pipeline.faults.clear();
		expect(metadataOf(a.kirimId).crm_id).toBe(a.hubspotId);
		const again = (await apply(events)).items[0].json;
		expect(again).toMatchObject({ action: 'unlinked', operation: 'unlink' });
		expect(metadataOf(a.kirimId).crm_deleted_id).toBe(a.hubspotId);
	});

	it('custom metadata key and prefix', async () => {
		const record = hubspot.ui.create('contacts', { firstname: 'Custom' });
		const contact = kirim.store.addContact(
			{ phone_number: '+628120009999', name: 'Custom', metadata: { hubspot_id: record.id, hs_stage: 'lead', x: 1 } },
			kirim.phoneNumberIds[0],
		);
		hubspot.ui.update('contacts', record.id, { kirim_contact_id: contact.id });
		hubspot.ui.privacyDelete(record.id);
		await apply(events, { options: { crmIdKey: 'hubspot_id', crmPrefix: 'hs_' } });
		expect(withoutStamp(metadataOf(contact.id))).toEqual({ x: 1 });
		expect((await apply(events, { options: { crmPrefix: ' ' } })).error?.message).toMatch(/may not be empty/);
	});
});
