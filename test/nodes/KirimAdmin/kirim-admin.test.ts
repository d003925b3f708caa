import type { IDataObject } from 'n8n-workflow';

import { KirimAdmin } from '../../../nodes/KirimAdmin/KirimAdmin.node';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { observeReplays, seedDeliveries } from '../../harness/kirim-dead-letters';
import { runKirimNode } from '../../harness/run-kirim-node';

let sim: KirimSimulator;
beforeEach(async () => {
	sim = await startKirimSimulator({ tier: { writePerMinute: 100_000, readPerMinute: 100_000 } });
});
afterEach(async () => sim.close());

const admin = (parameters: IDataObject, input?: IDataObject[], continueOnFail?: boolean) =>
	runKirimNode(sim, new KirimAdmin(), parameters, input, continueOnFail);

/** A subscription made through Kirim's API, as a person or another tool would; returns its id and initial secret. */
async function subscribe(): Promise<{ id: string; secret: string }> {
	const response = await fetch(`${sim.url}/v1/webhook_subscriptions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ url: 'https://hooks.example.com/kirim', events: ['contact.created'] }),
	});
	const { data } = (await response.json()) as { data: { id: string; initial_secret: string } };
	return { id: data.id, secret: data.initial_secret };
}

describe('Kirim Admin: webhook subscriptions', () => {
	test('Get Many and Get never output a secret, even when Kirim sends one', async () => {
		const { id, secret } = await subscribe();
		// The simulator never returns plaintext here; Kirim's undocumented responses might: make it do so once each.
		const leaky = {
			id,
			object: 'webhook_subscription',
			url: 'https://hooks.example.com/kirim',
			initial_secret: secret,
			secrets: [{ id: 'sec_1', secret, expires_at: null }],
		};
		sim.pipeline.faults.add({
			match: { path: '/v1/webhook_subscriptions' },
			action: {
				kind: 'respond',
				response: { status: 200, body: { data: [leaky], has_more: false, next_cursor: null } },
			},
		});
		sim.pipeline.faults.add({
			match: { path: `/v1/webhook_subscriptions/${id}` },
			action: { kind: 'respond', response: { status: 200, body: { data: leaky } } },
		});
		const many = await admin({ resource: 'subscription', operation: 'getAll', returnAll: true });
		expect(many.items.map((i) => i.json.id)).toEqual([id]);
		const one = await admin({ resource: 'subscription', operation: 'get', subscriptionId: id });
		expect(one.items[0].json).toMatchObject({
			id,
			url: 'https://hooks.example.com/kirim',
			secrets: [{ id: 'sec_1', expires_at: null }],
		});
		expect(JSON.stringify([many.items, one.items])).not.toContain(secret);
	});

	test('Update pauses and resumes; nothing filled in is an error that sends nothing', async () => {
		const { id } = await subscribe();
		await admin({
			resource: 'subscription',
			operation: 'update',
			subscriptionId: id,
			updateFields: { status: 'paused' },
		});
		expect(sim.store.subscriptions.get(id)?.status).toBe('paused');
		await admin({
			resource: 'subscription',
			operation: 'update',
			subscriptionId: id,
			updateFields: { status: 'active', events: ['contact.updated'] },
		});
		expect(sim.store.subscriptions.get(id)).toMatchObject({ status: 'active', events: ['contact.updated'] });
		const empty = await admin({ resource: 'subscription', operation: 'update', subscriptionId: id, updateFields: {} });
		expect(empty.error?.message).toContain('Nothing to update');
		expect(sim.pipeline.log.count('PATCH', `/v1/webhook_subscriptions/${id}`)).toBe(2);
	});

	test('Rotate Secret refuses, sending nothing, unless "Output the New Secret" is on; then it outputs it once', async () => {
		const { id } = await subscribe();
		const refused = await admin({
			resource: 'subscription',
			operation: 'rotateSecret',
			subscriptionId: id,
			expiresInHours: 24,
		});
		expect(refused.error?.message).toContain('Output the New Secret');
		expect(sim.pipeline.log.count('POST', `/v1/webhook_subscriptions/${id}/secrets`)).toBe(0);
		const rotated = await admin({
			resource: 'subscription',
			operation: 'rotateSecret',
			subscriptionId: id,
			expiresInHours: 24,
			outputSecret: true,
		});
		const stored = sim.store.subscriptions.get(id)!.secrets;
		expect(stored).toHaveLength(2);
		expect(rotated.items[0].json).toMatchObject({ subscriptionId: id, id: stored[1].id, secret: stored[1].secret });
		const call = sim.pipeline.log.entries.find((e) => e.path === `/v1/webhook_subscriptions/${id}/secrets`);
		expect(call).toMatchObject({ body: { expires_in_hours: 24 } });
		expect(call?.idempotencyKey).toMatch(/^n8n-/);
	});

	test('Delete Secret removes it; IDs of the wrong kind are refused per item (continueOnFail keeps the rest)', async () => {
		const { id } = await subscribe();
		const first = sim.store.subscriptions.get(id)!.secrets[0].id;
		const result = await admin(
			{ resource: 'subscription', operation: 'deleteSecret', subscriptionId: id, signingKeyId: '={{ $json.secret }}' },
			[{ secret: 'not-an-id' }, { secret: first }],
			true,
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.error).toContain('is not a sec_');
		expect(result.items[1].json).toMatchObject({ id: first, deleted: true });
		expect(sim.store.subscriptions.get(id)!.secrets).toHaveLength(0);
	});
});

describe('Kirim Admin: webhook deliveries', () => {
	const T0 = Date.parse('2026-11-20T00:00:00.000Z');
	let replayed: string[];

	const dead = (subscriptionId: string, count: number, from: number, spacingMs: number, eventType?: string): string[] =>
		seedDeliveries(
			sim,
			subscriptionId,
			Array.from({ length: count }, (_, i) => ({ n: from + i, atMs: T0 + (from + i) * spacingMs, eventType })),
		);

	beforeEach(() => {
		replayed = observeReplays(sim);
	});

	test('Bulk Replay of 2 500 dead deliveries: windows under the cap, each replayed once, totals out', async () => {
		const { id } = await subscribe();
		const ids = dead(id, 2500, 0, 2);
		const result = await admin({ resource: 'delivery', operation: 'bulkReplay', subscriptionId: id, options: {} });
		expect(result.items[0].json).toMatchObject({
			subscriptionId: id,
			found: 2500,
			enqueued: 2500,
			bulkCalls: 3,
			cappedWindows: [],
		});
		expect(replayed.sort()).toEqual(ids.sort());
	});

	test('Bulk Replay honours the time range and event type', async () => {
		const { id } = await subscribe();
		dead(id, 10, 0, 1000, 'contact.created');
		const wanted = dead(id, 5, 100, 1000, 'contact.updated');
		const result = await admin({
			resource: 'delivery',
			operation: 'bulkReplay',
			subscriptionId: id,
			options: {
				createdAfter: new Date(T0 + 99_000).toISOString(),
				createdBefore: new Date(T0 + 200_000).toISOString(),
				eventType: 'contact.updated',
			},
		});
		expect(result.items[0].json).toMatchObject({ found: 5, enqueued: 5 });
		expect(replayed.sort()).toEqual(wanted.sort());
	});

	test('Replay and Bulk Replay refuse an ID of the wrong kind on its item, naming what was expected, and send nothing', async () => {
		const { id } = await subscribe();
		const before = sim.pipeline.log.entries.length;
		const replay = await admin({ resource: 'delivery', operation: 'replay', deliveryId: id }, undefined, true);
		expect(replay.items[0].json.error).toBe(`"${id}" is not a wbd_… delivery ID`);
		const bulk = await admin(
			{ resource: 'delivery', operation: 'bulkReplay', subscriptionId: 'wbd_x', options: {} },
			undefined,
			true,
		);
		expect(bulk.items[0].json.error).toBe('"wbd_x" is not a wbs_… subscription ID');
		expect(sim.pipeline.log.entries.slice(before).filter((e) => e.path.includes('webhook_deliveries'))).toEqual([]);
	});

	test('Bulk Replay refuses a range that ends before it starts', async () => {
		const { id } = await subscribe();
		const result = await admin({
			resource: 'delivery',
			operation: 'bulkReplay',
			subscriptionId: id,
			options: { createdAfter: '2026-11-21T00:00:00Z', createdBefore: '2026-11-20T00:00:00Z' },
		});
		expect(result.error?.message).toContain('Created After must be earlier');
	});

	test('Replay one delivery, with an Idempotency-Key', async () => {
		const { id } = await subscribe();
		const [delivery] = dead(id, 1, 0, 1);
		const result = await admin({ resource: 'delivery', operation: 'replay', deliveryId: delivery });
		expect(result.items[0].json).toMatchObject({ replayed_from: delivery, status: 'pending' });
		expect(sim.pipeline.log.entries.find((e) => e.path.endsWith('/replay'))?.idempotencyKey).toMatch(/^n8n-/);
	});
});

describe('Kirim Admin: redaction', () => {
	test('withoutSecrets drops secret plaintext at any depth and keeps the rest', async () => {
		const { withoutSecrets } = await import('../../../nodes/KirimAdmin/actions/redact');
		const value = {
			id: 'wbs_1',
			initial_secret: 'whsec_a',
			secrets: [{ id: 'sec_1', secret: 'whsec_b', expires_at: null }],
			n: [1, { secret: 'x' }],
		};
		expect(withoutSecrets(value)).toEqual({ id: 'wbs_1', secrets: [{ id: 'sec_1', expires_at: null }], n: [1, {}] });
	});
});
