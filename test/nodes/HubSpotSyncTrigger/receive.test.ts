import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import { HubSpotSyncTrigger } from '../../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { signHubSpotV1, signHubSpotV3 } from '../../../nodes/shared/signatures/hubspot';
import { WEBHOOK_BASE } from '../../harness/engine';
import { deliver, lifecycle, type TriggerSetup } from '../../harness/trigger-context';

const CLIENT_SECRET = 'hubspot-client-secret-for-tests';
const APP_ID = '4242';
const WEBHOOK_ID = 'hubspot-sync';
const URL = `${WEBHOOK_BASE}/webhook/${WEBHOOK_ID}/webhook`;

beforeEach(() => dedupeStore.clear());

function setup(parameters: IDataObject = {}, credentials: IDataObject = {}): TriggerSetup {
	return {
		trigger: new HubSpotSyncTrigger(),
		parameters: {
			subscriptionTypes: ['contact.creation', 'contact.propertyChange'],
			options: {},
			...parameters,
		} as TriggerSetup['parameters'],
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: {
			hubSpotSyncApi: { accessToken: 'pat-x', clientSecret: CLIENT_SECRET, appId: APP_ID, ...credentials } as never,
		},
		staticData: {},
		webhookId: WEBHOOK_ID,
	};
}

let nextEventId = 1000;
function event(overrides: IDataObject = {}): IDataObject {
	nextEventId += 1;
	return {
		objectId: 1246965,
		propertyName: 'lifecyclestage',
		propertyValue: 'subscriber',
		changeSource: 'CRM_UI',
		sourceId: 'userId:74322246',
		eventId: nextEventId,
		subscriptionId: 25,
		portalId: 33,
		appId: 1160452,
		occurredAt: 1462216307945 + nextEventId,
		subscriptionType: 'contact.propertyChange',
		attemptNumber: 0,
		...overrides,
	};
}

function signed(body: unknown, options: { uri?: string; timestamp?: number; headers?: Record<string, string> } = {}) {
	const raw = Buffer.from(JSON.stringify(body));
	const timestamp = String(options.timestamp ?? Date.now());
	return {
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signHubSpotV3(CLIENT_SECRET, 'POST', options.uri ?? URL, raw, timestamp),
			'x-hubspot-request-timestamp': timestamp,
			...options.headers,
		},
	};
}

const items = (r: Awaited<ReturnType<typeof deliver>>) => (r.result.workflowData?.[0] ?? []) as INodeExecutionData[];

