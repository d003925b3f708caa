import type { INodeType } from 'n8n-workflow';

import { HubSpotSync } from '../../nodes/HubSpotSync/HubSpotSync.node';
import { HubSpotSyncTrigger } from '../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { Kirim } from '../../nodes/Kirim/Kirim.node';
import { KirimTrigger } from '../../nodes/KirimTrigger/KirimTrigger.node';
import type { HubSpotSimulator } from '../../simulators/hubspot';
import type { KirimSimulator } from '../../simulators/kirim';
import { pointHubSpotWebhooksAt } from '../../testkit/sandbox';
import { exampleWorkflow } from '../../testkit/examples';
import { FilterStandIn } from '../harness/filter-stand-in';
import type { ActiveWorkflow, InProcessN8n, WorkflowJson } from '../harness/in-process-n8n';
import { startSyncSandbox, type SyncSandbox } from '../harness/sync-sandbox';

// The two example workflows active at once, run by n8n-core in this process (the real-n8n twin is
// e2e/round-trip.e2e.test.ts): each simulator sends its own signed webhooks to the in-process n8n, and one change
// in either system must make exactly one write to the other and none back — the loop settles after one pass.
let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
let n8n: InProcessN8n;
let kirimToHubSpot: ActiveWorkflow;
let hubSpotToKirim: ActiveWorkflow;

const types: Record<string, INodeType> = {
	'n8n-nodes-kirim.kirimTrigger': new KirimTrigger(),
	'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
	'n8n-nodes-kirim.hubSpotSyncTrigger': new HubSpotSyncTrigger(),
	'n8n-nodes-kirim.kirim': new Kirim(),
	'n8n-nodes-base.filter': new FilterStandIn(),
};

let sandbox: SyncSandbox;

beforeAll(async () => {
	sandbox = await startSyncSandbox(types);
	({ kirim, hubspot, n8n } = sandbox);
	const credentialIds = { kirimSyncApi: 'cred-kirim', hubSpotSyncApi: 'cred-hubspot' };
	kirimToHubSpot = await n8n.activate(
		exampleWorkflow('kirim-to-hubspot.json', credentialIds) as unknown as WorkflowJson,
	);
	hubSpotToKirim = await n8n.activate(
		exampleWorkflow('hubspot-to-kirim.json', credentialIds) as unknown as WorkflowJson,
	);
	pointHubSpotWebhooksAt(hubspot, n8n.url);
});

afterAll(async () => sandbox?.close());

const hubSpotWrites = () =>
	hubspot.pipeline.log.entries.filter(
		(e) =>
			e.method !== 'GET' &&
			/^\/crm\/objects\/2026-09\/contacts(\/batch\/(upsert|update|create))?$|^\/crm\/objects\/2026-09\/contacts\/\d+$/.test(
				e.path,
			),
	);
const kirimWrites = () =>
	kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH' || (e.method === 'POST' && /\/contacts$/.test(e.path)));

const settle = () => sandbox.settle();

