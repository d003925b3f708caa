import type { IDataObject } from 'n8n-workflow';

import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { WEBHOOK_BASE } from '../../harness/engine';
import { observeReplays, seedDeliveries, type DeadLetter } from '../../harness/kirim-dead-letters';
import { lifecycle, type TriggerSetup } from '../../harness/trigger-context';
import { credentialTypes } from './fixtures';
import { KirimTrigger } from '../../../nodes/KirimTrigger/KirimTrigger.node';
import { replaysInProgress } from '../../../nodes/KirimTrigger/replay-on-activation';
import { settleRemovals } from '../../../nodes/KirimTrigger/subscription-memory';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ allowHttpWebhooks: true });
});
afterEach(async () => sim.close());

function setup(
	staticData: IDataObject,
	events = ['contact.created'],
	webhookId = 'wh-1',
	isTest = false,
): TriggerSetup {
	return {
		trigger: new KirimTrigger(),
		parameters: { subscriptionMode: 'managed', events, signatureCheck: 'verify', options: {} },
		credentialTypes,
		credentials: {
			kirimSyncApi: {
				apiKey: sim.apiKey,
				baseUrl: sim.url,
				pathStyle: 'phoneScoped',
				phoneNumberId: sim.phoneNumberIds[0],
			},
		},
		staticData,
		webhookId,
		isTest,
	};
}
const subscriptions = () => [...sim.store.subscriptions.values()];
/** The subscription id the trigger keeps in static data (format 1: the `subscription` record). */
const storedId = (staticData: IDataObject) =>
	(staticData.subscription as IDataObject | undefined)?.id as string | undefined;

describe('Kirim Trigger subscription lifecycle (managed)', () => {
	test('create registers the production URL with the selected events and keeps id and sealed secret in static data', async () => {
		const staticData: IDataObject = {};
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(false);
		expect(await lifecycle(setup(staticData), 'create')).toBe(true);
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0]).toMatchObject({
			url: `${WEBHOOK_BASE}/webhook/wh-1/webhook`,
			events: ['contact.created'],
			status: 'active',
		});
		expect(subscriptions()[0].description).toContain('n8n workflow');
		expect(staticData).toEqual({
			subscription: {
				v: 2,
				id: subscriptions()[0].id,
				sealedSecret: expect.any(String),
				url: subscriptions()[0].url,
				events: ['contact.created'],
			},
		});
		expect(JSON.stringify(staticData)).not.toContain(subscriptions()[0].secrets[0].secret);
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
		expect(storedId(staticData)).toBeUndefined();
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
		expect(subscriptions()[0].events).toEqual([
			'message.received',
			'message.status',
			'message.created',
			'conversation.assigned',
			'conversation.closed',
			'contact.created',
			'contact.updated',
		]);
	});

	test('a duplicated workflow (same stored id, another URL) gets its own subscription; the other is untouched', async () => {
		const original: IDataObject = {};
		await lifecycle(setup(original, ['contact.created'], 'wh-a'), 'create');
		const copy = JSON.parse(JSON.stringify(original)) as IDataObject;
		expect(await lifecycle(setup(copy, ['contact.updated'], 'wh-b'), 'checkExists')).toBe(false);
		await lifecycle(setup(copy, ['contact.updated'], 'wh-b'), 'create');
		expect(subscriptions()).toHaveLength(2);
		expect(subscriptions().find((s) => s.id === storedId(original))).toMatchObject({
			events: ['contact.created'],
			url: `${WEBHOOK_BASE}/webhook/wh-a/webhook`,
		});
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
		expect(storedId(staticData)).toBeDefined();
	}, 60_000);

	test('a wrong API key is an error, not a silent false', async () => {
		// Static data in the previous flat format: still read (state-upgrade.test.ts covers the upgrade itself).
		const s = setup({ subscriptionId: 'wbs_01HXYZABCDEFGHJKMNPQRSTVWX', url: `${WEBHOOK_BASE}/webhook/wh-1/webhook` });
		s.credentials!.kirimSyncApi.apiKey = 'kdv_live_wrongwrongwrongwrongwrong';
		await expect(lifecycle(s, 'checkExists')).rejects.toThrow('The API key is not valid');
	});

	test('Kirim refusing a plain-http URL is reported with the hint', async () => {
		const strict = await startKirimSimulator();
		const s = setup({});
		s.credentials!.kirimSyncApi.baseUrl = strict.url;
		s.credentials!.kirimSyncApi.apiKey = strict.apiKey;
		await expect(lifecycle(s, 'create')).rejects.toMatchObject({
			message: expect.stringContaining('invalid_webhook_url'),
			description: expect.stringContaining('N8N_WEBHOOK_URL'),
		});
		await strict.close();
	});

	test('deactivation: the subscription is removed after the grace period; the next activation finds it gone and makes a new one', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const first = storedId(staticData);
		expect(await lifecycle(setup(staticData), 'delete')).toBe(true);
		expect(subscriptions()).toHaveLength(1); // an edit's check may still take it over
		await settleRemovals();
		expect(subscriptions()).toHaveLength(0);
		expect(storedId(staticData)).toBe(first); // kept until the next check: n8n saved it with delete()
		expect(await lifecycle(setup(staticData), 'checkExists')).toBe(false);
		expect(staticData).toEqual({});
		await lifecycle(setup(staticData), 'create');
		expect(storedId(staticData)).not.toBe(first);
		const gone: IDataObject = { subscription: { v: 2, id: 'wbs_01HXYZABCDEFGHJKMNPQRSTVWX' } };
		expect(await lifecycle(setup(gone), 'delete')).toBe(true);
		await settleRemovals();
	});

	test('"Listen for test event": delete removes the test subscription at once and forgets it', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData, ['contact.created'], 'wh-t', true), 'create');
		expect(await lifecycle(setup(staticData, ['contact.created'], 'wh-t', true), 'delete')).toBe(true);
		expect(subscriptions()).toHaveLength(0);
		expect(staticData).toEqual({});
	});

	test('existing-subscription mode registers nothing', async () => {
		const s = setup({});
		s.parameters.subscriptionMode = 'existing';
		expect(await lifecycle(s, 'checkExists')).toBe(true);
		expect(await lifecycle(s, 'create')).toBe(true);
		expect(subscriptions()).toHaveLength(0);
	});
});

