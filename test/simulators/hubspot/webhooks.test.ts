import { createHash, createHmac } from 'node:crypto';

import { HUBSPOT_RETRY_SCHEDULE_MS } from '../../../simulators/hubspot';
import { startSim, webhookReceiver, type Received } from './helpers';

let ctx: Awaited<ReturnType<typeof startSim>>;
let hook: Awaited<ReturnType<typeof webhookReceiver>>;
afterEach(async () => {
	await ctx.sim.close();
	await hook?.close();
});

/** HubSpot's v3 check, written here from the documented formula (not with the simulator's signer). */
function verifiesV3(r: Received, url: string, secret: string): boolean {
	const expected = createHmac('sha256', secret)
		.update(`POST${url}${r.body}${String(r.headers['x-hubspot-request-timestamp'])}`)
		.digest('base64');
	return r.headers['x-hubspot-signature-v3'] === expected;
}

async function setUp(
	receiver: Parameters<typeof webhookReceiver>[0] = {},
	options: Parameters<typeof startSim>[0] = {},
) {
	ctx = await startSim(options);
	hook = await webhookReceiver(receiver);
	const settings = await fetch(`${ctx.sim.url}/_sim/webhooks/settings`, {
		method: 'PUT',
		body: JSON.stringify({ targetUrl: hook.url }),
	});
	expect(settings.status).toBe(200);
}

const subscribe = async (subscriptionType: string, propertyName?: string) => {
	const r = await fetch(`${ctx.sim.url}/_sim/webhooks/subscriptions`, {
		method: 'POST',
		body: JSON.stringify({ subscriptionType, propertyName }),
	});
	expect(r.status).toBe(201);
	return (await r.json()) as { id: number };
};

