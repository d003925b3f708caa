import { signV1, signV3, startHubSpotSimulator, type HubSpotSimulator, type WebhookEvent } from '../simulators/hubspot';
import { N8nInstance } from './harness/n8n';
import { outputItems } from './harness/rest';
import { waitFor } from './harness/wait';
import { packedPackage, triggerWorkflow } from './harness/workflows';

// HubSpot → n8n through the HubSpot simulator's own webhook sender: batches signed v3 over the exact URL, retried on
// any non-2xx. n8n runs its default expression engine here.
let n8n: N8nInstance;
let sim: HubSpotSimulator;
let workflowId: string;
let url: string;

beforeAll(async () => {
	sim = await startHubSpotSimulator();
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
	const credential = await n8n.rest.createCredential('HubSpot Sync (e2e)', 'hubSpotSyncApi', {
		accessToken: sim.token,
		clientSecret: sim.clientSecret,
		appId: String(sim.appId),
		baseUrl: sim.url,
	});
	const wf = triggerWorkflow(
		'HubSpot Sync Trigger e2e',
		'n8n-nodes-kirim.hubSpotSyncTrigger',
		{ subscriptionTypes: ['contact.creation', 'contact.propertyChange'], options: {} },
		{ hubSpotSyncApi: { id: credential.id, name: 'HubSpot Sync (e2e)' } },
	);
	workflowId = (await n8n.rest.createWorkflow(wf.workflow)).id;
	await n8n.rest.activate(workflowId);
	await n8n.waitForWebhook(wf.path);
	url = `${n8n.url}/webhook/${wf.path}`;
	// A batch window wide enough that 100 creations travel in one request, as HubSpot batches them.
	sim.webhooks.configure({ targetUrl: url, signatureVersion: 'v3', batchWindowMs: 500 });
	sim.webhooks.subscribe('contact.creation');
}, 240_000);

afterAll(async () => {
	await sim?.close();
	await n8n?.stop();
});

async function post(
	body: string,
	headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const v3Headers = (body: string, timestamp = Date.now()) => ({
	'x-hubspot-signature-v3': signV3(sim.clientSecret, 'POST', url, body, String(timestamp)),
	'x-hubspot-request-timestamp': String(timestamp),
});

describe('HubSpot Sync Trigger in real n8n', () => {
	let expected = 0;
	let firstBatch = '';

	test('a signed batch of 100 creations → one execution with 100 items, sorted by occurredAt', async () => {
		for (let i = 0; i < 100; i++) sim.ui.create('contacts', { email: `e2e-${i}@example.test`, firstname: `E2E ${i}` });
		await sim.webhooks.idle();
		const sent = sim.webhooks.sent;
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ events: 100, status: 200 });
		firstBatch = sent[0].body;
		expected += 1;
		const [execution] = await n8n.executionsSettled(workflowId, expected, 60_000, 1500, true);
		const items = outputItems(execution, 'Trigger');
		expect(items).toHaveLength(100);
		const occurred = items.map((item) => Number(item.occurredAt));
		expect([...occurred].sort((a, b) => a - b)).toEqual(occurred);
		expect(new Set(items.map((item) => item.objectId)).size).toBe(100);
	}, 120_000);

	test('forged, stale and v3-stripped requests → 401 and no execution', async () => {
		const body = firstBatch.replace(/"attemptNumber":0/g, '"attemptNumber":1');
		const forged = await post(body, {
			...v3Headers(body),
			'x-hubspot-signature-v3': signV3('not-the-secret', 'POST', url, body, String(Date.now())),
		});
		expect(forged).toMatchObject({ status: 401, body: { reason: 'no_matching_signature' } });
		const stale = await post(body, v3Headers(body, Date.now() - 6 * 60_000));
		expect(stale.status).toBe(401);
		const stripped = await post(body, {
			'x-hubspot-signature': signV1(sim.clientSecret, body),
			'x-hubspot-signature-version': 'v1',
		});
		expect(stripped.status).toBe(401);
		expect(await n8n.executionsSettled(workflowId, expected, 5_000, 1000)).toHaveLength(expected);
	}, 60_000);

	test('the same batch retried (attemptNumber 1, fresh signature) → 2xx and no execution', async () => {
		const retry = firstBatch.replace(/"attemptNumber":0/g, '"attemptNumber":1');
		const answer = await post(retry, v3Headers(retry));
		expect(answer).toMatchObject({ status: 200, body: { received: 100, emitted: 0, duplicates: 100 } });
		expect(await n8n.executionsSettled(workflowId, expected, 5_000, 1000)).toHaveLength(expected);
	}, 60_000);

	test('20 concurrent copies of a new batch → exactly one execution', async () => {
		const now = Date.now();
		const events: WebhookEvent[] = Array.from({ length: 10 }, (_, i) => ({
			objectId: 900_000 + i,
			propertyName: 'firstname',
			propertyValue: `Copy ${i}`,
			changeSource: 'CRM_UI',
			sourceId: 'userId:74322246',
			eventId: 5_000 + i,
			subscriptionId: 7,
			portalId: sim.portalId,
			appId: sim.appId,
			occurredAt: now + i,
			subscriptionType: 'contact.propertyChange',
			attemptNumber: 0,
		}));
		const body = JSON.stringify(events);
		const answers = await Promise.all(Array.from({ length: 20 }, () => post(body, v3Headers(body))));
		// Copies that arrive before n8n answered the first get 503 (HubSpot retries them); the rest are duplicates.
		expect(answers.every((a) => a.status === 200 || (a.status === 503 && a.body.error === 'in_flight'))).toBe(true);
		expect(answers.filter((a) => a.body.emitted === 10)).toHaveLength(1);
		const refused = answers.filter((a) => a.status === 503).length;
		for (let retry = 0; retry < refused; retry++) {
			expect(await post(body, v3Headers(body))).toMatchObject({ status: 200, body: { emitted: 0, duplicates: 10 } });
		}
		expected += 1;
		expect(await n8n.executionsSettled(workflowId, expected, 30_000, 2000)).toHaveLength(expected);
	}, 60_000);
});

