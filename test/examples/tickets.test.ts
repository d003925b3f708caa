import type { INodeType } from 'n8n-workflow';

import { HubSpotSync } from '../../nodes/HubSpotSync/HubSpotSync.node';
import { Kirim } from '../../nodes/Kirim/Kirim.node';
import { KirimTrigger } from '../../nodes/KirimTrigger/KirimTrigger.node';
import { OWNERS } from '../../simulators/hubspot/routes/crm-extras';
import { SEED_USERS } from '../../simulators/kirim/store';
import { exampleWorkflow } from '../../testkit/examples';
import type { ActiveWorkflow, WorkflowJson } from '../harness/in-process-n8n';
import { startSyncSandbox, type SyncSandbox } from '../harness/sync-sandbox';

// The tickets example run by n8n-core in this process (the real-n8n twin is e2e/kirim-tickets.e2e.test.ts), fed by
// the Kirim simulator's own signed conversation events. Those events name the conversation and the assignee by id
// only (https://kirim-dev.pages.dev/webhooks/events/); the workflow reads the conversation back from Kirim for its
// contact and its assignee's email, and the ticket follows the conversation.
let sandbox: SyncSandbox;
let tickets: ActiveWorkflow;
let conversationId = '';
let hubspotContactId = '';

const types: Record<string, INodeType> = {
	'n8n-nodes-kirim.kirimTrigger': new KirimTrigger(),
	'n8n-nodes-kirim.kirim': new Kirim(),
	'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
};

beforeAll(async () => {
	sandbox = await startSyncSandbox(types);
	tickets = await sandbox.n8n.activate(
		exampleWorkflow('kirim-tickets.json', {
			kirimSyncApi: 'cred-kirim',
			hubSpotSyncApi: 'cred-hubspot',
		}) as unknown as WorkflowJson,
	);
	const { kirim, hubspot } = sandbox;
	// A customer who wrote in on WhatsApp and whom the contact sync already put in HubSpot.
	const contact = kirim.store.addContact(
		{ phone_number: '+6281234500007', name: 'Dewi Lestari' },
		kirim.phoneNumberIds[0],
	);
	conversationId = kirim.store.addConversation(contact, kirim.phoneNumberIds[0]).id;
	hubspotContactId = hubspot.ui.create('contacts', { firstname: 'Dewi', kirim_contact_id: contact.id }).id;
});

afterAll(async () => sandbox?.close());

async function control(path: string, body: Record<string, unknown> = {}): Promise<void> {
	const response = await fetch(`${sandbox.kirim.url}/_sim/conversations/${conversationId}/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	await sandbox.settle();
}

const allTickets = () => [...sandbox.hubspot.store.objects.tickets.values()];
const ownerOf = (email: string) => OWNERS.find((owner) => owner.email === email)?.id;

describe('tickets example in process: Kirim conversation events → one HubSpot ticket per conversation', () => {
	test('the first assignment → a ticket for the conversation, owned by the agent’s HubSpot owner, on the contact', async () => {
		await control('assign', { user_id: SEED_USERS[0].id });

		expect(tickets.runs).toHaveLength(1);
		expect(tickets.runs[0].status).toBe('success');
		expect(allTickets()).toHaveLength(1);
		const [ticket] = allTickets();
		expect(ticket.properties).toMatchObject({
			kirim_conversation_id: conversationId,
			subject: 'WhatsApp: Dewi Lestari',
			hs_pipeline: '0',
			hs_pipeline_stage: '1',
			hubspot_owner_id: ownerOf(SEED_USERS[0].email!),
		});
		expect(sandbox.hubspot.store.associations).toContainEqual(
			expect.objectContaining({ fromType: 'tickets', fromId: ticket.id, toType: 'contacts', toId: hubspotContactId }),
		);
	});

	test('reassigned to an agent with no HubSpot owner → the owner stays; to another agent → the owner follows', async () => {
		await control('assign', { user_id: SEED_USERS[2].id });
		expect(allTickets()[0].properties.hubspot_owner_id).toBe(ownerOf(SEED_USERS[0].email!));
		await control('assign', { user_id: SEED_USERS[1].id });
		expect(allTickets()[0].properties.hubspot_owner_id).toBe(ownerOf(SEED_USERS[1].email!));
		expect(tickets.runs.map((r) => r.status)).toEqual(['success', 'success', 'success']);
		expect(allTickets()).toHaveLength(1);
	});

	test('closed in Kirim → the same ticket moves to the closed stage', async () => {
		await control('close');
		expect(tickets.runs).toHaveLength(4);
		expect(allTickets()).toHaveLength(1);
		expect(allTickets()[0].properties.hs_pipeline_stage).toBe('4');
	});

	test('every conversation event delivered again → no second ticket, no other change', async () => {
		const before = JSON.stringify(allTickets());
		const { kirim } = sandbox;
		const subscription = [...kirim.store.subscriptions.values()][0];
		const delivered = [...kirim.store.deliveries.values()].filter((d) => d.subscription_id === subscription.id);
		expect(delivered).toHaveLength(4);
		for (const delivery of delivered) kirim.sender.replay(delivery);
		await sandbox.settle();
		expect(tickets.runs).toHaveLength(4);
		expect(JSON.stringify(allTickets())).toBe(before);
	});
});
