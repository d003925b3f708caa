import { randomUUID } from 'node:crypto';

import {
	addSyncProperties,
	signV3,
	startHubSpotSimulator,
	type HubSpotSimulator,
	type WebhookEvent,
} from '../simulators/hubspot';
import { items, kirimId, upsertParameters } from '../testkit/validation-rule-case';
import { N8nInstance } from './harness/n8n';
import { outputItems } from './harness/rest';
import { waitFor } from './harness/wait';
import {
	callWebhook,
	packedPackage,
	SPLIT_BODY_ITEMS,
	triggerWorkflow,
	webhookChain,
	type ChainedNode,
} from './harness/workflows';

// The OAuth2 credential in real n8n against the HubSpot simulator's authorize and token endpoints: n8n's own
// consent flow (auth URL → the app's consent → n8n's callback → token), n8n's credential test, a HubSpot Sync run
// with the stored token, a refresh when HubSpot answers 401 for an expired token, and the HubSpot Sync Trigger
// verifying with the OAuth app's client secret and running only the connected portal's events. The access-token
// credential used as a service key is tested beside it (credential test and a node run).

let n8n: N8nInstance;
let sim: HubSpotSimulator;
let credentialId: string;
let triggerWorkflowId: string;
let triggerUrl: string;
const CREDENTIAL = 'HubSpot OAuth (e2e)';

beforeAll(async () => {
	sim = await startHubSpotSimulator();
	addSyncProperties(sim.store);
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
	credentialId = (
		await n8n.rest.createCredential(CREDENTIAL, 'hubSpotSyncOAuth2Api', {
			clientId: sim.oauth.clientId,
			clientSecret: sim.clientSecret,
			appId: String(sim.appId),
			authBaseUrl: sim.url,
			baseUrl: sim.url,
		})
	).id;
}, 240_000);

afterAll(async () => {
	await sim?.close();
	await n8n?.stop();
});

/** Cookies a response sets, as a Cookie header value (n8n may bind the OAuth flow to the browser with one). */
function cookiesOf(headers: Headers): string[] {
	return headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
}

/** What the editor's Connect button does, with the simulator's consent page approving at once. */
async function connect(id: string): Promise<string> {
	const auth = await n8n.rest.raw('GET', `/rest/oauth2-credential/auth?id=${id}`);
	if (auth.status !== 200) throw new Error(`n8n's auth URL: ${auth.status} ${auth.text.slice(0, 300)}`);
	const authorizeUrl = (JSON.parse(auth.text) as { data: string }).data;
	const consent = await fetch(authorizeUrl, { redirect: 'manual' });
	const callback = consent.headers.get('location');
	if (consent.status !== 302 || !callback) throw new Error(`consent: ${consent.status} ${await consent.text()}`);
	const cookie = [n8n.rest.cookie, ...cookiesOf(auth.headers)].filter(Boolean).join('; ');
	const done = await fetch(callback, { headers: { cookie } });
	return `${done.status} ${await done.text()}`;
}

/**
 * n8n's credential test of a saved credential with its stored data (the public API's test by id). The editor
 * does not test OAuth2 credentials (it shows them connected or not); this is the same declarative test request.
 */
async function testSaved(id: string): Promise<{ status: string; message: string }> {
	return await n8n.rest.json<{ status: string; message: string }>('POST', `/api/v1/credentials/${id}/test`);
}

/** Webhook → Split Out → HubSpot Sync (Create or Update) with the given credential; answers every output item. */
async function upsertThroughN8n(
	authentication: 'oAuth2' | 'accessToken',
	credential: Record<string, { id: string; name: string }>,
): Promise<(payload: unknown) => Promise<Array<Record<string, unknown>>>> {
	const path = `oauth-${randomUUID().slice(0, 8)}`;
	const upsert: ChainedNode = {
		name: 'Upsert in HubSpot',
		type: 'n8n-nodes-kirim.hubSpotSync',
		typeVersion: 1,
		parameters: { authentication, ...upsertParameters },
		credentials: credential,
	};
	const id = (
		await n8n.rest.createWorkflow(
			webhookChain(`HubSpot Sync ${authentication} ${path}`, path, [SPLIT_BODY_ITEMS, upsert]),
		)
	).id;
	await n8n.rest.activate(id);
	await n8n.waitForWebhook(path);
	return async (payload) => await callWebhook(n8n.url, path, payload);
}

