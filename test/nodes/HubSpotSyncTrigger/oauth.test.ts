import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HubSpotSyncOAuth2Api } from '../../../credentials/HubSpotSyncOAuth2Api.credentials';
import { HubSpotSyncTrigger } from '../../../nodes/HubSpotSyncTrigger/HubSpotSyncTrigger.node';
import { dedupeStore } from '../../../nodes/shared/dedupe/store';
import { signHubSpotV3 } from '../../../nodes/shared/signatures/hubspot';
import { WEBHOOK_BASE } from '../../harness/engine';
import { deliver, lifecycle, type TriggerSetup } from '../../harness/trigger-context';

// An OAuth app's one webhook URL receives the events of every portal that installed it.
const CLIENT_SECRET = 'oauth-app-client-secret-for-tests';
const APP_ID = '7001';
const OUR_PORTAL = 62515;
const OTHER_PORTAL = 99120;
const WEBHOOK_ID = 'hubspot-sync-oauth';
const URL = `${WEBHOOK_BASE}/webhook/${WEBHOOK_ID}/webhook`;

beforeEach(() => dedupeStore.clear());

/** `null`: a credential saved but never connected (no token). */
function setup(tokenData: IDataObject | null = { access_token: 'at', hub_id: OUR_PORTAL }): TriggerSetup {
	return {
		trigger: new HubSpotSyncTrigger(),
		parameters: {
			authentication: 'oAuth2',
			subscriptionTypes: ['contact.creation', 'contact.propertyChange'],
			options: {},
		} as TriggerSetup['parameters'],
		credentialTypes: { hubSpotSyncOAuth2Api: new HubSpotSyncOAuth2Api() },
		credentials: {
			hubSpotSyncOAuth2Api: {
				clientId: 'client-id',
				clientSecret: CLIENT_SECRET,
				appId: APP_ID,
				...(tokenData ? { oauthTokenData: tokenData } : {}),
			} as never,
		},
		staticData: {},
		webhookId: WEBHOOK_ID,
	};
}

let nextEventId = 5000;
function event(overrides: IDataObject = {}): IDataObject {
	nextEventId += 1;
	return {
		objectId: 1246965,
		propertyName: 'firstname',
		propertyValue: 'Ana',
		changeSource: 'CRM_UI',
		sourceId: 'userId:74322246',
		eventId: nextEventId,
		subscriptionId: 25,
		portalId: OUR_PORTAL,
		appId: Number(APP_ID),
		occurredAt: 1787843156000 + nextEventId,
		subscriptionType: 'contact.propertyChange',
		attemptNumber: 0,
		...overrides,
	};
}

function signed(body: unknown, secret = CLIENT_SECRET) {
	const raw = Buffer.from(JSON.stringify(body));
	const timestamp = String(Date.now());
	return {
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-hubspot-signature-v3': signHubSpotV3(secret, 'POST', URL, raw, timestamp),
			'x-hubspot-request-timestamp': timestamp,
		},
	};
}

const items = (r: Awaited<ReturnType<typeof deliver>>) => (r.result.workflowData?.[0] ?? []) as INodeExecutionData[];

describe('HubSpot Sync Trigger with the OAuth2 credential', () => {
	test('verifies with the OAuth app’s client secret', async () => {
		expect((await deliver(setup(), signed([event()]))).status).toBe(200);
		const forged = await deliver(setup(), signed([event()], 'another-apps-secret'));
		expect(forged.status).toBe(401);
		expect(forged.result.workflowData).toBeUndefined();
	});

	test('events of other portals are dropped and counted, never run; ours run', async () => {
		const batch = [
			event({ objectId: 1, portalId: OTHER_PORTAL }),
			event({ objectId: 2 }),
			event({ objectId: 3, portalId: OTHER_PORTAL }),
		];
		const result = await deliver(setup(), signed(batch));
		expect(result.status).toBe(200);
		expect(items(result).map((i) => i.json.objectId)).toEqual([2]);
		expect(result.answer).toMatchObject({ received: 3, emitted: 1, otherPortals: 2, dropped: 0 });
	});

	test('a batch of only other portals’ events runs nothing and is acknowledged (HubSpot must not retry it)', async () => {
		const result = await deliver(setup(), signed([event({ portalId: OTHER_PORTAL })]));
		expect(result.status).toBe(200);
		expect(result.result.workflowData).toBeUndefined();
		expect(result.answer).toMatchObject({ emitted: 0, otherPortals: 1 });
	});

	test('the app’s own writes (changeSource INTEGRATION, sourceId = App ID) are recognised', async () => {
		const result = await deliver(
			setup(),
			signed([event({ objectId: 4, changeSource: 'INTEGRATION', sourceId: APP_ID }), event({ objectId: 5 })]),
		);
		expect(items(result).map((i) => i.json.objectId)).toEqual([5]);
		expect(result.answer).toMatchObject({ ownWrites: 1 });
	});

	test('not connected (no token, so no portal): activation refuses it and a delivery is kept for a retry (503)', async () => {
		await expect(lifecycle(setup(null), 'checkExists')).rejects.toThrow('is not connected');
		const result = await deliver(setup(null), signed([event()]));
		expect(result.status).toBe(503);
		expect(result.result.workflowData).toBeUndefined();
		expect(await lifecycle(setup(), 'checkExists')).toBe(true);
	});
});