describe('round trip in process with both example workflows active', () => {
	let kirimId = '';
	let hubspotId = '';

	test('the Kirim Trigger registered its subscription at the in-process n8n', () => {
		const urls = [...kirim.store.subscriptions.values()].map((s) => (s as { url: string }).url);
		expect(urls).toEqual([`${n8n.url}/webhook/6f1f4c2e-8a9b-4d1e-b2c3-4b1e0c2a7e01/webhook`]);
	});

	test('a contact made in Kirim → one contact in HubSpot, born with its name; nothing comes back to Kirim', async () => {
		const response = await fetch(`${kirim.url}/_sim/contacts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Siti Nurhaliza', email: 'siti@example.com' }),
		});
		kirimId = ((await response.json()) as { contact: { id: string } }).contact.id;
		await settle();

		expect(kirimToHubSpot.runs).toHaveLength(1);
		expect(kirimToHubSpot.runs[0].status).toBe('success');
		expect(kirimToHubSpot.outputOf(0, 'Upsert in HubSpot')[0]).toMatchObject({
			kirimContactId: kirimId,
			operation: 'create',
		});
		const created = hubspot.store.findBy('contacts', 'kirim_contact_id', kirimId)!;
		hubspotId = created.id;
		expect(created.properties).toMatchObject({ firstname: 'Siti', lastname: 'Nurhaliza', email: 'siti@example.com' });
		expect(hubSpotWrites()).toHaveLength(1);
		// HubSpot sent webhooks for the sync's own write, and the HubSpot Sync Trigger dropped them as echoes.
		expect(hubspot.webhooks.sent.length).toBeGreaterThan(0);
		expect(hubSpotToKirim.dropped.length).toBeGreaterThan(0);
		expect(hubSpotToKirim.runs).toHaveLength(0);
		expect(kirimWrites()).toHaveLength(0);
	});

	test('a person’s edit in HubSpot → one write to Kirim; the Kirim event it causes runs nothing', async () => {
		const hubspotWritesBefore = hubSpotWrites().length;
		const kirimDropsBefore = kirimToHubSpot.dropped.length;
		hubspot.ui.update('contacts', hubspotId, { firstname: 'Sitti' });
		await settle();

		expect(hubSpotToKirim.runs).toHaveLength(1);
		expect(hubSpotToKirim.runs[0].status).toBe('success');
		expect(kirim.store.contacts.get(kirimId)?.name).toBe('Sitti Nurhaliza');
		expect(kirimWrites()).toHaveLength(1);
		// Kirim sent contact.updated for that write; the Kirim Trigger dropped it as the sync's echo.
		expect(kirimToHubSpot.dropped.length).toBeGreaterThan(kirimDropsBefore);
		expect(kirimToHubSpot.runs).toHaveLength(1);
		expect(hubSpotWrites()).toHaveLength(hubspotWritesBefore);
	});

	test('a person’s edit of a CRM-owned field in Kirim → the sync runs and leaves HubSpot alone (CRM owns it)', async () => {
		const writesBefore = { kirim: kirimWrites().length, hubspot: hubSpotWrites().length };
		await fetch(`${kirim.url}/_sim/contacts/${kirimId}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'siti.n@example.com' }),
		});
		await settle();

		expect(kirimToHubSpot.runs).toHaveLength(2);
		expect(kirimToHubSpot.runs[1].status).toBe('success');
		expect(kirimToHubSpot.outputOf(1, 'Upsert in HubSpot')[0]).toMatchObject({
			kirimContactId: kirimId,
			operation: 'skip',
			sync: { operation: 'skip', direction: 'to_crm', status: 'success', changes: [], skipped: ['email'] },
		});
		expect(hubspot.store.findBy('contacts', 'kirim_contact_id', kirimId)?.properties.email).toBe('siti@example.com');
		expect(hubSpotWrites()).toHaveLength(writesBefore.hubspot);
		expect(hubSpotToKirim.runs).toHaveLength(1);
		expect(kirimWrites()).toHaveLength(writesBefore.kirim);
	});
	test('a label checked in HubSpot’s whatsapp_labels → the Kirim contact carries it; unchecked → taken off', async () => {
		const names = () =>
			[...(kirim.store.contactLabels.get(kirimId) ?? [])].map((id) => kirim.store.labels.get(id)?.name);
		hubspot.ui.update('contacts', hubspotId, { whatsapp_labels: 'wholesale' });
		await settle();
		expect(hubSpotToKirim.outputOf(hubSpotToKirim.runs.length - 1, 'Mirror Labels to Kirim')[0]).toMatchObject({
			kirimContactId: kirimId,
			labels: ['Wholesale'],
		});
		expect(names()).toEqual(['Wholesale']);
		hubspot.ui.update('contacts', hubspotId, { whatsapp_labels: '' });
		await settle();
		expect(names()).toEqual([]);
		expect(hubSpotToKirim.runs.every((run) => run.status === 'success')).toBe(true);
	});

	test('the contact’s company renamed in HubSpot → its Kirim metadata shows the new name; nothing goes back', async () => {
		const company = hubspot.ui.createCompany({ name: 'Example Trading', domain: 'example.com' });
		hubspot.ui.associate('contacts', hubspotId, 'companies', company.id);
		const before = { hubspot: hubSpotWrites().length, kirimRuns: kirimToHubSpot.runs.length };
		hubspot.ui.updateCompany(company.id, { name: 'Example Trading Group' });
		await settle();
		const run = hubSpotToKirim.runs.length - 1;
		expect(hubSpotToKirim.outputOf(run, 'Mirror the Company to Kirim')[0]).toMatchObject({
			companyId: company.id,
			operation: 'update',
			kirimContacts: [{ kirimContactId: kirimId, operation: 'update' }],
		});
		expect(kirim.store.contacts.get(kirimId)?.metadata).toMatchObject({
			crm_company: 'Example Trading Group',
			crm_company_domain: 'example.com',
		});
		expect(kirimToHubSpot.runs).toHaveLength(before.kirimRuns);
		expect(hubSpotWrites()).toHaveLength(before.hubspot);
	});

	test('a person deletes the contact in HubSpot → the Kirim contact is unlinked and marked; the restore links it back', async () => {
		const before = { hubspot: hubSpotWrites().length, kirimRuns: kirimToHubSpot.runs.length };
		expect(kirim.store.contacts.get(kirimId)?.metadata).toMatchObject({ crm_id: hubspotId });
		hubspot.ui.delete('contacts', hubspotId);
		await settle();
		const deletionRun = hubSpotToKirim.runs.length - 1;
		expect(hubSpotToKirim.outputOf(deletionRun, 'Apply to the Kirim Contact')[0]).toMatchObject({
			subscriptionType: 'contact.deletion',
			action: 'unlinked',
			kirimContacts: [{ kirimContactId: kirimId, role: 'deleted', sync: { operation: 'unlink' } }],
		});
		const marked = kirim.store.contacts.get(kirimId)?.metadata as Record<string, unknown>;
		expect(marked).not.toHaveProperty('crm_id');
		expect(marked).toMatchObject({ crm_deleted_id: hubspotId, crm_deleted_at: expect.any(String) });

		hubspot.ui.restore('contacts', hubspotId);
		await settle();
		const restored = kirim.store.contacts.get(kirimId)?.metadata as Record<string, unknown>;
		expect(restored).toMatchObject({ crm_id: hubspotId });
		expect(restored).not.toHaveProperty('crm_deleted_id');
		// Kirim's contact.updated for both writes were the sync's echoes; nothing went back to HubSpot.
		expect(kirimToHubSpot.runs).toHaveLength(before.kirimRuns);
		expect(hubSpotWrites()).toHaveLength(before.hubspot);
	});

	test('a merge in HubSpot → the merged-away record’s Kirim contact loses its link; a privacy deletion clears the CRM fields', async () => {
		const response = await fetch(`${kirim.url}/_sim/contacts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Siti Duplicate', email: 'siti.dup@example.com' }),
		});
		const secondKirimId = ((await response.json()) as { contact: { id: string } }).contact.id;
		await settle();
		const secondHubSpotId = hubspot.store.findBy('contacts', 'kirim_contact_id', secondKirimId)!.id;
		hubspot.ui.update('contacts', secondHubSpotId, { jobtitle: 'Buyer' });
		await settle();
		expect(kirim.store.contacts.get(secondKirimId)?.metadata).toMatchObject({ crm_id: secondHubSpotId });

		hubspot.ui.merge('contacts', hubspotId, secondHubSpotId);
		await settle();
		expect(kirim.store.contacts.get(secondKirimId)?.metadata).toMatchObject({ crm_merged_into: hubspotId });
		expect(kirim.store.contacts.get(secondKirimId)?.metadata).not.toHaveProperty('crm_id');
		expect(kirim.store.contacts.get(kirimId)?.metadata).toMatchObject({ crm_id: hubspotId });

		const runsBefore = kirimToHubSpot.runs.length;
		hubspot.ui.privacyDelete(hubspotId);
		await settle();
		const cleared = kirim.store.contacts.get(kirimId)?.metadata as Record<string, unknown>;
		expect(Object.keys(cleared).filter((key) => key.startsWith('crm_'))).toEqual([]);
		expect(kirim.store.contacts.get(kirimId)?.name).toBe('Sitti Nurhaliza');
		expect(kirimToHubSpot.runs).toHaveLength(runsBefore);
	});
});