describe('Kirim Trigger: "Replay dead-lettered deliveries on activation"', () => {
	const T0 = Date.parse('2026-11-20T00:00:00.000Z');
	let replayed: string[];

	/** 2 300 dead in three windows, 1 001 dead in one millisecond (over the cap), 4 failed, 3 delivered (not replayed). */
	function deadLetters(subscriptionId: string): string[] {
		const range = (count: number, row: (i: number) => DeadLetter) => Array.from({ length: count }, (_, i) => row(i));
		const replayable = seedDeliveries(sim, subscriptionId, [
			...range(2300, (i) => ({ n: i, atMs: T0 + i * 3 })),
			...range(1001, (i) => ({ n: 10_000 + i, atMs: T0 + 60_000 })),
			...range(4, (i) => ({ n: 20_000 + i, atMs: T0 + 90_000 + i, status: 'failed' })),
		]);
		seedDeliveries(
			sim,
			subscriptionId,
			range(3, (i) => ({ n: 30_000 + i, atMs: T0 + i, status: 'delivered' })),
		);
		return replayable;
	}

	beforeEach(async () => {
		// Kirim's default tier allows 60 writes a minute; the replay honours that, the test would wait for it.
		await sim.close();
		sim = await startKirimSimulator({
			allowHttpWebhooks: true,
			tier: { writePerMinute: 100_000, readPerMinute: 100_000 },
		});
		replayed = observeReplays(sim);
	});

	const withReplay = (staticData: IDataObject, isTest = false) => {
		const s = setup(staticData, ['contact.created'], 'wh-1', isTest);
		s.parameters.options = { replayDeadLettersOnActivation: true };
		return s;
	};

	test('activation replays every dead or failed delivery exactly once, in windows under the cap', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		const expected = deadLetters(storedId(staticData)!);
		expect(await lifecycle(withReplay(staticData), 'checkExists')).toBe(true);
		await replaysInProgress.get(storedId(staticData)!);
		expect(replayed).toHaveLength(expected.length);
		expect(new Set(replayed)).toEqual(new Set(expected));
		const bulk = sim.pipeline.log.entries.filter((r) => r.path === '/v1/webhook_deliveries/bulk_replay');
		expect(bulk).toHaveLength(4); // 2 300 in three windows, 4 failed in one; the 1 001 of one millisecond one by one
		expect(bulk.every((r) => r.status === 200 && typeof r.idempotencyKey === 'string')).toBe(true);
	});

	test('off by default, and never for "Listen for test event"', async () => {
		const staticData: IDataObject = {};
		await lifecycle(setup(staticData), 'create');
		deadLetters(storedId(staticData)!);
		await lifecycle(setup(staticData), 'checkExists');
		const testData: IDataObject = {};
		await lifecycle(setup(testData, ['contact.created'], 'wh-1', true), 'create');
		deadLetters(storedId(testData)!);
		await lifecycle(withReplay(testData, true), 'checkExists');
		expect(replaysInProgress.size).toBe(0);
		expect(replayed).toEqual([]);
	});
});