/**
 * The case's eight items as other Kirim contacts (ids and emails shifted by `shift`) with the given job title:
 * each run creates new records, whose fields show which run wrote them.
 */
const otherContacts = (shift: number, title: string) =>
	items.map((item, n) => ({
		...item,
		title,
		data: { contact: { ...item.data.contact, id: kirimId(n + shift), email: `person${40 + n + shift}@example.com` } },
	}));

/** The status n8n answers a POST to a production webhook URL with. */
const webhookAnswers = async (url: string) => (await fetch(url, { method: 'POST', body: '[]' })).status;

const refreshes = () => sim.oauth.tokenRequests.filter((r) => r.grant_type === 'refresh_token').length;

describe('HubSpot Sync OAuth2 API in real n8n', () => {
	let upsert: (payload: unknown) => Promise<Array<Record<string, unknown>>>;

	test('before connecting, n8n’s credential test fails; after the consent flow it passes', async () => {
		expect((await testSaved(credentialId)).status).toBe('Error');
		const callback = await connect(credentialId);
		expect(callback).toMatch(/^200 /);
		expect(sim.oauth.tokenRequests.map((r) => r.grant_type)).toEqual(['authorization_code']);
		expect(await testSaved(credentialId)).toMatchObject({ status: 'OK' });
	}, 60_000);

	test('HubSpot Sync writes with the connected token', async () => {
		upsert = await upsertThroughN8n('oAuth2', { hubSpotSyncOAuth2Api: { id: credentialId, name: CREDENTIAL } });
		const output = await upsert({ items });
		expect(output).toHaveLength(8);
		expect(output.filter((item) => item.error !== undefined)).toEqual([]);
		expect(sim.store.findBy('contacts', 'kirim_contact_id', kirimId(0))).toBeDefined();
		expect(refreshes()).toBe(0);
	}, 60_000);

	test('an expired access token (401) is refreshed once, the run succeeds, and the next run uses the stored new token', async () => {
		const expire = await fetch(`${sim.url}/_sim/oauth/expire-access-tokens`, { method: 'POST' });
		expect(expire.status).toBe(200);
		const output = await upsert({ items: otherContacts(10, 'Refreshed') });
		expect(output.filter((item) => item.error !== undefined)).toEqual([]);
		expect(sim.store.findBy('contacts', 'kirim_contact_id', kirimId(10))?.properties.jobtitle).toBe('Refreshed');
		expect(refreshes()).toBe(1);
		await upsert({ items: otherContacts(20, 'Stored token') });
		expect(sim.store.findBy('contacts', 'kirim_contact_id', kirimId(20))?.properties.jobtitle).toBe('Stored token');
		expect(refreshes()).toBe(1);
	}, 60_000);

	test('the trigger verifies with the OAuth app’s client secret and runs only the connected portal’s events', async () => {
		const wf = triggerWorkflow(
			'HubSpot Sync Trigger over OAuth',
			'n8n-nodes-kirim.hubSpotSyncTrigger',
			{ authentication: 'oAuth2', subscriptionTypes: ['contact.creation', 'contact.propertyChange'], options: {} },
			{ hubSpotSyncOAuth2Api: { id: credentialId, name: CREDENTIAL } },
		);
		triggerWorkflowId = (await n8n.rest.createWorkflow(wf.workflow)).id;
		await n8n.rest.activate(triggerWorkflowId);
		await n8n.waitForWebhook(wf.path);
		triggerUrl = `${n8n.url}/webhook/${wf.path}`;
		const url = triggerUrl;
		const now = Date.now();
		const event = (objectId: number, portalId: number, n: number): WebhookEvent => ({
			objectId,
			propertyName: 'firstname',
			propertyValue: `Portal ${portalId}`,
			changeSource: 'CRM_UI',
			sourceId: 'userId:74322246',
			eventId: 70_000 + n,
			subscriptionId: 7,
			portalId,
			appId: sim.appId,
			occurredAt: now + n,
			subscriptionType: 'contact.propertyChange',
			attemptNumber: 0,
		});
		// One app, one URL: HubSpot sends every installed portal's events there.
		const body = JSON.stringify([event(501, 99_120, 1), event(502, sim.portalId, 2), event(503, 99_121, 3)]);
		const timestamp = String(Date.now());
		const post = (secret: string) =>
			fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-hubspot-signature-v3': signV3(secret, 'POST', url, body, timestamp),
					'x-hubspot-request-timestamp': timestamp,
				},
				body,
			});
		expect((await post('another-apps-secret')).status).toBe(401);
		const answer = await post(sim.clientSecret);
		expect(answer.status).toBe(200);
		expect(await answer.json()).toMatchObject({ received: 3, emitted: 1, otherPortals: 2 });
		const [execution] = await n8n.executionsSettled(triggerWorkflowId, 1, 30_000, 1500, true);
		expect(outputItems(execution, 'Trigger').map((item) => item.objectId)).toEqual([502]);
	}, 90_000);

	test('writes through the OAuth credential come back as the app’s own and are dropped; a person’s edit runs', async () => {
		sim.webhooks.configure({ targetUrl: triggerUrl });
		sim.webhooks.subscribe('contact.creation');
		sim.webhooks.subscribe('contact.propertyChange', 'firstname');
		await upsert({ items: otherContacts(40, 'Own write') });
		await sim.webhooks.idle();
		const ownCreations = sim.webhooks.sent.filter((r) => r.status === 200);
		expect(ownCreations.length).toBeGreaterThan(0);
		// HubSpot reports an OAuth app's writes as an integration write with the app's id as the source.
		expect(JSON.parse(ownCreations[0].body)[0]).toMatchObject({
			changeSource: 'INTEGRATION',
			sourceId: String(sim.appId),
		});
		const person = sim.store.findBy('contacts', 'kirim_contact_id', kirimId(41));
		sim.ui.update('contacts', person?.id ?? '', { firstname: 'Edited by a person' });
		await sim.webhooks.idle();
		const executions = await n8n.executionsSettled(triggerWorkflowId, 2, 30_000, 2000, true);
		expect(executions).toHaveLength(2);
		const items = executions.flatMap((e) => outputItems(e, 'Trigger'));
		expect(items.map((item) => item.objectId)).toEqual(expect.arrayContaining([502, Number(person?.id)]));
		expect(items).toHaveLength(2);
	}, 90_000);
});

