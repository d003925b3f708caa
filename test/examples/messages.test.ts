import type { INodeType } from 'n8n-workflow';

import { HubSpotSync } from '../../nodes/HubSpotSync/HubSpotSync.node';
import { KirimTrigger } from '../../nodes/KirimTrigger/KirimTrigger.node';
import { exampleWorkflow } from '../../testkit/examples';
import type { ActiveWorkflow, WorkflowJson } from '../harness/in-process-n8n';
import { startSyncSandbox, type SyncSandbox } from '../harness/sync-sandbox';

// The messages example run by n8n-core in this process (its real-n8n twin is in e2e/round-trip.e2e.test.ts), fed the
// Kirim simulator's own signed message.received deliveries (Meta's payload, forwarded unchanged).
let sandbox: SyncSandbox;
let messages: ActiveWorkflow;
let hubspotContactId = '';
const PHONE = '+6281234500009';

const types: Record<string, INodeType> = {
	'n8n-nodes-kirim.kirimTrigger': new KirimTrigger(),
	'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
};

beforeAll(async () => {
	sandbox = await startSyncSandbox(types);
	messages = await sandbox.n8n.activate(
		exampleWorkflow('kirim-messages.json', {
			kirimSyncApi: 'cred-kirim',
			hubSpotSyncApi: 'cred-hubspot',
		}) as unknown as WorkflowJson,
	);
	hubspotContactId = sandbox.hubspot.ui.create('contacts', { firstname: 'Rudi', phone: PHONE }).id;
});

afterAll(async () => sandbox?.close());

async function customerWrites(text: string): Promise<string> {
	const response = await fetch(`${sandbox.kirim.url}/_sim/messages/inbound`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ from: PHONE, name: 'Rudi', text }),
	});
	const { wamid } = (await response.json()) as { wamid: string };
	await sandbox.settle();
	return wamid;
}

const timeline = () =>
	[...sandbox.hubspot.store.objects.communications.values()].filter((c) =>
		sandbox.hubspot.store.associations.some(
			(a) => a.fromType === 'communications' && a.fromId === c.id && a.toId === hubspotContactId,
		),
	);

describe('messages example in process: a customer’s WhatsApp messages → the contact’s HubSpot timeline', () => {
	test('two messages → two WhatsApp entries on the contact, in the order sent', async () => {
		const first = await customerWrites('Halo');
		const second = await customerWrites('Ada promo?');
		expect(messages.runs.map((r) => r.status)).toEqual(['success', 'success']);
		expect(timeline().map((c) => [c.properties.kirim_message_id, c.properties.hs_communication_body])).toEqual([
			[first, 'Received on WhatsApp: Halo'],
			[second, 'Received on WhatsApp: Ada promo?'],
		]);
	});

	test('Kirim delivering them again → no run, no new entry', async () => {
		const { kirim } = sandbox;
		for (const delivery of [...kirim.store.deliveries.values()]) kirim.sender.replay(delivery);
		await sandbox.settle();
		expect(messages.runs).toHaveLength(2);
		expect(timeline()).toHaveLength(2);
	});
});
