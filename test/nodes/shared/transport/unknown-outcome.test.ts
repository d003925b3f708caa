import type { IDataObject } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../../credentials/HubSpotSyncApi.credentials';
import { KirimSyncApi } from '../../../../credentials/KirimSyncApi.credentials';
import { writeTickets, type TicketWrite } from '../../../../nodes/shared/hubspot/tickets';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../../../../simulators/kirim';
import {
	HubSpotProbe,
	hubSpotWork,
	HubSpotWorkProbe,
	KirimProbe,
	probeSendOptions,
} from '../../../harness/probe-nodes';
import { runNode } from '../../../harness/run-node';
import { LossyProxy } from './lossy-proxy';

/** What a gateway in front of the API answers when the backend's answer did not come through. */
const badGateway = { status: 502, headers: { 'content-type': 'text/plain' }, body: 'Bad Gateway' };
const serverError = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };

let slept: number[];
let proxy: LossyProxy | undefined;
let kirim: KirimSimulator | undefined;
let hubspot: HubSpotSimulator | undefined;

beforeEach(() => {
	slept = [];
	probeSendOptions.sleep = async (ms) => {
		slept.push(ms);
	};
	probeSendOptions.random = () => 0.5;
	delete probeSendOptions.timeoutMs;
});

afterEach(async () => {
	delete probeSendOptions.timeoutMs;
	await proxy?.close();
	await kirim?.close();
	await hubspot?.close();
	proxy = kirim = hubspot = undefined;
});

function kirimProbe(baseUrl: string, parameters: Record<string, unknown>) {
	return runNode({
		node: new KirimProbe(),
		parameters: { method: 'GET', ...parameters } as never,
		credentialTypes: { kirimSyncApi: new KirimSyncApi() },
		credentials: { kirimSyncApi: { apiKey: kirim!.apiKey, baseUrl, phoneNumberId: kirim!.phoneNumberIds[0] } },
	});
}

function hubSpotProbe(baseUrl: string, parameters: Record<string, unknown>) {
	return runNode({
		node: new HubSpotProbe(),
		parameters: { method: 'GET', ...parameters } as never,
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: { hubSpotSyncApi: { accessToken: hubspot!.token, baseUrl } },
	});
}

function hubSpotWorkRun(baseUrl: string) {
	return runNode({
		node: new HubSpotWorkProbe(),
		parameters: {},
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: { hubSpotSyncApi: { accessToken: hubspot!.token, baseUrl } },
	});
}

describe('Kirim: a create whose answer was lost', () => {
	const template = {
		messaging_product: 'whatsapp',
		to: '+628111222333',
		type: 'template',
		template: { name: 'hello_world', language: { code: 'en_US' } },
	};

	test('a POST the caller gave no key goes out with one; after a dropped connection it is retried and done once', async () => {
		kirim = await startKirimSimulator();
		proxy = await LossyProxy.start(kirim.url);
		const path = `/v1/${kirim.phoneNumberIds[0]}/messages`;
		proxy.loseAnswer('POST', path, { drop: 'before-response' });

		const result = await kirimProbe(proxy.url, { method: 'POST', path, body: JSON.stringify(template) });

		expect(result.error).toBeUndefined();
		expect(proxy.seen.map((r) => r.lost)).toEqual([true, false]);
		const [first, second] = proxy.seen.map((r) => r.idempotencyKey);
		expect(first).toMatch(/^n8n-[0-9a-f-]{36}$/);
		expect(second).toBe(first);
		expect(kirim.store.messages).toHaveLength(1);
		// The answer is Kirim's replay of the first attempt's: the same message, not a second one.
		expect((result.items[0].json.body as IDataObject).data).toMatchObject({ id: kirim.store.messages[0].id });
		expect(slept).toHaveLength(1);
	});

	test('two calls get two keys: the key only dedupes retries of one call', async () => {
		kirim = await startKirimSimulator();
		const path = `/v1/${kirim.phoneNumberIds[0]}/messages`;
		await kirimProbe(kirim.url, { method: 'POST', path, body: JSON.stringify(template) });
		await kirimProbe(kirim.url, { method: 'POST', path, body: JSON.stringify(template) });
		const keys = kirim.pipeline.log.entries.filter((e) => e.method === 'POST').map((e) => e.idempotencyKey);
		expect(keys).toHaveLength(2);
		expect(keys[0]).not.toBe(keys[1]);
		expect(kirim.store.messages).toHaveLength(2);
	});

	test('a 500 on a GET is retried like 502–504', async () => {
		kirim = await startKirimSimulator();
		kirim.pipeline.faults.add({
			match: { method: 'GET', path: '/v1/labels' },
			action: { kind: 'server-error', status: 500 },
		});
		const result = await kirimProbe(kirim.url, { path: '/v1/labels' });
		expect(result.error).toBeUndefined();
		expect(kirim.pipeline.log.entries.filter((e) => e.path === '/v1/labels').map((e) => e.status)).toEqual([500, 200]);
		expect(slept).toEqual([500]);
	});
});