describe('HubSpot Sync API as a service key in real n8n', () => {
	test('n8n’s credential test passes and HubSpot Sync writes with it', async () => {
		const data = { appType: 'serviceKey', accessToken: sim.token, baseUrl: sim.url };
		expect(await n8n.rest.testCredential('hubSpotSyncApi', data)).toMatchObject({ status: 'OK' });
		const credential = await n8n.rest.createCredential('HubSpot service key', 'hubSpotSyncApi', data);
		const upsert = await upsertThroughN8n('accessToken', {
			hubSpotSyncApi: { id: credential.id, name: 'HubSpot service key' },
		});
		const output = await upsert({ items: otherContacts(30, 'Service key') });
		expect(output.filter((item) => item.error !== undefined)).toEqual([]);
		expect(sim.store.findBy('contacts', 'kirim_contact_id', kirimId(37))?.properties.jobtitle).toBe('Service key');
	}, 60_000);

	test('the HubSpot Sync Trigger refuses a service key at activation and says why', async () => {
		const data = { appType: 'serviceKey', accessToken: sim.token, baseUrl: sim.url };
		const credential = await n8n.rest.createCredential('HubSpot service key (trigger)', 'hubSpotSyncApi', data);
		const wf = triggerWorkflow(
			'HubSpot Sync Trigger with a service key',
			'n8n-nodes-kirim.hubSpotSyncTrigger',
			{ authentication: 'accessToken', subscriptionTypes: ['contact.creation'], options: {} },
			{ hubSpotSyncApi: { id: credential.id, name: 'HubSpot service key (trigger)' } },
		);
		const id = (await n8n.rest.createWorkflow(wf.workflow)).id;
		// n8n 2.30 refuses the activation with the message. n8n 2.41 accepts the request, tries the trigger's check
		// five times with a back-off (about 15 s), then reports the refusal (its log, and the editor's push message).
		const activation = await n8n.rest.activate(id).then(
			() => '',
			(error: Error) => error.message,
		);
		if (!activation) await waitFor(() => /service key cannot receive webhooks/.test(n8n.log()), 45_000, 'the refusal');
		expect(`${activation} ${n8n.log()}`).toMatch(/service key cannot receive webhooks/);
		expect(await webhookAnswers(`${n8n.url}/webhook/${wf.path}`)).toBe(404);
	}, 90_000);
});
