import { startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { signKirimPayload, startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { n8nAtLeast } from './harness/versions';
import { packedPackage, triggerWorkflow } from './harness/workflows';
import { waitFor } from './harness/wait';

let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
let n8n: N8nInstance;

beforeAll(async () => {
	kirim = await startKirimSimulator({ allowHttpWebhooks: true, webhookTimeScale: 0.001, minDeliveryTimeoutMs: 8000 });
	hubspot = await startHubSpotSimulator();
	n8n = await N8nInstance.start({ packages: [packedPackage()], env: { N8N_LOG_LEVEL: 'debug' } });
});

afterAll(async () => {
	await n8n?.stop();
	await kirim?.close();
	await hubspot?.close();
});

/** Fails with n8n's log tail attached, so a red test explains itself. */
async function withLog<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		(error as Error).message += `\n--- n8n log (tail) ---\n${n8n.logTail()}`;
		throw error;
	}
}

/**
 * What n8n shows for a failed credential test: the credential's own rule message for the status on 2.41.1; n8n
 * 2.30.8 shows its generic text for the status instead (its credential tester finds no response on the error).
 */
const ownMessages = n8nAtLeast('2.41.0');
const shown = (ours: string, n8nGeneric: string) => (ownMessages ? ours : n8nGeneric);

