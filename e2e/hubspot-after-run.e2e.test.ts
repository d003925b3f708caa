import { startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { startKirimSimulator, type KirimSimulator } from '../simulators/kirim';
import { N8nInstance } from './harness/n8n';
import { createSandboxCredentials } from './harness/sandbox-credentials';
import { ensureSyncProperties } from '../testkit/sandbox';
import { exampleWorkflow, nodeOf, packedPackage } from './harness/workflows';
import { waitFor } from './harness/wait';

// n8n 2.30.8 and 2.41.1 (both versions CI runs). The HubSpot → Kirim example with the trigger's "Respond When the
// Workflow Finishes" on, fed by the HubSpot simulator's own signed, retried webhooks: a Kirim write that fails makes
// HubSpot retry the batch and the retry writes; the same failure through the answer-at-once URL is lost.
let kirim: KirimSimulator;
let hubspot: HubSpotSimulator;
let n8n: N8nInstance;
let workflowId = '';
let webhookId = '';
let kirimId = '';
let hubspotId = '';

beforeAll(async () => {
	kirim = await startKirimSimulator();
	// HubSpot's retry delays (1 min, 5 min, …) scaled down 1000×; its 5-second answer deadline kept.
	hubspot = await startHubSpotSimulator({ webhookTimeScale: 0.001 });
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
	const credentials = await createSandboxCredentials(n8n.rest, kirim, hubspot);
	await ensureSyncProperties(hubspot);
	const workflow = exampleWorkflow('hubspot-to-kirim.json', credentials);
	const trigger = nodeOf(workflow, 'HubSpot Sync Trigger');
	trigger.parameters = { ...trigger.parameters, options: { respondWhenFinished: true } };
	webhookId = trigger.webhookId!;
	workflowId = (await n8n.rest.createWorkflow(workflow)).id;
	await n8n.rest.activate(workflowId);
	await n8n.waitForWebhook(`${webhookId}/webhook-after-run`);
	const contact = kirim.store.addContact(
		{ phone_number: '+6281234500001', name: 'Ayu Lestari', email: 'ayu@example.com' },
		kirim.phoneNumberIds[0],
	);
	kirimId = contact.id;
	hubspotId = hubspot.ui.create('contacts', {
		firstname: 'Ayu',
		lastname: 'Lestari',
		email: 'ayu@example.com',
		kirim_contact_id: kirimId,
	}).id;
	hubspot.webhooks.subscribe('contact.propertyChange', 'firstname');
}, 240_000);

afterAll(async () => {
	await n8n?.stop();
	await kirim?.close();
	await hubspot?.close();
});

/** Kirim answers 503 to every contact write, more times than one run's retries use up. */
function kirimDown(): void {
	kirim.pipeline.faults.add({
		match: { method: 'PATCH', path: '*' },
		action: { kind: 'server-error', status: 503 },
		times: 5,
	});
}

const runs = async () => await n8n.rest.executions(workflowId, false);

describe('HubSpot Sync Trigger: Respond When the Workflow Finishes (real n8n)', () => {
	test('answer-at-once URL: Kirim refuses the write → the run fails, HubSpot got 200 and never retries', async () => {
		hubspot.webhooks.configure({ targetUrl: `${n8n.url}/webhook/${webhookId}/webhook`, batchWindowMs: 50 });
		kirimDown();
		hubspot.ui.update('contacts', hubspotId, { firstname: 'Ayuu' });
		const [run] = await n8n.executionsSettled(workflowId, 1, 60_000, 1000);
		await hubspot.webhooks.idle();
		expect(run.status).toBe('error');
		expect(hubspot.webhooks.sent.map((s) => [s.attempt, s.status])).toEqual([[0, 200]]);
		expect(kirim.store.contacts.get(kirimId)?.name).toBe('Ayu Lestari');
		kirim.pipeline.faults.clear();
	}, 120_000);

	test('after-run URL: Kirim refuses the write → n8n answers 500, HubSpot retries, the retry writes once', async () => {
		hubspot.webhooks.configure({ targetUrl: `${n8n.url}/webhook/${webhookId}/webhook-after-run` });
		const sentBefore = hubspot.webhooks.sent.length;
		kirimDown();
		hubspot.ui.update('contacts', hubspotId, { firstname: 'Ayunda' });
		await waitFor(
			() => kirim.store.contacts.get(kirimId)?.name === 'Ayunda Lestari',
			90_000,
			'the retried write in Kirim',
			n8n,
		);
		await hubspot.webhooks.idle();
		const all = await n8n.executionsSettled(workflowId, 3, 30_000, 3000);
		// The first test's failed run, this batch's failed run, and the retry's successful one: no other run.
		expect(all.map((e) => e.status).sort()).toEqual(['error', 'error', 'success']);
		const sent = hubspot.webhooks.sent.slice(sentBefore);
		// The first attempt failed (500 after the run, or HubSpot's 5-second deadline passed while Kirim was retried);
		// copies meeting the run still going got 503; the last attempt was answered 2xx.
		expect(sent[0].attempt).toBe(0);
		expect(sent[0].status === 500 || sent[0].error !== undefined).toBe(true);
		expect(sent.slice(1, -1).every((s) => s.status === 503 || s.status === 500)).toBe(true);
		expect(sent.at(-1)!.status).toBe(200);
		expect(kirim.pipeline.log.entries.filter((e) => e.method === 'PATCH' && e.status === 200)).toHaveLength(1);
		expect(await runs()).toHaveLength(3);
	}, 150_000);
});
