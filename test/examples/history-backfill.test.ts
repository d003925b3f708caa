import type { IDataObject, INodeType } from 'n8n-workflow';

import { HubSpotSync } from '../../nodes/HubSpotSync/HubSpotSync.node';
import { KirimTrigger } from '../../nodes/KirimTrigger/KirimTrigger.node';
import { exampleWorkflow } from '../../testkit/examples';
import type { WorkflowJson } from '../harness/in-process-n8n';
import { runWithBothSimulators } from '../harness/run-hubspot-kirim-node';
import { startSyncSandbox, type SyncSandbox } from '../harness/sync-sandbox';
import { pollTrigger } from '../nodes/KirimPollTrigger/fixtures';

// The history example's two steps, as the example file configures them, run by n8n-core beside the messages example
// (the live path, active in the in-process n8n): the Kirim Poll Trigger's first poll hands on every conversation and
// the backfill logs what the live path has not. The messages here are seconds old, so the run sets the example's
// "Skip Messages Newer Than" (10 minutes, covered in test/nodes/HubSpotSync/message-backfill.test.ts) to 0. Its
// real-n8n twin is in e2e/round-trip.e2e.test.ts.
let sandbox: SyncSandbox;
const PHONE = '+6281234500021';

const nodes = exampleWorkflow('kirim-history-backfill.json', {}).nodes as Array<{
	type: string;
	parameters: IDataObject;
}>;
const triggerParameters = nodes.find((n) => n.type === 'n8n-nodes-kirim.kirimPollTrigger')!.parameters;
const backfillStep = nodes.find((n) => n.type === 'n8n-nodes-kirim.hubSpotSync')!.parameters;

beforeAll(async () => {
	sandbox = await startSyncSandbox({
		'n8n-nodes-kirim.kirimTrigger': new KirimTrigger(),
		'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
	} as Record<string, INodeType>);
	await sandbox.n8n.activate(
		exampleWorkflow('kirim-messages.json', {
			kirimSyncApi: 'cred-kirim',
			hubSpotSyncApi: 'cred-hubspot',
		}) as unknown as WorkflowJson,
	);
});
afterAll(async () => sandbox?.close());

async function kirimCall(method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
	const response = await fetch(`${sandbox.kirim.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${sandbox.kirim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as Record<string, unknown>;
}

describe('history example in process: every conversation’s messages on the HubSpot timeline, once', () => {
	test('the live path’s entries are recognised, the rest logged; the same conversations run again add nothing', async () => {
		const { kirim, hubspot } = sandbox;
		const made = await kirimCall('POST', '/_sim/contacts', { phone_number: PHONE, name: 'Rudi' });
		const kirimId = (made.contact as { id: string }).id;
		const contact = hubspot.ui.create('contacts', { firstname: 'Rudi', phone: PHONE, kirim_contact_id: kirimId });
		await kirimCall('POST', '/_sim/messages/inbound', { from: PHONE, name: 'Rudi', text: 'Halo' });
		await kirimCall('POST', `/v1/${kirim.phoneNumberIds[0]}/messages`, {
			messaging_product: 'whatsapp',
			to: PHONE,
			type: 'text',
			text: { body: 'Halo Rudi, ada yang bisa dibantu?' },
		});
		await kirimCall('POST', '/_sim/messages/inbound', { from: PHONE, name: 'Rudi', text: 'Pesanan saya di mana?' });
		await sandbox.settle();
		expect(hubspot.store.objects.communications.size).toBe(2);

		const conversations = await pollTrigger(kirim, triggerParameters).poll();
		expect(conversations?.map((item) => item.json.id)).toEqual([made.conversation_id]);
		const step = { ...backfillStep, options: { ...(backfillStep.options as IDataObject), minAgeMinutes: 0 } };
		const input = conversations!.map((item) => item.json);
		const first = await runWithBothSimulators({ hubspot, kirim }, new HubSpotSync(), step, input);
		expect(first.items[0].json).toMatchObject({ messages: 3, matchedLive: 2, logged: 1 });
		const again = await runWithBothSimulators({ hubspot, kirim }, new HubSpotSync(), step, input);
		expect(again.items[0].json).toMatchObject({ logged: 0, matchedLive: 2, alreadyBackfilled: 1 });

		const bodies = [...hubspot.store.objects.communications.values()]
			.filter((c) => hubspot.store.associations.some((a) => a.fromId === c.id && a.toId === contact.id))
			.map((c) => c.properties.hs_communication_body);
		expect(bodies.sort()).toEqual(
			[
				'Received on WhatsApp: Halo',
				'Received on WhatsApp: Pesanan saya di mana?',
				'Sent on WhatsApp: Halo Rudi, ada yang bisa dibantu?',
			].sort(),
		);
	});
});