describe('HubSpot Sync Trigger', () => {
	test('a signed batch of 100 runs once with one item per contact change', async () => {
		const batch = Array.from({ length: 100 }, (_, i) =>
			event({ objectId: 5000 + i, propertyName: 'email', propertyValue: `p${i}@example.com` }),
		);
		const result = await deliver(setup(), signed(batch));
		expect(result.status).toBe(200);
		expect(items(result)).toHaveLength(100);
		expect(items(result)[0].json).toMatchObject({
			objectId: 5000,
			changes: { email: 'p0@example.com' },
			verification: { scheme: 'v3' },
		});
	});

	test('property changes of one contact are combined; the latest value wins and items are in occurredAt order', async () => {
		const batch = [
			event({ objectId: 7, propertyName: 'firstname', propertyValue: 'B', occurredAt: 3000 }),
			event({ objectId: 7, propertyName: 'firstname', propertyValue: 'A', occurredAt: 1000 }),
			event({ objectId: 7, propertyName: 'lastname', propertyValue: 'Z', occurredAt: 2000 }),
			event({
				objectId: 8,
				subscriptionType: 'contact.creation',
				propertyName: undefined,
				propertyValue: undefined,
				occurredAt: 500,
			}),
		];
		const result = await deliver(setup(), signed(batch));
		expect(items(result).map((i) => i.json.objectId)).toEqual([8, 7]);
		expect(items(result)[1].json).toMatchObject({ changes: { firstname: 'B', lastname: 'Z' }, occurredAt: 3000 });
	});

	test('with combining off, each event is its own item', async () => {
		const batch = [event({ objectId: 7 }), event({ objectId: 7, propertyName: 'email' })];
		expect(items(await deliver(setup({ options: { combinePropertyChanges: false } }), signed(batch)))).toHaveLength(2);
	});

	test('a forged, stale or v3-stripped request is refused with 401', async () => {
		const batch = [event()];
		const forged = signed(batch);
		forged.headers['x-hubspot-signature-v3'] = signHubSpotV3(
			'guessed-secret',
			'POST',
			URL,
			forged.rawBody,
			forged.headers['x-hubspot-request-timestamp'],
		);
		expect((await deliver(setup(), forged)).status).toBe(401);
		expect((await deliver(setup(), signed(batch, { timestamp: Date.now() - 301_000 }))).answer).toMatchObject({
			reason: 'stale_timestamp',
		});
		const raw = Buffer.from(JSON.stringify(batch));
		const v1Only = {
			rawBody: raw,
			headers: { 'x-hubspot-signature': signHubSpotV1(CLIENT_SECRET, raw), 'x-hubspot-signature-version': 'v1' },
		};
		const stripped = await deliver(setup(), v1Only);
		expect(stripped.status).toBe(401);
		expect(stripped.result.workflowData).toBeUndefined();
		expect((await deliver(setup({ options: { allowV1V2: true } }), v1Only)).status).toBe(200);
	});

	test('behind a proxy, the public URL as registered in HubSpot is what is verified', async () => {
		const publicUrl = 'https://hooks.example.com/hubspot';
		expect((await deliver(setup(), signed([event()], { uri: publicUrl }))).status).toBe(401);
		expect((await deliver(setup({ options: { publicUrl } }), signed([event()], { uri: publicUrl }))).status).toBe(200);
	});

	test('the same batch retried with attemptNumber 1 is acknowledged and runs nothing', async () => {
		const batch = [event(), event({ objectId: 9 })];
		const s = setup();
		expect(items(await deliver(s, signed(batch)))).toHaveLength(2);
		const retry = await deliver(s, signed(batch.map((e) => ({ ...e, attemptNumber: 1 }))));
		expect(retry.status).toBe(200);
		expect(retry.answer).toMatchObject({ duplicates: 2, emitted: 0 });
		expect(retry.result.workflowData).toBeUndefined();
	});

	test('events with a reused eventId but different objects are not mistaken for duplicates', async () => {
		const batch = [event({ eventId: 1, objectId: 1 }), event({ eventId: 1, objectId: 2 })];
		expect(items(await deliver(setup({ options: { combinePropertyChanges: false } }), signed(batch)))).toHaveLength(2);
	});

	test('unselected types are dropped with 200; object.* with objectTypeId 0-1 counts as contact', async () => {
		const batch = [
			event({ subscriptionType: 'contact.deletion', propertyName: undefined }),
			event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: 55 }),
			event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: 56 }),
		];
		const result = await deliver(setup(), signed(batch));
		expect(result.status).toBe(200);
		expect(items(result).map((i) => i.json.objectId)).toEqual([55]);
	});

	test('writes by the sync’s own app are skipped; a person’s edit and another app’s write are not', async () => {
		const batch = [
			event({ objectId: 1, changeSource: 'INTEGRATION', sourceId: APP_ID }),
			event({ objectId: 2, changeSource: 'API', sourceId: `app:${APP_ID}` }),
			event({ objectId: 3, changeSource: 'INTEGRATION', sourceId: '999' }),
			event({ objectId: 4, changeSource: 'CRM_UI', sourceId: 'userId:1', appId: Number(APP_ID) }),
		];
		const result = await deliver(setup(), signed(batch));
		expect(items(result).map((i) => i.json.objectId)).toEqual([3, 4]);
		expect(result.answer).toMatchObject({ ownWrites: 2 });
	});

	// Writes by a project app (static auth or OAuth) arrive as changeSource INTEGRATION with sourceId = the app's id
	// as a string, and appId = the receiving app's id as a number (payloads captured from a 2026 OAuth project app);
	// a write by another app of the same portal carries that app's id. HubSpot documents no value for this.
	test('a project app’s own write (INTEGRATION, its id as sourceId) is skipped; another app’s write in the same portal is not', async () => {
		const projectApp = '50780459';
		const batch = [
			event({ objectId: 541935488729, changeSource: 'INTEGRATION', sourceId: projectApp, appId: Number(projectApp) }),
			event({ objectId: 541935488730, changeSource: 'INTEGRATION', sourceId: '2931120', appId: Number(projectApp) }),
		];
		const result = await deliver(setup({}, { appId: projectApp }), signed(batch));
		expect(items(result).map((i) => i.json.objectId)).toEqual([541935488730]);
		expect(result.answer).toMatchObject({ ownWrites: 1 });
	});

	test('a valid delivery where every event is dropped still answers 200', async () => {
		const result = await deliver(setup(), signed([event({ changeSource: 'INTEGRATION', sourceId: APP_ID })]));
		expect(result.status).toBe(200);
		expect(result.result.workflowData).toBeUndefined();
	});

	test.each([
		['an empty array', []],
		['objects without objectId', [{ subscriptionType: 'contact.creation', occurredAt: 1 }]],
		['a string', 'hello'],
	])(
		'a signed body that is not events (%s) gets 503: HubSpot keeps it (it retries 5xx, not 4xx)',
		async (_name, body) => {
			const error = jest.spyOn(Container.get(Logger), 'error').mockImplementation(() => undefined);
			const result = await deliver(setup(), signed(body));
			expect(result.status).toBe(503);
			expect(result.answer).toMatchObject({ error: 'unreadable_events' });
			expect(result.response.headers['retry-after']).toBe('30');
			expect(error).toHaveBeenCalled();
			error.mockRestore();
		},
	);

	test('a credential without a client secret answers 503, not 401: the batch is fine, the setup is not', async () => {
		const error = jest.spyOn(Container.get(Logger), 'error').mockImplementation(() => undefined);
		const result = await deliver(setup({}, { clientSecret: '' }), signed([event()]));
		expect(result.status).toBe(503);
		expect(result.answer).toEqual({ error: 'no_secret_configured' });
		expect(result.result.workflowData).toBeUndefined();
		error.mockRestore();
	});

	test('no raw body from n8n is refused with 500, never verified as an empty body', async () => {
		const error = jest.spyOn(Container.get(Logger), 'error').mockImplementation(() => undefined);
		const delivery = signed([event()]);
		const result = await deliver(setup(), {
			headers: delivery.headers,
			rawBody: undefined as unknown as Buffer,
			body: [event()],
		});
		expect(result.status).toBe(500);
		expect(result.answer).toEqual({ error: 'raw_body_unavailable' });
		error.mockRestore();
	});

	test('answered at once: n8n reading the answer (after it created the run, before it saves) writes the dedupe snapshot again', async () => {
		const s = { ...setup(), holdAnswer: true };
		const delivered = await deliver(s, signed([event()]));
		expect(delivered.answer).toMatchObject({ ok: true, emitted: 1 });
		// n8n's run setup clears the static data's change flag; removing the snapshot makes that visible.
		delete s.staticData.dedupe;
		expect(s.staticData.dedupe).toBeUndefined();
		expect(delivered.result.webhookResponse).toMatchObject({ ok: true, emitted: 1 });
		expect(s.staticData.dedupe).toBeDefined();
	});

	test('a single event object is accepted', async () => {
		expect(items(await deliver(setup(), signed(event())))).toHaveLength(1);
	});

	test('activation refuses a credential without a client secret, with the reason', async () => {
		await expect(lifecycle(setup({}, { clientSecret: '' }), 'checkExists')).rejects.toThrow('has no client secret');
		expect(await lifecycle(setup(), 'checkExists')).toBe(true);
	});

	test('activation refuses a service key, saying HubSpot sends webhooks only for apps', async () => {
		await expect(lifecycle(setup({}, { appType: 'serviceKey' }), 'checkExists')).rejects.toThrow(
			'A HubSpot service key cannot receive webhooks',
		);
		// Saved before the field existed, or set to an app: accepted as before.
		expect(await lifecycle(setup({}, { appType: 'app' }), 'checkExists')).toBe(true);
	});

	describe('Respond When the Workflow Finishes', () => {
		const AFTER_RUN_URL = `${WEBHOOK_BASE}/webhook/${WEBHOOK_ID}/webhook-after-run`;
		const afterRun = () => ({ ...setup({ options: { respondWhenFinished: true } }), webhookName: 'setup' });

		test('the batch is verified over the after-run URL and left for n8n to answer after the run', async () => {
			const result = await deliver(afterRun(), signed([event()], { uri: AFTER_RUN_URL }));
			expect(items(result)).toHaveLength(1);
			expect(result.result.webhookResponse).toBeUndefined();
			expect(result.result.noWebhookResponse).toBeUndefined();
			result.response.finish(200);
		});

		test('a batch signed for the other URL is refused with 401', async () => {
			const result = await deliver(afterRun(), signed([event()], { uri: URL }));
			expect(result.status).toBe(401);
			expect(result.result.workflowData).toBeUndefined();
		});

		test('a failed run (n8n answers 500) is forgotten, so HubSpot’s retry runs; a succeeded one is a duplicate after', async () => {
			const shared = afterRun();
			const batch = [event()];
			const first = await deliver(shared, signed(batch, { uri: AFTER_RUN_URL }));
			expect(items(first)).toHaveLength(1);
			first.response.finish(500);
			const retry = await deliver(shared, signed([{ ...batch[0], attemptNumber: 1 }], { uri: AFTER_RUN_URL }));
			expect(items(retry)).toHaveLength(1);
			retry.response.finish(200);
			const again = await deliver(shared, signed([{ ...batch[0], attemptNumber: 2 }], { uri: AFTER_RUN_URL }));
			expect(again.status).toBe(200);
			expect(again.answer).toMatchObject({ emitted: 0, duplicates: 1 });
		});

		test('a copy arriving while the run goes on gets 503 (in flight), never a second run', async () => {
			const shared = afterRun();
			const batch = [event()];
			const first = await deliver(shared, signed(batch, { uri: AFTER_RUN_URL }));
			const copy = await deliver(shared, signed(batch, { uri: AFTER_RUN_URL }));
			expect(copy.status).toBe(503);
			expect(copy.answer).toEqual({ error: 'in_flight' });
			first.response.finish(200);
		});
	});
});
