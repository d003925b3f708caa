import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { HubSpotSyncApi } from '../../../credentials/HubSpotSyncApi.credentials';
import { HubSpotSyncTrigger } from '../../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { signHubSpotV3 } from '../../../nodes/shared/signatures/hubspot';
import { WEBHOOK_BASE } from '../../harness/engine';
import { deliver, type TriggerSetup } from '../../harness/trigger-context';
import previous from '../../fixtures/static-data/hubspot-sync-trigger.previous.json';

/**
 * Static data exactly as the code before format versions wrote it for a HubSpot Sync Trigger (dedupe snapshot v1),
 * loaded by today's code an hour after the capture (the captured entry's 48-hour window is still live).
 */
const CLIENT_SECRET = 'hubspot-client-secret-for-tests';
const URL = `${WEBHOOK_BASE}/webhook/hubspot-legacy/webhook`;
const ALL_BUT_DATE = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

beforeEach(() => {
	jest.useFakeTimers({
		now: Date.parse(previous.capturedAt) + 3_600_000,
		advanceTimers: true,
		doNotFake: [...ALL_BUT_DATE],
	});
	dedupeStore.clear();
});
afterEach(() => jest.useRealTimers());

function setup(staticData: IDataObject): TriggerSetup {
	return {
		trigger: new HubSpotSyncTrigger(),
		parameters: { subscriptionTypes: ['contact.creation', 'contact.propertyChange'], options: {} },
		credentialTypes: { hubSpotSyncApi: new HubSpotSyncApi() },
		credentials: { hubSpotSyncApi: { accessToken: 'pat-x', clientSecret: CLIENT_SECRET, appId: '4242' } as never },
		staticData,
		webhookId: 'hubspot-legacy',
	};
}

function signed(body: unknown) {
	const raw = Buffer.from(JSON.stringify(body));
	const timestamp = String(Date.now());
	return {
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signHubSpotV3(CLIENT_SECRET, 'POST', URL, raw, timestamp),
			'x-hubspot-request-timestamp': timestamp,
		},
	};
}

const items = (r: Awaited<ReturnType<typeof deliver>>) => (r.result.workflowData?.[0] ?? []) as INodeExecutionData[];

describe('HubSpot Sync Trigger with static data of the previous format', () => {
	test('a retry of the batch accepted before the upgrade is a duplicate; a new event runs and the snapshot is rewritten in the current format', async () => {
		const staticData = structuredClone(previous.staticData) as IDataObject;
		const retry = await deliver(
			setup(staticData),
			signed(previous.acceptedBatch.map((e) => ({ ...e, attemptNumber: 1 }))),
		);
		expect(retry.status).toBe(200);
		expect(retry.answer).toMatchObject({ received: 1, emitted: 0, duplicates: 1 });

		const next = {
			...previous.acceptedBatch[0],
			eventId: 4002,
			propertyValue: 'new@example.com',
			occurredAt: Date.now() - 1000,
		};
		const run = await deliver(setup(staticData), signed([next]));
		expect(items(run)).toHaveLength(1);
		expect(items(run)[0].json).toMatchObject({ objectId: next.objectId, changes: { email: 'new@example.com' } });
		expect(staticData).toEqual({
			dedupe: {
				v: 2,
				ids: [previous.staticData.dedupe.entries[0][0], `33|25|4002|${next.objectId}|${next.occurredAt}|email`],
				expires: [Math.ceil(Number(previous.staticData.dedupe.entries[0][1]) / 1000), expect.any(Number)],
				late: [],
			},
		});
	});

	test('a snapshot from a newer package version fails the delivery instead of being overwritten', async () => {
		const newer = { v: 3, entries: previous.staticData.dedupe.entries, byPortal: { 33: 1 } };
		const staticData: IDataObject = { dedupe: structuredClone(newer) };
		await expect(deliver(setup(staticData), signed(previous.acceptedBatch))).rejects.toThrow(NodeOperationError);
		expect(staticData).toEqual({ dedupe: newer });
	});
});
