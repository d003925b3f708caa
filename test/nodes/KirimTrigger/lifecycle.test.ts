import type { IDataObject } from 'n8n-workflow';

import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { WEBHOOK_BASE } from '../../harness/engine';
import { lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { credentialTypes } from './fixtures';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ allowHttpWebhooks: true });
});
afterEach(async () => sim.close());

function setup(staticData: IDataObject, events = ['contact.created'], webhookId = 'wh-1', isTest = false): TriggerSetup {
	return {
		trigger: new KirimTrigger(),
		parameters: { subscriptionMode: 'managed', events, signatureCheck: 'verify', options: {} },
		credentialTypes,
		credentials: { kirimSyncApi: { apiKey: sim.apiKey, baseUrl: sim.url, pathStyle: 'phoneScoped', phoneNumberId: sim.phoneNumberIds[0] } },
		staticData,
		webhookId,
		isTest,
	};
}
const subscriptions = () => [...sim.store.subscriptions.values()];

describe('Kirim Trigger subscription lifecycle (managed)', () => {
	test('create registers the production URL with the selected events and keeps id and secret in static data', async () => {
		const staticData: IDataObject = {};
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(false);
		expect(await lifecycle(setup(staticData), 'create')).toBe(true);
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0]).toMatchObject({ url: `${WEBHOOK_BASE}/webhook/wh-1/webhook`, events: ['contact.created'], status: 'active' });
		expect(subscriptions()[0].description).toContain('n8n workflow');
		expect(staticData).toMatchObject({ subscriptionId: subscriptions()[0].id, secret: subscriptions()[0].secrets[0].secret });
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
	});

	test('"Listen for test event" registers the test URL', async () => {
		await lifecycle(setup({}, ['contact.created'], 'wh-t', true), 'create');
		expect(subscriptions()[0].url).toBe(`${WEBHOOK_BASE}/webhook-test/wh-t/webhook`);
	});

	test('a subscription deleted in Kirim (404) is recreated', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		sim.store.subscriptions.clear();
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(false);
		expect(staticData.subscriptionId).toBeUndefined();
	});

	test('a disabled subscription is set back to active; a changed event list is patched', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		subscriptions()[0].status = 'disabled';
		expect(await lifecycle(setup(staticData, ['contact.created', 'conversation.closed']), 'checkExists')).toBe(true);
		expect(subscriptions()[0]).toMatchObject({ status: 'active', events: ['contact.created', 'conversation.closed'] });
	});

	test('"All events" subscribes to the canonical catalog only', async () => {
		await lifecycle(setup({}, ['*']), 'create');
		expect(subscriptions()[0].events).toEqual(['message.received', 'message.status', 'message.created', 'conversation.assigned', 'conversation.closed', 'contact.created', 'contact.updated']);
	});

	test('a duplicated workflow (same stored id, another URL) gets its own subscription; the other is untouched', async () => {
		const original: IDataObject = {};
		await lifecycle(setup(original, ['contact.created'], 'wh-a'), 'create');
		const copy = JSON.parse(JSON.stringify(original)) as IDataObject;
		expect(await lifecycle(setup(copy, ['contact.updated'], 'wh-b'), 'checkExists')).toBe(false);
		await lifecycle(setup(copy, ['contact.updated'], 'wh-b'), 'create');
		expect(subscriptions()).toHaveLength(2);
		expect(subscriptions().find((s) => s.id === original.subscriptionId)).toMatchObject({ events: ['contact.created'], url: `${WEBHOOK_BASE}/webhook/wh-a/webhook` });
	});

	test('"Respond When the Workflow Finishes" subscribes the after-run URL; toggling it moves our own subscription', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const after = setup(staticData);
		after.parameters.options = { respondWhenFinished: true };
		expect(await lifecycle(after, 'checkExists')).toBe(true);
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0].url).toBe(`${WEBHOOK_BASE}/webhook/wh-1/webhook-after-run`);
	});

	test('a transient Kirim error keeps the route registered (and says so in the log)', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		sim.pipeline.faults.add({ action: { kind: 'server-error', status: 503 }, times: 10 });
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(true);
		expect(staticData.subscriptionId).toBeDefined();
	}, 60_000);

	test('a wrong API key is an error, not a silent false', async () => {
		const s = setup({ subscriptionId: 'wbs_01HXYZABCDEFGHJKMNPQRSTVWX', url: `${WEBHOOK_BASE}/webhook/wh-1/webhook` });
		s.credentials!.kirimSyncApi.apiKey = 'kdv_live_wrongwrongwrongwrongwrong';
		await expect(lifecycle(s, 'checkExists')).rejects.toThrow('The API key is not valid');
	});

	test('Kirim refusing a plain-http URL is reported with the hint', async () => {
		const strict = await startKirimSimulator();
		const s = setup({});
		s.credentials!.kirimSyncApi.baseUrl = strict.url;
		s.credentials!.kirimSyncApi.apiKey = strict.apiKey;
		await expect(lifecycle(s, 'create')).rejects.toMatchObject({ message: expect.stringContaining('invalid_webhook_url'), description: expect.stringContaining('N8N_WEBHOOK_URL') });
		await strict.close();
	});

	test('delete removes the subscription and forgets it; a subscription already gone is fine', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		expect(await lifecycle(setup(staticData), 'delete')).toBe(true);
		expect(subscriptions()).toHaveLength(0);
		expect(staticData).toEqual({});
		const gone: IDataObject = { subscriptionId: 'wbs_01HXYZABCDEFGHJKMNPQRSTVWX' };
		expect(await lifecycle(setup(gone), 'delete')).toBe(true);
	});

	test('existing-subscription mode registers nothing', async () => {
		const s = setup({});
		s.parameters.subscriptionMode = 'existing';
		expect(await lifecycle(s, 'checkExists')).toBe(true);
		expect(await lifecycle(s, 'create')).toBe(true);
		expect(subscriptions()).toHaveLength(0);
	});
});
