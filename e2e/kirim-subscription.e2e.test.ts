import { startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { packedPackage, triggerWorkflow } from './harness/workflows';
import { waitFor } from './harness/wait';

/**
 * The managed subscription in real n8n: the signing secret Kirim issued is not in what n8n shows of the workflow
 * (the editor's REST API, the public API), yet deliveries signed with it verify. Runs on every n8n the suite runs
 * against.
 */
let kirim: KirimSimulator;
let n8n: N8nInstance;

beforeAll(async () => {
	// Kirim's 31 h retry schedule at 1/10 000: a delivery to a stopped n8n is dead after about 11 s.
	kirim = await startKirimSimulator({ allowHttpWebhooks: true, webhookTimeScale: 0.0001, minDeliveryTimeoutMs: 8000 });
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
});

afterAll(async () => {
	await n8n?.stop();
	await kirim?.close();
});

async function withLog<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		(error as Error).message += `\n--- n8n log (tail) ---\n${n8n.logTail()}`;
		throw error;
	}
}

interface SavedWorkflow {
	staticData?: Record<string, { subscription?: { id?: string; sealedSecret?: string }; replayLedger?: { replayed?: string[] } }> | null;
}

/** The workflow as the editor loads it. */
async function editorView(id: string): Promise<{ text: string; workflow: SavedWorkflow }> {
	const response = await n8n.rest.raw('GET', `/rest/workflows/${id}`);
	expect(response.status).toBe(200);
	return { text: response.text, workflow: (JSON.parse(response.text) as { data: SavedWorkflow }).data };
}

async function activatedTrigger(name: string, options: Record<string, unknown>): Promise<{ workflowId: string; subscriptionId: string; secret: string }> {
	const credential = await n8n.rest.createCredential(`Kirim for ${name}`, 'kirimSyncApi', {
		apiKey: kirim.apiKey,
		baseUrl: kirim.url,
		pathStyle: 'phoneScoped',
		phoneNumberId: kirim.phoneNumberIds[0],
	});
	const wf = triggerWorkflow(name, 'n8n-nodes-kirim.kirimTrigger', { subscriptionMode: 'managed', events: ['contact.created'], options }, {
		kirimSyncApi: { id: credential.id, name: `Kirim for ${name}` },
	});
	const workflowId = (await n8n.rest.createWorkflow(wf.workflow)).id;
	await n8n.rest.activate(workflowId);
	await n8n.waitForWebhook(wf.path);
	const url = `${n8n.url}/webhook/${wf.path}`;
	const subscription = await waitFor(() => [...kirim.store.subscriptions.values()].find((s) => s.url === url), 20_000, `the subscription of ${name}`, n8n);
	// Static data is saved once activation is done: wait until the editor sees the record.
	await waitFor(async () => (await editorView(workflowId)).workflow.staticData?.['node:Trigger']?.subscription?.id === subscription.id, 20_000, 'the saved subscription record', n8n);
	return { workflowId, subscriptionId: subscription.id, secret: subscription.secrets[0].secret };
}

async function createContact(name: string): Promise<void> {
	const created = await fetch(`${kirim.url}/_sim/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
	expect(created.status).toBe(201);
}

const rowsOf = (subscriptionId: string) => [...kirim.store.deliveries.values()].filter((d) => d.subscription_id === subscriptionId);

describe('the managed signing secret in real n8n', () => {
	test('neither the editor’s GET /rest/workflows/:id nor the public API holds the secret Kirim issued; a signed delivery still runs', async () => {
		await withLog(async () => {
			const { workflowId, subscriptionId, secret } = await activatedTrigger('Sealed secret e2e', {});
			const editor = await editorView(workflowId);
			const record = editor.workflow.staticData?.['node:Trigger']?.subscription;
			expect(record).toMatchObject({ id: subscriptionId, sealedSecret: expect.any(String) });
			expect(editor.text).not.toContain(secret);
			expect(editor.text).not.toContain(secret.slice('whsec_'.length, 'whsec_'.length + 12));
			const publicApi = await n8n.rest.raw('GET', `/api/v1/workflows/${workflowId}`);
			expect(publicApi.status).toBe(200);
			expect(publicApi.text).toContain(subscriptionId);
			expect(publicApi.text).not.toContain(secret);
			expect(publicApi.text).not.toContain(secret.slice('whsec_'.length, 'whsec_'.length + 12));

			await createContact('Sealed E2E');
			await kirim.sender.idle();
			const delivery = rowsOf(subscriptionId).at(-1)!;
			expect(delivery.attempts.map((a) => a.response_status_code)).toEqual([200]);
			const executions = await n8n.executionsSettled(workflowId, 1);
			expect(executions.map((e) => e.status)).toEqual(['success']);
			expect(n8n.log()).not.toContain(secret);

			await n8n.rest.deactivate(workflowId);
			await waitFor(() => !kirim.store.subscriptions.has(subscriptionId), 20_000, 'the subscription deleted', n8n);
		});
	}, 120_000);
});
