import { HubSpotJournal } from '../../nodes/HubSpotJournal/HubSpotJournal.node';
import { HubSpotJournalTrigger } from '../../nodes/HubSpotJournalTrigger/HubSpotJournalTrigger.node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WorkflowExecute } from 'n8n-core';
import { NodeHelpers, type IDataObject, type INode, type INodeType } from 'n8n-workflow';

import { HubSpotPollTrigger } from '../../nodes/HubSpotPollTrigger/HubSpotPollTrigger.node';
import { HubSpotSync } from '../../nodes/HubSpotSync/HubSpotSync.node';
import { HubSpotSyncTrigger } from '../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { Kirim } from '../../nodes/Kirim/Kirim.node';
import { KirimAdmin } from '../../nodes/KirimAdmin/KirimAdmin.node';
import { KirimPollTrigger } from '../../nodes/KirimPollTrigger/KirimPollTrigger.node';
import { KirimTrigger } from '../../nodes/KirimTrigger/KirimTrigger.node';
import type { HubSpotSimulator } from '../../simulators/hubspot';
import type { KirimSimulator } from '../../simulators/kirim';
import { createWorkflow } from '../harness/engine';
import type { ActiveWorkflow, InProcessN8n, WorkflowJson } from '../harness/in-process-n8n';
import { ManualTriggerStandIn } from '../harness/manual-trigger-stand-in';
import { startSyncSandbox, type SyncSandbox } from '../harness/sync-sandbox';

/**
 * docs/versioning.md: workflows saved with typeVersion 1 of every node keep their behaviour. The
 * fixtures under test/fixtures/workflows are frozen as n8n's editor saves a workflow — only parameters that differ
 * from the node's defaults (editor-ui getNodeDataToSave → NodeHelpers.getNodeParameters(…, returnDefaults false)) —
 * so whatever they leave out comes from today's v1 defaults when n8n loads them. They are run unchanged through
 * n8n-core (activation through HookContext, webhooks through WebhookContext, runs through WorkflowExecute) against
 * the simulators, and each assertion names the v1 behaviour it pins. Changing a v1 default or the meaning of a
 * v1 parameter fails here; such a change belongs in a new typeVersion.
 */
const fixture = (file: string): WorkflowJson & { name: string } =>
	JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'workflows', file), 'utf8')) as WorkflowJson & {
		name: string;
	};

const kirimToHubSpotJson = fixture('v1-kirim-to-hubspot.json');
const hubSpotToKirimJson = fixture('v1-hubspot-to-kirim.json');
const kirimAdminJson = fixture('v1-kirim-admin.json');
/** Run by saved-v1-poll-triggers.test.ts (n8n's poller, not webhooks); its parameters are checked here with the rest. */
const pollTriggersJson = fixture('v1-poll-triggers.json');
/** Checked for its saved parameters only: the journal nodes' runs are tested against the simulator elsewhere. */
const journalJson = fixture('v1-hubspot-journal.json');

const types: Record<string, INodeType> = {
	'n8n-nodes-kirim.kirimTrigger': new KirimTrigger(),
	'n8n-nodes-kirim.kirim': new Kirim(),
	'n8n-nodes-kirim.kirimAdmin': new KirimAdmin(),
	'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
	'n8n-nodes-kirim.hubSpotSyncTrigger': new HubSpotSyncTrigger(),
	'n8n-nodes-kirim.kirimPollTrigger': new KirimPollTrigger(),
	'n8n-nodes-kirim.hubSpotPollTrigger': new HubSpotPollTrigger(),
	'n8n-nodes-kirim.hubSpotJournalTrigger': new HubSpotJournalTrigger(),
	'n8n-nodes-kirim.hubSpotJournal': new HubSpotJournal(),
	'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
};
const ownNodes = [kirimToHubSpotJson, hubSpotToKirimJson, kirimAdminJson, pollTriggersJson, journalJson]
	.flatMap((w) => w.nodes)
	.filter((n) => n.type.startsWith('n8n-nodes-kirim.'));

