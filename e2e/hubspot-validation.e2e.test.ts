import { randomUUID } from 'node:crypto';

import { addSyncProperties, startHubSpotSimulator, type HubSpotSimulator } from '../simulators/hubspot';
import { N8nInstance } from './harness/n8n';
import { callWebhook, packedPackage, SPLIT_BODY_ITEMS, webhookChain, type ChainedNode } from './harness/workflows';
import { items, jobTitleRule, kirimId, OFFENDING, stageOf, upsertParameters } from '../testkit/validation-rule-case';

// HubSpot 2026-09 applies the portal's own validation rules to API writes. In real n8n, HubSpot Sync writes eight
// contacts of which two break a rule: whether HubSpot refuses the batch whole or per record (it documents neither),
// exactly those two items fail with HubSpot's message naming the property, and the six others are written.

let n8n: N8nInstance;
const sims: HubSpotSimulator[] = [];

beforeAll(async () => {
	n8n = await N8nInstance.start({ packages: [packedPackage()] });
}, 240_000);

afterAll(async () => {
	for (const sim of sims) await sim.close();
	await n8n?.stop();
});

/** Webhook → Split Out → HubSpot Sync (Create or Update, Continue On Fail), answered with every output item. */
async function syncThroughN8n(sim: HubSpotSimulator): Promise<Array<Record<string, unknown>>> {
	const credential = await n8n.rest.createCredential(`HubSpot ${sim.url}`, 'hubSpotSyncApi', {
		accessToken: sim.token,
		clientSecret: sim.clientSecret,
		appId: String(sim.appId),
		baseUrl: sim.url,
	});
	const path = `validation-${randomUUID().slice(0, 8)}`;
	const upsert: ChainedNode = {
		name: 'Upsert in HubSpot',
		type: 'n8n-nodes-kirim.hubSpotSync',
		typeVersion: 1,
		onError: 'continueRegularOutput',
		parameters: upsertParameters,
		credentials: { hubSpotSyncApi: { id: credential.id, name: `HubSpot ${sim.url}` } },
	};
	const id = (
		await n8n.rest.createWorkflow(webhookChain(`HubSpot validation rules ${path}`, path, [SPLIT_BODY_ITEMS, upsert]))
	).id;
	await n8n.rest.activate(id);
	await n8n.waitForWebhook(path);
	return await callWebhook(n8n.url, path, { items });
}

describe.each(['whole', 'per-input'] as const)('HubSpot Sync in real n8n, portal rules answered %s', (batch) => {
	test('only the two records that break the rule fail, naming the property; the six others are written', async () => {
		const sim = await startHubSpotSimulator({
			validation: { batch, rules: jobTitleRule },
		});
		sims.push(sim);
		addSyncProperties(sim.store);
		const output = await syncThroughN8n(sim);
		expect(output).toHaveLength(8);
		const failed = output.flatMap((item, n) => (item.error === undefined ? [] : [n]));
		expect(failed).toEqual(OFFENDING);
		for (const n of failed)
			expect(`${String(output[n].error)} ${String(output[n].description ?? '')}`).toMatch(/jobtitle/);
		for (const n of [0, 1, 3, 4, 6, 7]) {
			const written = sim.store.findBy('contacts', 'kirim_contact_id', kirimId(n));
			expect(written?.properties.lifecyclestage).toBe(stageOf(n));
		}
	}, 120_000);
});