/** Why n8n could not activate a workflow in the background, once it says so (undefined until then). */
async function activationFailure(id: string): Promise<string | undefined> {
	const status = await n8n.rest.raw('GET', `/rest/workflows/${id}/publication-status`);
	if (status.status === 200) {
		const { triggers } = (JSON.parse(status.text) as { data: { triggers?: Array<{ errorMessage?: string | null }> } })
			.data;
		const messages = (triggers ?? []).map((t) => t.errorMessage).filter(Boolean);
		if (messages.length) return messages.join('; ');
	}
	const error = await n8n.rest.json<{ data: string | null }>('GET', `/rest/active-workflows/error/${id}`);
	return error.data ?? undefined;
}

describe('HubSpot Sync Trigger with a service key in real n8n', () => {
	test('activation is refused, and n8n shows why (HubSpot sends webhooks only for apps)', async () => {
		const credential = await n8n.rest.createCredential('HubSpot service key (e2e)', 'hubSpotSyncApi', {
			appType: 'serviceKey',
			accessToken: sim.token,
			baseUrl: sim.url,
		});
		const wf = triggerWorkflow(
			'HubSpot Sync Trigger with a service key',
			'n8n-nodes-kirim.hubSpotSyncTrigger',
			{ subscriptionTypes: ['contact.creation'], options: {} },
			{ hubSpotSyncApi: { id: credential.id, name: 'HubSpot service key (e2e)' } },
		);
		const id = (await n8n.rest.createWorkflow(wf.workflow)).id;
		// n8n 2.30 refuses the activation request itself. 2.41's publication service answers it first and then
		// activates in the background: the failure is the trigger's status in the workflow's publication status
		// (GET /rest/workflows/:id/publication-status, what the editor shows), or an activation error.
		const refusedAtOnce = await n8n.rest.activate(id).then(
			() => undefined,
			(error: Error) => error.message,
		);
		const reason = refusedAtOnce ?? (await waitFor(() => activationFailure(id), 30_000, 'the activation failure', n8n));
		expect(reason).toMatch(/service key cannot receive webhooks/);
		const response = await fetch(`${n8n.url}/webhook/${wf.path}`, { method: 'POST', body: '[]' });
		expect(response.status).toBe(404);
	}, 60_000);
});