describe('HubSpot simulator: webhook delivery', () => {
	test('a UI edit says CRM_UI and the user; an API write by our app says INTEGRATION and the app id; v3 signature verifies', async () => {
		await setUp();
		const sub = await subscribe('contact.propertyChange', 'firstname');
		const created = await ctx.call('POST', '/crm/objects/2026-09/contacts', {
			properties: { firstname: 'By app', lastname: 'ignored' },
		});
		ctx.clock.advance(1000);
		const ui = await fetch(`${ctx.sim.url}/_sim/crm/contacts/${created.body.id}`, {
			method: 'PATCH',
			body: JSON.stringify({ properties: { firstname: 'By person' } }),
		});
		expect(ui.status).toBe(200);
		await ctx.sim.webhooks.idle();
		const events = hook.events();
		expect(events).toEqual([
			expect.objectContaining({
				propertyName: 'firstname',
				propertyValue: 'By app',
				changeSource: 'INTEGRATION',
				sourceId: String(ctx.sim.appId),
			}),
			expect.objectContaining({
				propertyName: 'firstname',
				propertyValue: 'By person',
				changeSource: 'CRM_UI',
				sourceId: expect.stringMatching(/^userId:\d+$/),
			}),
		]);
		expect(events[1]).toEqual({
			objectId: Number(created.body.id),
			propertyName: 'firstname',
			propertyValue: 'By person',
			changeSource: 'CRM_UI',
			sourceId: expect.any(String),
			eventId: expect.any(Number),
			subscriptionId: sub.id,
			portalId: ctx.sim.portalId,
			appId: ctx.sim.appId,
			occurredAt: Date.UTC(2026, 10, 22, 12, 0, 1),
			subscriptionType: 'contact.propertyChange',
			attemptNumber: 0,
		});
		for (const request of hook.got) {
			expect(request.method).toBe('POST');
			expect(request.headers['x-hubspot-request-timestamp']).toMatch(/^\d{13}$/); // milliseconds
			expect(verifiesV3(request, hook.url, ctx.sim.clientSecret)).toBe(true);
			expect(verifiesV3(request, hook.url, 'another-secret')).toBe(false);
		}
	});

	test('changes go out in batches of at most 100 events', async () => {
		await setUp();
		await subscribe('contact.creation');
		for (let i = 0; i < 250; i++) ctx.sim.ui.create('contacts', {});
		await ctx.sim.webhooks.idle();
		expect(hook.got.map((g) => JSON.parse(g.body).length)).toEqual([100, 100, 50]);
		expect(hook.events().every((e) => e.subscriptionType === 'contact.creation' && e.changeFlag === 'NEW')).toBe(true);
	});

	test('a 500 is retried: same event, attemptNumber + 1, a fresh timestamp and signature', async () => {
		await setUp({ statuses: [500, 503, 200], onRequest: () => ctx.clock.advance(60_000) });
		await subscribe('contact.creation');
		ctx.sim.ui.create('contacts', { firstname: 'Retry' });
		await ctx.sim.webhooks.idle();
		expect(hook.got).toHaveLength(3);
		const attempts = hook.got.map((g) => JSON.parse(g.body)[0]);
		expect(attempts.map((e) => e.attemptNumber)).toEqual([0, 1, 2]);
		const { attemptNumber: _a0, ...first } = attempts[0];
		for (const later of attempts.slice(1))
			expect({ ...later, attemptNumber: 0 }).toEqual({ ...first, attemptNumber: 0 });
		const stamps = hook.got.map((g) => g.headers['x-hubspot-request-timestamp']);
		expect(new Set(stamps).size).toBe(3);
		expect(new Set(hook.got.map((g) => g.headers['x-hubspot-signature-v3'])).size).toBe(3);
		expect(hook.got.every((g) => verifiesV3(g, hook.url, ctx.sim.clientSecret))).toBe(true);
		expect(ctx.sim.webhooks.sent.map((s) => s.status)).toEqual([500, 503, 200]);
	});

	test('a response slower than the timeout counts as a failure and is retried', async () => {
		await setUp({ delayMs: [600, 0] }, { webhookTimeoutMs: 200 });
		await subscribe('contact.creation');
		ctx.sim.ui.create('contacts', {});
		await ctx.sim.webhooks.idle();
		expect(ctx.sim.webhooks.sent.map((s) => [s.attempt, s.status ?? 'failed'])).toEqual([
			[0, 'failed'],
			[1, 200],
		]);
		expect(ctx.sim.webhooks.sent[0].error).toMatch(/timed out/);
	});

	test('a target that refuses connections gets the first attempt plus 10 retries, then nothing more', async () => {
		await setUp();
		await hook.close(); // nothing listens on the target any more
		await subscribe('contact.creation');
		ctx.sim.ui.create('contacts', {});
		await ctx.sim.webhooks.idle();
		expect(ctx.sim.webhooks.sent.map((s) => s.attempt)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(ctx.sim.webhooks.sent.every((s) => s.status === undefined && s.error)).toBe(true);
	});

	test('the retry schedule spreads 10 retries inside 24 hours, even with +20 % jitter', () => {
		expect(HUBSPOT_RETRY_SCHEDULE_MS).toHaveLength(11);
		expect(HUBSPOT_RETRY_SCHEDULE_MS[0]).toBe(0);
		const total = HUBSPOT_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
		expect(total * 1.2).toBeLessThan(24 * 3600 * 1000);
		expect(total).toBeGreaterThan(12 * 3600 * 1000);
	});

	test('v1 and v2 signatures on request (X-HubSpot-Signature + X-HubSpot-Signature-Version)', async () => {
		await setUp();
		await subscribe('contact.creation');
		for (const version of ['v1', 'v2'] as const) {
			ctx.sim.webhooks.configure({ signatureVersion: version });
			ctx.sim.ui.create('contacts', {});
			await ctx.sim.webhooks.idle();
		}
		const [v1, v2] = hook.got;
		expect(v1.headers['x-hubspot-signature-version']).toBe('v1');
		expect(v1.headers['x-hubspot-signature']).toBe(
			createHash('sha256')
				.update(ctx.sim.clientSecret + v1.body)
				.digest('hex'),
		);
		expect(v2.headers['x-hubspot-signature-version']).toBe('v2');
		expect(v2.headers['x-hubspot-signature']).toBe(
			createHash('sha256').update(`${ctx.sim.clientSecret}POST${hook.url}${v2.body}`).digest('hex'),
		);
		expect(v1.headers['x-hubspot-signature-v3']).toBeUndefined();
	});

	test('only subscribed changes are sent: propertyChange per property, deletion, restore, merge, privacy deletion, association', async () => {
		await setUp();
		for (const type of [
			'contact.deletion',
			'contact.restore',
			'contact.merge',
			'contact.privacyDeletion',
			'contact.associationChange',
		])
			await subscribe(type);
		await subscribe('contact.propertyChange', 'email');
		const a = ctx.sim.ui.create('contacts', { firstname: 'A', email: 'a@example.com' });
		const b = ctx.sim.ui.create('contacts', { firstname: 'B' });
		ctx.sim.ui.delete('contacts', b.id);
		ctx.sim.ui.restore('contacts', b.id);
		ctx.sim.ui.merge('contacts', a.id, b.id);
		const ticket = await ctx.call('POST', '/crm/objects/2026-09/tickets', {
			properties: { subject: 'S', hs_pipeline_stage: '1' },
		});
		await ctx.call('PUT', `/crm/objects/2026-09/contacts/${a.id}/associations/default/tickets/${ticket.body.id}`);
		const c = ctx.sim.ui.create('contacts', {});
		ctx.sim.ui.privacyDelete(c.id);
		await ctx.sim.webhooks.idle();
		const events = hook.events();
		expect(events.map((e) => e.subscriptionType)).toEqual([
			'contact.propertyChange',
			'contact.deletion',
			'contact.restore',
			'contact.merge',
			'contact.associationChange',
			'contact.privacyDeletion',
			'contact.deletion',
		]);
		expect(events[0]).toMatchObject({ propertyName: 'email', propertyValue: 'a@example.com' });
		expect(events[1]).toMatchObject({ objectId: Number(b.id), changeFlag: 'DELETED' });
		expect(events[3]).toMatchObject({
			primaryObjectId: Number(a.id),
			mergedObjectIds: [Number(b.id)],
			newObjectId: Number(a.id),
			numberOfPropertiesMoved: 0,
		});
		expect(events[4]).toMatchObject({
			objectId: Number(a.id),
			associationType: 'CONTACT_TO_TICKET',
			toObjectId: Number(ticket.body.id),
			associationRemoved: false,
			changeSource: 'INTEGRATION',
		});
	});

	test('eventId is not unique: the counter wraps and repeats', async () => {
		await setUp();
		ctx.sim.webhooks.configure({ eventIdCycle: 3 });
		await subscribe('contact.creation');
		for (let i = 0; i < 5; i++) ctx.sim.ui.create('contacts', {});
		await ctx.sim.webhooks.idle();
		expect(hook.events().map((e) => e.eventId)).toEqual([1, 2, 3, 1, 2]);
	});

	test('at most maxConcurrentRequests POSTs are in flight at once', async () => {
		let open = 0;
		let peak = 0;
		await setUp({
			delayMs: [80],
			onRequest: () => ((open += 1), (peak = Math.max(peak, open)), setTimeout(() => (open -= 1), 80)),
		});
		ctx.sim.webhooks.configure({ maxConcurrentRequests: 6 });
		await subscribe('contact.creation');
		for (let i = 0; i < 1000; i++) ctx.sim.ui.create('contacts', {});
		await ctx.sim.webhooks.idle();
		expect(hook.got).toHaveLength(10);
		expect(peak).toBe(6);
	});

	test('settings and subscriptions are validated', async () => {
		await setUp();
		const put = (b: unknown) =>
			fetch(`${ctx.sim.url}/_sim/webhooks/settings`, { method: 'PUT', body: JSON.stringify(b) });
		expect((await put({ maxConcurrentRequests: 5 })).status).toBe(400);
		expect((await put({ signatureVersion: 'v4' })).status).toBe(400);
		expect((await put({ targetUrl: 'not a url' })).status).toBe(400);
		const post = (b: unknown) =>
			fetch(`${ctx.sim.url}/_sim/webhooks/subscriptions`, { method: 'POST', body: JSON.stringify(b) });
		expect((await post({ subscriptionType: 'contact.propertyChange' })).status).toBe(400);
		expect(
			(await post({ subscriptionType: 'contact.propertyChange', propertyName: 'hs_lastmodifieddate' })).status,
		).toBe(400);
		expect((await post({ subscriptionType: 'contact.explosion' })).status).toBe(400);
	});
});
