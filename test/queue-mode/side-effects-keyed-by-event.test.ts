import type { IDataObject, INode, INodeType } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../credentials/HubSpotSyncApi.credentials';
import { KirimSyncApi } from '../../credentials/KirimSyncApi.credentials';
import { KirimWebhookSigningApi } from '../../credentials/KirimWebhookSigningApi.credentials';
import { ensureSyncProperties } from '../../testkit/sandbox';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../simulators/kirim';
import { InProcessN8n, type ActiveWorkflow } from '../harness/in-process-n8n';
import { contactEvent, metaBody, SECRET, signed, status } from '../nodes/KirimTrigger/fixtures';

// Two n8n webhook processes (queue mode) each keep their own dedupe memory, so a redelivery that reaches the other
// one runs the workflow again. What must not happen twice is the side effect: the Kirim node's send carries an
// Idempotency-Key derived from the triggering event, and Kirim answers the second send from its idempotency store.

/** The nodes as one n8n process loads them: a module registry of its own, so its dedupe memory is its own. */
function nodesOfOneProcess(): Record<string, INodeType> {
	let types: Record<string, INodeType> = {};
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports -- a second copy of the modules needs require() */
		const { KirimTrigger } =
			require('../../nodes/KirimTrigger/KirimTrigger.node') as typeof import('../../nodes/KirimTrigger/KirimTrigger.node');
		const { Kirim } = require('../../nodes/Kirim/Kirim.node') as typeof import('../../nodes/Kirim/Kirim.node');
		const { HubSpotSync } =
			require('../../nodes/HubSpotSync/HubSpotSync.node') as typeof import('../../nodes/HubSpotSync/HubSpotSync.node');
		/* eslint-enable @typescript-eslint/no-require-imports */
		types = {
			'n8n-nodes-kirim.kirimTrigger': new KirimTrigger(),
			'n8n-nodes-kirim.kirim': new Kirim(),
			'n8n-nodes-kirim.hubSpotSync': new HubSpotSync(),
		};
	});
	return types;
}
const WEBHOOK_ID = '0c3e8f52-4b7a-4f0e-9d41-6a2b1c9e7f10';

let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
const processes: InProcessN8n[] = [];
const workflows: ActiveWorkflow[] = [];
/** The Kirim Trigger class each "process" loaded: two module copies, so two dedupe memories. */
const triggerClasses: unknown[] = [];

function workflow(): { nodes: INode[]; connections: IDataObject } {
	return {
		nodes: [
			{
				id: 'trigger-node',
				name: 'Kirim Trigger',
				type: 'n8n-nodes-kirim.kirimTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: { subscriptionMode: 'existing', events: ['*'], options: {} },
				credentials: { kirimWebhookSigningApi: { id: 'sign', name: 'sign' } },
			},
			{
				id: 'send-node',
				name: 'Send Thanks',
				type: 'n8n-nodes-kirim.kirim',
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'message',
					operation: 'sendText',
					to: '+628111111111',
					text: 'Thanks, we got it',
					options: {},
				},
				credentials: { kirimSyncApi: { id: 'kirim', name: 'kirim' } },
			},
			{
				id: 'upsert-node',
				name: 'Upsert in HubSpot',
				type: 'n8n-nodes-kirim.hubSpotSync',
				typeVersion: 1,
				position: [200, 200],
				parameters: { resource: 'contact', operation: 'upsert', options: { readBefore: true, link: false } },
				credentials: { hubSpotSyncApi: { id: 'hubspot', name: 'hubspot' } },
			},
		],
		connections: {
			'Kirim Trigger': {
				main: [
					[
						{ node: 'Send Thanks', type: 'main', index: 0 },
						{ node: 'Upsert in HubSpot', type: 'main', index: 0 },
					],
				],
			},
		},
	};
}