describe('HubSpot: a POST without an idempotency key', () => {
	const contact = JSON.stringify({ properties: { email: 'ana@example.com', firstname: 'Ana' } });
	const contactsNamedAna = () =>
		[...hubspot!.store.objects.contacts.values()].filter((c) => c.properties.email === 'ana@example.com');

	test('after a 500 (the server did it) is not sent again, and the error says the outcome is unknown', async () => {
		hubspot = await startHubSpotSimulator();
		proxy = await LossyProxy.start(hubspot.url);
		proxy.loseAnswer('POST', '/crm/objects/2026-09/contacts', serverError);

		const result = await hubSpotProbe(proxy.url, {
			method: 'POST',
			path: '/crm/objects/2026-09/contacts',
			body: contact,
		});

		expect(proxy.seen).toHaveLength(1);
		expect(contactsNamedAna()).toHaveLength(1);
		expect(result.error?.message).toBe('HubSpot answered HTTP 500 — outcome unknown, not sent again');
		expect(result.error?.description).toContain(
			'The request may or may not have been carried out; sending it again could do it twice.',
		);
		expect(result.error?.description).toContain(
			'Check whether POST /crm/objects/2026-09/contacts took effect before running this again.',
		);
		expect(slept).toEqual([]);
	});

	test('after a timeout is not sent again either', async () => {
		hubspot = await startHubSpotSimulator();
		hubspot.pipeline.faults.add({
			match: { method: 'POST', path: '/crm/objects/2026-09/contacts' },
			action: { kind: 'latency', ms: 600 },
		});
		probeSendOptions.timeoutMs = 150;

		const result = await hubSpotProbe(hubspot.url, {
			method: 'POST',
			path: '/crm/objects/2026-09/contacts',
			body: contact,
		});
		// The server finishes the request the client gave up on.
		await new Promise((resolve) => setTimeout(resolve, 800));

		expect(result.error?.message).toMatch(/ — outcome unknown, not sent again$/);
		expect(result.error?.description).toContain(
			'Check whether POST /crm/objects/2026-09/contacts took effect before running this again.',
		);
		expect(hubspot.pipeline.log.entries.filter((e) => e.method === 'POST')).toHaveLength(1);
		expect(contactsNamedAna()).toHaveLength(1);
	});

	test('with a read-back: found after a 502, its answer is returned and nothing is sent again', async () => {
		hubspot = await startHubSpotSimulator({ searchPerSecond: 1000 });
		proxy = await LossyProxy.start(hubspot.url);
		proxy.loseAnswer('POST', '/crm/objects/2026-09/contacts', badGateway);
		hubSpotWork.run = async (client) => {
			const response = await client.send({
				method: 'POST',
				path: '/crm/objects/2026-09/contacts',
				body: { properties: { email: 'ana@example.com' } },
				readBack: async () => {
					const found = await client.send({
						method: 'GET',
						path: '/crm/objects/2026-09/contacts/ana@example.com',
						qs: { idProperty: 'email' },
						accept: [404],
					});
					return found.status === 404 ? undefined : found;
				},
			});
			return [{ status: response.status, id: (response.body as IDataObject).id as string }];
		};

		const result = await hubSpotWorkRun(proxy.url);

		expect(result.error).toBeUndefined();
		expect(contactsNamedAna()).toHaveLength(1);
		expect(result.items[0].json).toEqual({ status: 200, id: contactsNamedAna()[0].id });
		expect(proxy.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /crm/objects/2026-09/contacts',
			'GET /crm/objects/2026-09/contacts/ana@example.com',
		]);
	});

	test('with a read-back: not found after a 502 that did nothing, it is sent again', async () => {
		hubspot = await startHubSpotSimulator();
		hubspot.pipeline.faults.add({
			match: { method: 'POST', path: '/crm/objects/2026-09/contacts' },
			action: { kind: 'server-error', status: 502 },
		});
		hubSpotWork.run = async (client) => {
			const response = await client.send({
				method: 'POST',
				path: '/crm/objects/2026-09/contacts',
				body: { properties: { email: 'ana@example.com' } },
				readBack: async () => {
					const found = await client.send({
						method: 'GET',
						path: '/crm/objects/2026-09/contacts/ana@example.com',
						qs: { idProperty: 'email' },
						accept: [404],
					});
					return found.status === 404 ? undefined : found;
				},
			});
			return [{ status: response.status }];
		};

		const result = await hubSpotWorkRun(hubspot.url);

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ status: 201 });
		expect(contactsNamedAna()).toHaveLength(1);
		expect(hubspot.pipeline.log.entries.map((e) => `${e.method} ${e.status}`)).toEqual([
			'POST 502',
			'GET 404',
			'POST 201',
		]);
	});
});

