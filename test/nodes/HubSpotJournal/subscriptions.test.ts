import { HubSpotJournalOAuth2Api } from '../../../credentials/HubSpotJournalOAuth2Api.credentials';
import { HubSpotJournal } from '../../../nodes/HubSpotJournal/HubSpotJournal.node';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { runNode } from '../../harness/run-node';

// HubSpot Journal through n8n-core against the simulator: n8n fetches the app's client-credentials token for the
// credential, lists the app's journal subscriptions and deletes one — the explicit step that removes what the
// HubSpot Journal Trigger created.

let sim: HubSpotSimulator;
beforeEach(async () => {
	sim = await startHubSpotSimulator();
});
afterEach(() => sim.close());

const run = (parameters: Record<string, unknown>, input = [{}], continueOnFail = false) =>
	runNode({
		node: new HubSpotJournal(),
		parameters: parameters as never,
		input,
		continueOnFail,
		credentialTypes: { hubSpotJournalOAuth2Api: new HubSpotJournalOAuth2Api() },
		credentials: {
			hubSpotJournalOAuth2Api: {
				grantType: 'clientCredentials',
				clientId: sim.oauth.clientId,
				clientSecret: sim.clientSecret,
				accessTokenUrl: `${sim.url}/oauth/v3/token`,
				scope:
					'developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read developer.webhooks_journal.subscriptions.write crm.objects.contacts.read',
				authentication: 'body',
				portalId: sim.portalId,
				baseUrl: sim.url,
			},
		},
	});

const subscribe = () =>
	sim.journal.upsert({ subscriptionType: 'OBJECT', objectTypeId: '0-1', portalId: sim.portalId, actions: ['UPDATE'] });

describe('HubSpot Journal: subscriptions', () => {
	test('Get Many lists the app’s subscriptions with the client-credentials token n8n fetched', async () => {
		const created = subscribe();
		const result = await run({ resource: 'subscription', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ id: created.id, objectTypeId: '0-1' })]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(sim.oauth.tokenRequests.map((r) => r.grant_type)).toEqual(['client_credentials']);
	});

	test('Delete removes the subscription; an ID that is not numeric is refused per item', async () => {
		const created = subscribe();
		const result = await run(
			{ resource: 'subscription', operation: 'delete', subscriptionId: '={{ $json.id }}' },
			[{ id: String(created.id) }, { id: 'sub_1' }],
			true,
		);
		expect(result.items.map((i) => i.json)).toEqual([
			{ deleted: true, subscriptionId: String(created.id) },
			expect.objectContaining({ error: expect.stringContaining('"sub_1" is not a journal subscription ID') }),
		]);
		expect(sim.journal.subscriptions).toEqual([]);
	});

	test('deleting a subscription that does not exist fails as a 404 and deletes nothing', async () => {
		subscribe();
		const result = await run({ resource: 'subscription', operation: 'delete', subscriptionId: '999999' });
		expect(result.error?.message).toContain('No journal subscription 999999');
		expect(result.error?.httpCode).toBe('404');
		expect(sim.journal.subscriptions).toHaveLength(1);
	});
});

describe('HubSpot Journal: sending', () => {
	test('a 503 from HubSpot is retried like every other HubSpot call, and the list still comes back', async () => {
		const created = subscribe();
		sim.pipeline.faults.add({
			match: { path: '/webhooks-journal/subscriptions/2026-03' },
			action: { kind: 'server-error', status: 503 },
		});
		const result = await run({ resource: 'subscription', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id)).toEqual([created.id]);
		const lists = sim.pipeline.log.entries.filter((e) => e.path === '/webhooks-journal/subscriptions/2026-03');
		expect(lists.map((e) => e.status)).toEqual([503, 200]);
	});
});

describe('HubSpot Journal as an AI tool', () => {
	test('it lists but refuses to delete, before any request is sent', async () => {
		const { router } = await import('../../../nodes/HubSpotJournal/actions/router');
		const ctx = {
			isToolExecution: () => true,
			getNode: () => ({ name: 'HubSpot Journal', type: 'n8n-nodes-kirim.hubSpotJournal', typeVersion: 1 }),
			getNodeParameter: (name: string) => (name === 'resource' ? 'subscription' : 'delete'),
			getCredentials: async () => {
				throw new Error('no request may be prepared');
			},
		};
		await expect(router.call(ctx as never)).rejects.toThrow('does not run "delete" for an AI agent');
	});
});