beforeAll(async () => {
	kirim = await startKirimSimulator();
	hubspot = await startHubSpotSimulator();
	await ensureSyncProperties(hubspot);
	// A customer who wrote in (an open conversation), so Kirim accepts free text to them (WhatsApp's 24-hour window).
	const customer = await fetch(`${kirim.url}/_sim/contacts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ phone_number: '+628111111111', name: 'Sheena' }),
	});
	expect(customer.status).toBe(201);
	for (let i = 0; i < 2; i++) {
		const types = nodesOfOneProcess();
		triggerClasses.push(types['n8n-nodes-kirim.kirimTrigger'].constructor);
		const n8n = await InProcessN8n.start(
			types,
			{
				kirimSyncApi: new KirimSyncApi(),
				kirimWebhookSigningApi: new KirimWebhookSigningApi(),
				hubSpotSyncApi: new HubSpotSyncApi(),
			},
			{
				hubSpotSyncApi: {
					accessToken: hubspot.token,
					clientSecret: hubspot.clientSecret,
					appId: String(hubspot.appId),
					baseUrl: hubspot.url,
				},
				kirimSyncApi: {
					apiKey: kirim.apiKey,
					baseUrl: kirim.url,
					pathStyle: 'phoneScoped',
					phoneNumberId: kirim.phoneNumberIds[0],
				},
				kirimWebhookSigningApi: { currentSecret: SECRET, nextSecret: '', previousSecret: '' },
			},
		);
		processes.push(n8n);
		workflows.push(await n8n.activate(workflow() as never));
	}
});

afterAll(async () => {
	for (const n8n of processes) await n8n.close();
	await kirim?.close();
	await hubspot?.close();
});

/** Posts one delivery to webhook process `index`, as Kirim (or a load balancer that lost its pin) would. */
async function deliver(index: number, body: IDataObject, attempt = 1): Promise<number> {
	const delivery = signed(body, {
		headers: { 'x-kirim-attempt': String(attempt), 'x-kirim-delivery-id': `wbd_${index}_${attempt}` },
	});
	const response = await fetch(`${processes[index].url}/webhook/${WEBHOOK_ID}/webhook`, {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.rawBody,
	});
	await processes[index].idle();
	return response.status;
}

/** HubSpot's change log for contacts: creations per object, value changes per object and property. */
function hubspotChanges(): { creations: Map<string, number>; changes: Map<string, number> } {
	const creations = new Map<string, number>();
	const changes = new Map<string, number>();
	hubspot.store.listeners.push((change) => {
		if (change.objectType !== 'contacts') return;
		if (change.kind === 'creation') creations.set(change.objectId, (creations.get(change.objectId) ?? 0) + 1);
		if (change.kind === 'propertyChange') {
			const key = `${change.objectId}|${change.propertyName}`;
			changes.set(key, (changes.get(key) ?? 0) + 1);
		}
	});
	return { creations, changes };
}

const sends = () => kirim.pipeline.log.entries.filter((e) => e.method === 'POST' && /\/messages$/.test(e.path));
const runs = () => workflows[0].runs.length + workflows[1].runs.length;

describe('a side effect is keyed by the event that triggered it, not by the execution', () => {
	beforeEach(() => kirim.pipeline.log.clear());

	test('each process has its own dedupe memory (as two n8n webhook processes do)', () => {
		expect(workflows).toHaveLength(2);
		expect(triggerClasses).toHaveLength(2);
		expect(triggerClasses[0]).not.toBe(triggerClasses[1]);
	});

	test('the same event run in two webhook processes sends one message; Kirim replays the second send', async () => {
		const before = kirim.store.messages.length;
		const runsBefore = runs();
		const event = contactEvent('contact.created');
		expect(await deliver(0, event)).toBe(200);
		expect(await deliver(1, event, 2)).toBe(200);
		expect(runs() - runsBefore).toBe(2);
		expect(kirim.store.messages.length - before).toBe(1);
		const [first, second] = sends();
		expect(second.idempotencyKey).toBe(first.idempotencyKey);
		expect(sends().map((s) => s.status)).toEqual([201, 201]);
	});

	test('a redelivery to the same process does not run again (its dedupe), so nothing is sent twice there either', async () => {
		const before = kirim.store.messages.length;
		const event = contactEvent('contact.updated');
		await deliver(0, event);
		await deliver(0, event, 2);
		expect(kirim.store.messages.length - before).toBe(1);
		expect(sends()).toHaveLength(1);
	});

	test('two different events with the same content each send (delivered, then read, of one message)', async () => {
		const before = kirim.store.messages.length;
		await deliver(0, metaBody([], [status('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI4', 'delivered')]));
		await deliver(1, metaBody([], [status('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI4', 'read')]));
		expect(kirim.store.messages.length - before).toBe(2);
		const [first, second] = sends();
		expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
	});

	test('two events in the same second from two processes are two messages', async () => {
		const before = kirim.store.messages.length;
		await Promise.all([deliver(0, contactEvent('contact.created')), deliver(1, contactEvent('contact.created'))]);
		expect(kirim.store.messages.length - before).toBe(2);
	});

	test.each([
		['one after the other', false],
		['at the same moment (both read before either writes)', true],
	])(
		'HubSpot: the same contact event run in both processes %s creates one contact and writes each value once',
		async (_name, together) => {
			const { creations, changes } = hubspotChanges();
			const contact = {
				...((contactEvent('contact.created').data as IDataObject).contact as IDataObject),
				id: `ctc_01HXYZ0000000000000000000${together ? 1 : 2}`,
			};
			const event: IDataObject = { ...contactEvent('contact.created'), data: { contact } };
			if (together) await Promise.all([deliver(0, event), deliver(1, event, 2)]);
			else {
				await deliver(0, event);
				await deliver(1, event, 2);
			}
			expect([...creations.values()]).toEqual([1]);
			expect([...changes.values()].filter((n) => n !== 1)).toEqual([]);
			const [id] = [...creations.keys()];
			// The stamp is the event's time, not the time of either write.
			expect(hubspot.store.objects.contacts.get(id)?.properties.kirim_last_synced_at).toBe(
				new Date(String(event.created_at)).toISOString(),
			);
		},
	);
});