describe('HubSpot: a ticket batch create under a 502', () => {
	const cnv = (n: number) => `cnv_${String(n).padStart(26, '0')}`;
	const writes: TicketWrite[] = Array.from({ length: 100 }, (_, i) => ({
		conversationId: cnv(i + 1),
		properties: { subject: `Conversation ${i + 1}`, hs_pipeline: '0', hs_pipeline_stage: '1' },
	}));
	const tickets = () => [...hubspot!.store.objects.tickets.values()];

	async function start(searchIndexLagMs: number) {
		hubspot = await startHubSpotSimulator({ tenSecondlyLimit: 100_000, searchPerSecond: 1000, searchIndexLagMs });
		// The search path's conversation property: a plain text property, no unique values.
		hubspot.store.properties.tickets.set('kirim_conversation_id', {
			name: 'kirim_conversation_id',
			label: 'kirim_conversation_id',
			type: 'string',
			fieldType: 'text',
			groupName: 'ticketinformation',
			hasUniqueValue: false,
			options: [],
			readOnlyValue: false,
			calculated: false,
		} as never);
		proxy = await LossyProxy.start(hubspot.url);
		proxy.loseAnswer('POST', '/crm/objects/2026-09/tickets/batch/create', badGateway);
		hubSpotWork.run = async (client) => {
			const outcome = await writeTickets(client, 'search', 'kirim_conversation_id', writes);
			return writes.map(({ conversationId }) => ({
				conversationId,
				ticketId: outcome.written.get(conversationId)?.id ?? null,
				created: outcome.written.get(conversationId)?.created ?? null,
				error: outcome.failed.get(conversationId)?.message ?? null,
				outcomeUnknown: outcome.failed.get(conversationId)?.context.outcomeUnknown === true,
			}));
		};
		return await hubSpotWorkRun(proxy.url);
	}

	test('creates no duplicates: the batch is not re-sent, and a search finds the tickets it made', async () => {
		const result = await start(0);

		expect(result.error).toBeUndefined();
		expect(tickets()).toHaveLength(100);
		expect(proxy!.seen.filter((r) => r.path.endsWith('/batch/create'))).toHaveLength(1);
		const byConversation = new Map(tickets().map((t) => [t.properties.kirim_conversation_id, t.id]));
		for (const item of result.items.map((i) => i.json)) {
			expect(item).toEqual({
				conversationId: item.conversationId,
				ticketId: byConversation.get(item.conversationId as string),
				created: true,
				error: null,
				outcomeUnknown: false,
			});
		}
	});

	test('when search has not caught up, each item reports the unknown outcome and what to search for; still no duplicates', async () => {
		const result = await start(60_000);

		expect(result.error).toBeUndefined();
		expect(tickets()).toHaveLength(100);
		expect(proxy!.seen.filter((r) => r.path.endsWith('/batch/create'))).toHaveLength(1);
		const first = result.items[0].json;
		expect(first).toMatchObject({ ticketId: null, outcomeUnknown: true });
		expect(first.error).toBe(
			`HubSpot may or may not have created the ticket for conversation ${cnv(1)} — outcome unknown, not sent again`,
		);
		expect(result.items.every((i) => i.json.outcomeUnknown === true)).toBe(true);
	});
});