describe('the saved v1 fixtures', () => {
	test('cover every node the package registers, at typeVersion 1 (a node that ships gets its v1 fixture)', () => {
		const packaged = (
			JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }
		).n8n.nodes;
		const covered = new Set(ownNodes.map((n) => n.type.replace('n8n-nodes-kirim.', '')));
		const shipped = packaged
			.map((path) => path.split('/').pop()!.replace('.node.js', ''))
			.map((cls) => cls[0].toLowerCase() + cls.slice(1));
		expect([...covered].sort()).toEqual([...shipped].sort());
		expect(ownNodes.every((n) => n.typeVersion === 1)).toBe(true);
	});

	test.each(ownNodes.map((n) => [n.name, n] as const))(
		'%s holds only what n8n saves (values that differ from its v1 defaults)',
		(_name, node: INode) => {
			const type = NodeHelpers.getVersionedNodeType(types[node.type], node.typeVersion);
			const versions = ([] as number[]).concat(type.description.version);
			expect(versions).toContain(1);
			expect(
				NodeHelpers.getNodeParameters(
					type.description.properties,
					node.parameters,
					false,
					false,
					node,
					type.description,
				),
			).toEqual(node.parameters);
		},
	);
});

describe('workflows saved with typeVersion 1, run unchanged', () => {
	let kirim: KirimSimulator;
	let hubspot: HubSpotSimulator;
	let n8n: InProcessN8n;
	let kirimToHubSpot: ActiveWorkflow;
	let hubSpotToKirim: ActiveWorkflow;
	let kirimId = '';
	let hubspotId = '';

	let sandbox: SyncSandbox;

	beforeAll(async () => {
		sandbox = await startSyncSandbox(types);
		({ kirim, hubspot, n8n } = sandbox);
		kirimToHubSpot = await n8n.activate(kirimToHubSpotJson);
		hubSpotToKirim = await n8n.activate(hubSpotToKirimJson);
		// What a HubSpot admin sets in the private app: this workflow's trigger URL, one subscription per property.
		hubspot.webhooks.configure({
			targetUrl: `${n8n.url}/webhook/${hubSpotToKirimJson.nodes[0].webhookId}/webhook`,
			signatureVersion: 'v3',
			batchWindowMs: 200,
		});
		for (const property of ['firstname', 'lastname', 'email'])
			hubspot.webhooks.subscribe('contact.propertyChange', property);
	});

	afterAll(async () => sandbox?.close());

	const settle = () => sandbox.settle();

	const kirimTriggerUrl = () => `${n8n.url}/webhook/${kirimToHubSpotJson.nodes[0].webhookId}/webhook`;

	test('Kirim Trigger v1: subscription mode "managed" is the default — activation made its own subscription for the chosen events', () => {
		const subscriptions = [...kirim.store.subscriptions.values()];
		expect(subscriptions).toHaveLength(1);
		expect(subscriptions[0]).toMatchObject({ url: kirimTriggerUrl(), events: ['contact.created'], status: 'active' });
	});

	test('a contact made in Kirim runs once: Kirim v1 defaults to Contact → Get, HubSpot Sync v1 to Contact → Create or Update keyed by the Kirim id', async () => {
		const response = await fetch(`${kirim.url}/_sim/contacts`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Dewi Lestari', email: 'dewi@example.com' }),
		});
		kirimId = ((await response.json()) as { contact: { id: string } }).contact.id;
		await settle();

		expect(kirimToHubSpot.runs).toHaveLength(1);
		expect(kirimToHubSpot.runs[0].status).toBe('success');
		expect(kirimToHubSpot.outputOf(0, 'Kirim Trigger')[0]).toMatchObject({
			event: 'contact.created',
			data: { contact: { id: kirimId } },
		});
		expect(kirimToHubSpot.outputOf(0, 'Get Kirim Contact')).toEqual([
			expect.objectContaining({ id: kirimId, name: 'Dewi Lestari' }),
		]);
		expect(
			kirim.pipeline.log.entries
				.filter((e) => e.method === 'GET' && /\/contacts(\/|$|\?)/.test(e.path))
				.map((e) => e.path.replace(/^.*\/contacts/, '/contacts')),
		).toEqual([`/contacts/${kirimId}`]);
		expect(kirimToHubSpot.outputOf(0, 'HubSpot Sync')[0]).toMatchObject({
			kirimContactId: kirimId,
			operation: 'create',
		});
		const created = hubspot.store.findBy('contacts', 'kirim_contact_id', kirimId)!;
		hubspotId = created.id;
		expect(created.properties).toMatchObject({ firstname: 'Dewi', lastname: 'Lestari', email: 'dewi@example.com' });
	});

	test('HubSpot Sync Trigger v1: "skip own writes" is on by default — HubSpot\'s webhooks for the sync\'s write ran nothing', () => {
		expect(hubspot.webhooks.sent.length).toBeGreaterThan(0);
		expect(hubSpotToKirim.dropped.length).toBeGreaterThan(0);
		expect(hubSpotToKirim.runs).toHaveLength(0);
	});

	test('Kirim Trigger v1: signatures are verified by default (a forgery gets 401) and a redelivery of the same event runs nothing', async () => {
		const forged = await fetch(kirimTriggerUrl(), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-kirim-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
				'x-kirim-event': 'contact.created',
			},
			body: JSON.stringify({ id: 'evt_forged', type: 'contact.created', data: { contact: { id: kirimId } } }),
		});
		expect(forged.status).toBe(401);

		const delivered = [...kirim.store.deliveries.values()].find(
			(d) => d.event_type === 'contact.created' && d.status === 'delivered',
		)!;
		kirim.sender.replay(delivered);
		await settle();
		expect([...kirim.store.deliveries.values()].filter((d) => d.replayed_from === delivered.id)).toEqual([
			expect.objectContaining({ status: 'delivered' }),
		]);
		expect(kirimToHubSpot.runs).toHaveLength(1);
	});

	test("an email edited in HubSpot reaches Kirim: HubSpot Sync v1 Get reads the event's objectId by default, Kirim v1 Update writes only the field given", async () => {
		const before = kirim.store.contacts.get(kirimId)!;
		hubspot.ui.update('contacts', hubspotId, { email: 'dewi.l@example.com' });
		await settle();

		expect(hubSpotToKirim.runs).toHaveLength(1);
		expect(hubSpotToKirim.runs[0].status).toBe('success');
		expect(hubSpotToKirim.outputOf(0, 'Read HubSpot Contact')[0]).toMatchObject({
			id: hubspotId,
			kirimContactId: kirimId,
		});
		expect(kirim.store.contacts.get(kirimId)).toMatchObject({
			email: 'dewi.l@example.com',
			name: before.name,
			phone_number: before.phone_number,
		});
		// The Kirim Trigger (contact.created only) is not subscribed to the contact.updated this caused.
		expect(kirimToHubSpot.runs).toHaveLength(1);
	});

	test('Kirim Admin v1: Webhook Subscription → Get Many is the default, and no signing secret reaches the output', async () => {
		const workflow = createWorkflow(kirimAdminJson.nodes, kirimAdminJson.connections, types);
		const run = await new WorkflowExecute(n8n.additionalDataFor(workflow, 'exec-admin'), 'manual').run({
			workflow,
			startNode: kirimAdminJson.nodes[0],
		});
		expect(run.status).toBe('success');
		const items = run.data.resultData.runData['Kirim Admin'][0].data!.main[0]!.map((item) => item.json as IDataObject);
		expect(items).toEqual([
			expect.objectContaining({ url: kirimTriggerUrl(), events: ['contact.created'], status: 'active' }),
		]);
		const secret = [...kirim.store.subscriptions.values()][0].secrets[0].secret;
		expect(JSON.stringify(items)).not.toContain(secret);
	});
});