describe('credential tests inside real n8n', () => {
	test('Kirim Sync API: the simulator’s key passes; a wrong key fails with the reason', async () => {
		const good = await n8n.rest.testCredential('kirimSyncApi', {
			apiKey: kirim.apiKey,
			baseUrl: kirim.url,
			pathStyle: 'phoneScoped',
			phoneNumberId: kirim.phoneNumberIds[0],
		});
		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await n8n.rest.testCredential('kirimSyncApi', {
			apiKey: 'kdv_live_wrongwrongwrongwrongwrong',
			baseUrl: kirim.url,
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain(
			shown('Kirim refused the API key (401)', 'Authorization failed - please check your credentials'),
		);
	});

	test('HubSpot Sync API: the simulator’s token passes; a wrong one and a missing scope fail with the reason', async () => {
		const data = {
			accessToken: hubspot.token,
			clientSecret: hubspot.clientSecret,
			appId: String(hubspot.appId),
			baseUrl: hubspot.url,
		};
		expect(await n8n.rest.testCredential('hubSpotSyncApi', data)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await n8n.rest.testCredential('hubSpotSyncApi', { ...data, accessToken: 'pat-na1-wrong' });
		expect(wrong).toMatchObject({
			status: 'Error',
			message: expect.stringContaining(
				shown('HubSpot refused the access token (401)', 'Authorization failed - please check your credentials'),
			),
		});
		const narrow = await startHubSpotSimulator({ scopes: ['tickets'] });
		const noScope = await n8n.rest.testCredential('hubSpotSyncApi', {
			...data,
			baseUrl: narrow.url,
			accessToken: narrow.token,
		});
		expect(noScope).toMatchObject({
			status: 'Error',
			message: expect.stringContaining(
				shown('crm.objects.contacts.read', 'Forbidden - perhaps check your credentials?'),
			),
		});
		await narrow.close();
	});

	test('Kirim Webhook Signing API: tested by the Kirim Trigger (format check)', async () => {
		expect(
			await n8n.rest.testCredential('kirimWebhookSigningApi', { currentSecret: 'whsec_abcdefghijklmnop' }),
		).toMatchObject({ status: 'OK' });
		const bad = await n8n.rest.testCredential('kirimWebhookSigningApi', { currentSecret: 'not-a-secret' });
		expect(bad).toMatchObject({ status: 'Error', message: expect.stringContaining('not a Kirim signing secret') });
	});
});

// typeVersion 2, the version new workflows get (version 1 behaves the same and runs in the other Kirim suites).
describe('Kirim Trigger in real n8n (managed subscription, typeVersion 2)', () => {
	let workflowId: string;
	let path: string;

	test('activation creates exactly one subscription for the production URL', async () => {
		await withLog(async () => {
			const credential = await n8n.rest.createCredential('Kirim (simulator)', 'kirimSyncApi', {
				apiKey: kirim.apiKey,
				baseUrl: kirim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: kirim.phoneNumberIds[0],
			});
			const wf = triggerWorkflow(
				'Kirim Trigger e2e',
				'n8n-nodes-kirim.kirimTrigger',
				{ subscriptionMode: 'managed', events: ['contact.created', 'contact.updated'] },
				{
					kirimSyncApi: { id: credential.id, name: 'Kirim (simulator)' },
				},
				2,
			);
			path = wf.path;
			workflowId = (await n8n.rest.createWorkflow(wf.workflow)).id;
			await n8n.rest.activate(workflowId);
			await n8n.waitForWebhook(path);
			// n8n stores the route first and runs checkExists/create after it (workflow publication), so wait for Kirim to see it.
			await waitFor(() => kirim.store.subscriptions.size > 0, 20_000, 'the Kirim Trigger’s subscription', n8n);
			await new Promise((r) => setTimeout(r, 500));
			const subscriptions = [...kirim.store.subscriptions.values()];
			expect(subscriptions).toHaveLength(1);
			expect(subscriptions[0]).toMatchObject({
				url: `${n8n.url}/webhook/${path}`,
				status: 'active',
				events: ['contact.created', 'contact.updated'],
			});
		});
	});

	test('a signed contact.created from Kirim runs the workflow exactly once', async () => {
		await withLog(async () => {
			const created = await fetch(`${kirim.url}/_sim/contacts`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'Budi E2E' }),
			});
			expect(created.status).toBe(201);
			await kirim.sender.idle();
			const delivery = [...kirim.store.deliveries.values()].at(-1)!;
			expect(delivery.attempts.map((a) => a.response_status_code)).toEqual([200]);
			expect(JSON.parse(delivery.attempts[0].response_body)).toEqual({ received: true, items: 1 });
			const executions = await n8n.executionsSettled(workflowId, 1);
			expect(executions).toHaveLength(1);
			expect(executions[0].status).toBe('success');
			const output = executions[0].data?.resultData?.runData?.Trigger?.[0]?.data?.main?.[0]?.[0]?.json;
			expect(output).toMatchObject({ event: 'contact.created', data: { contact: { name: 'Budi E2E' } } });
		});
	});

	test('a redelivery of the same event is acknowledged as a duplicate and runs nothing', async () => {
		await withLog(async () => {
			const original = [...kirim.store.deliveries.values()].at(-1)!;
			kirim.sender.replay(original);
			await kirim.sender.idle();
			const replay = [...kirim.store.deliveries.values()].at(-1)!;
			expect(replay.attempts[0].response_status_code).toBe(200);
			expect(JSON.parse(replay.attempts[0].response_body)).toMatchObject({ duplicate: true });
			expect(await n8n.executionsSettled(workflowId, 1)).toHaveLength(1);
		});
	});

	test('a forged or stale delivery gets 401 and runs nothing', async () => {
		await withLog(async () => {
			const body = JSON.stringify({ id: 'evt_01HXYZABCDEFGHJKMNPQRSTVW9', type: 'contact.created', data: {} });
			const now = Math.floor(Date.now() / 1000);
			const forged = await fetch(`${n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-kirim-signature': signKirimPayload(['whsec_guess'], now, body),
				},
				body,
			});
			expect(forged.status).toBe(401);
			const secret = [...kirim.store.subscriptions.values()][0].secrets[0].secret;
			const stale = await fetch(`${n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-kirim-signature': signKirimPayload([secret], now - 600, body),
				},
				body,
			});
			expect(stale.status).toBe(401);
			expect(await stale.json()).toMatchObject({ reason: 'stale_timestamp' });
			expect(await n8n.executionsSettled(workflowId, 1)).toHaveLength(1);
		});
	});

	test('a body that is not JSON gets 415 and runs nothing (n8n keeps no raw bytes of it for typeVersion 2)', async () => {
		await withLog(async () => {
			const secret = [...kirim.store.subscriptions.values()][0].secrets[0].secret;
			const body = JSON.stringify({ id: 'evt_01HXYZABCDEFGHJKMNPQRSTVW8', type: 'contact.created', data: {} });
			const html = await fetch(`${n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: {
					'content-type': 'text/html',
					'x-kirim-signature': signKirimPayload([secret], Math.floor(Date.now() / 1000), body),
				},
				body,
			});
			expect(html.status).toBe(415);
			expect(await html.json()).toEqual({
				error: 'unsupported_content_type',
				reason: 'Kirim deliveries are application/json, not text/html',
			});
			expect(await n8n.executionsSettled(workflowId, 1)).toHaveLength(1);
		});
	});

	test('secrets appear nowhere in execution data or n8n’s log', async () => {
		const secret = [...kirim.store.subscriptions.values()][0].secrets[0].secret;
		const executions = await n8n.rest.executions(workflowId);
		expect(JSON.stringify(executions)).not.toContain(secret);
		expect(JSON.stringify(executions)).not.toContain(kirim.apiKey);
		expect(n8n.log()).not.toContain(secret);
		expect(n8n.log()).not.toContain(kirim.apiKey);
	});

	test('deactivation deletes the subscription after its 30 s grace period (an edit would take it over meanwhile)', async () => {
		await withLog(async () => {
			const deactivatedAt = Date.now();
			await n8n.rest.deactivate(workflowId);
			// Deactivation runs through n8n's publication outbox too: asynchronous.
			await waitFor(
				() => n8n.log().includes('is removed in 30 s unless this trigger is activated again'),
				20_000,
				'the removal scheduled',
				n8n,
			);
			expect(kirim.store.subscriptions.size).toBe(1);
			await waitFor(() => kirim.store.subscriptions.size === 0, 60_000, 'the subscription deleted', n8n);
			expect(Date.now() - deactivatedAt).toBeGreaterThanOrEqual(29_000);
			expect(n8n.log()).toContain('Kirim Trigger: removed subscription');
		});
	}, 90_000);
});
