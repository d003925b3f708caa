import { createHmac } from 'node:crypto';

import { signKirimPayload, startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { api } from './client';
import { receiver } from './receiver';

let sim: KirimSimulator;
let call: ReturnType<typeof api>;

beforeEach(async () => {
	sim = await startKirimSimulator({
		allowHttpWebhooks: true,
		webhookTimeScale: 0.000002,
		minDeliveryTimeoutMs: 500,
		autoDisableAfter: 3,
	});
	call = api(sim);
});
afterEach(async () => {
	await sim.sender.idle();
	await sim.close();
});

async function subscribe(
	url: string,
	events = ['contact.created', 'contact.updated', 'message.received', 'message.status'],
) {
	const r = await call('POST', '/v1/webhook_subscriptions', { url, events, description: 'test' });
	return r.body.data as { id: string; initial_secret: string; secrets: Array<{ id: string }> };
}

describe('Kirim simulator: signing', () => {
	test('the signer reproduces a vector computed with openssl', () => {
		// printf '%s' '1716480000.{"id":"evt_01HXYZABCDEFGHJKMNPQRSTVWX","type":"contact.created"}' \
		//   | openssl dgst -sha256 -hmac 'whsec_pinned_vector_secret_0001'
		const body = '{"id":"evt_01HXYZABCDEFGHJKMNPQRSTVWX","type":"contact.created"}';
		expect(signKirimPayload(['whsec_pinned_vector_secret_0001'], 1716480000, body)).toBe(
			't=1716480000,v1=8dac27139fcc13e91b3c6527af2b52bfbda6f3ae60e51c011e4f18b63ba111dc',
		);
	});
});

describe('Kirim simulator: subscriptions', () => {
	test('http URLs are refused unless the simulator allows them (invalid_webhook_url)', async () => {
		const strict = await startKirimSimulator();
		const r = await api(strict)('POST', '/v1/webhook_subscriptions', {
			url: 'http://example.com/hook',
			events: ['contact.created'],
		});
		expect(r.body.error).toMatchObject({ code: 'invalid_webhook_url', param: 'url' });
		await strict.close();
	});

	test('initial_secret is returned once, never by get or list', async () => {
		const created = await subscribe('https://example.com/hook');
		expect(created.initial_secret).toMatch(/^whsec_/);
		expect(JSON.stringify((await call('GET', `/v1/webhook_subscriptions/${created.id}`)).body)).not.toContain(
			created.initial_secret,
		);
		expect(JSON.stringify((await call('GET', '/v1/webhook_subscriptions')).body)).not.toContain(created.initial_secret);
	});

	test('events must be catalog names', async () => {
		const r = await call('POST', '/v1/webhook_subscriptions', {
			url: 'https://x.example/h',
			events: ['contact.deleted'],
		});
		expect(r.body.error).toMatchObject({ code: 'invalid_field_value', param: 'events' });
	});
});

describe('Kirim simulator: deliveries', () => {
	test('a contact change is delivered signed over the raw body with the documented headers', async () => {
		const hook = await receiver();
		const sub = await subscribe(hook.url);
		await call('POST', '/_sim/contacts', { name: 'Ana' });
		await sim.sender.idle();
		expect(hook.got).toHaveLength(1);
		const { headers, body } = hook.got[0];
		const event = JSON.parse(body);
		expect(event).toMatchObject({ type: 'contact.created', livemode: true, data: { contact: { name: 'Ana' } } });
		expect(headers).toMatchObject({
			'content-type': 'application/json',
			'user-agent': 'Kirim-Webhook/1.0',
			'x-kirim-source': 'kirim',
			'x-kirim-event': 'contact.created',
			'x-kirim-event-id': event.id,
			'x-kirim-attempt': '1',
		});
		expect(headers['x-kirim-delivery-id']).toMatch(/^wbd_/);
		const [t, v1] = String(headers['x-kirim-signature']).split(',');
		const expected = createHmac('sha256', sub.initial_secret)
			.update(`${t.slice(2)}.${body}`)
			.digest('hex');
		expect(v1).toBe(`v1=${expected}`);
		await hook.close();
	});

	test('a rotated secret signs alongside the old one: two v1 values', async () => {
		const hook = await receiver();
		const sub = await subscribe(hook.url);
		const rotated = await call(
			'POST',
			`/v1/webhook_subscriptions/${sub.id}/secrets`,
			{ expires_in_hours: 24 },
			{ 'idempotency-key': 'rot-1' },
		);
		expect((rotated.body.data as { secret: string }).secret).toMatch(/^whsec_/);
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(String(hook.got[0].headers['x-kirim-signature']).match(/v1=/g)).toHaveLength(2);
		await call('DELETE', `/v1/webhook_subscriptions/${sub.id}/secrets/${sub.secrets[0].id}`);
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(String(hook.got[1].headers['x-kirim-signature']).match(/v1=/g)).toHaveLength(1);
		await hook.close();
	});

	test('a 500 is retried with the same event id and a new attempt number, then succeeds', async () => {
		const hook = await receiver([500, 503, 200]);
		await subscribe(hook.url);
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(hook.got.map((g) => g.headers['x-kirim-attempt'])).toEqual(['1', '2', '3']);
		expect(new Set(hook.got.map((g) => g.headers['x-kirim-event-id'])).size).toBe(1);
		const delivery = [...sim.store.deliveries.values()][0];
		expect(delivery.status).toBe('delivered');
		await hook.close();
	});

	test('a 401 is a permanent failure: no retry', async () => {
		const hook = await receiver([401]);
		await subscribe(hook.url);
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(hook.got).toHaveLength(1);
		expect([...sim.store.deliveries.values()][0].status).toBe('failed');
		await hook.close();
	});

	test('after 8 failed attempts a delivery is dead; bulk replay sends it again as a new row', async () => {
		const hook = await receiver([503]);
		const sub = await subscribe(hook.url);
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(hook.got).toHaveLength(8);
		const dead = [...sim.store.deliveries.values()][0];
		expect(dead.status).toBe('dead');
		const replay = await call('POST', '/v1/webhook_deliveries/bulk_replay', { subscription_id: sub.id });
		expect(replay.body.data).toEqual({ enqueued: 1, capped: false });
		await sim.sender.idle();
		const rows = [...sim.store.deliveries.values()];
		expect(rows).toHaveLength(2);
		expect(rows[1].replayed_from).toBe(dead.id);
		await hook.close();
	});

	test('consecutive failed deliveries auto-disable the subscription; PATCH active re-enables it', async () => {
		const hook = await receiver([404]);
		const sub = await subscribe(hook.url);
		for (let i = 0; i < 3; i++) await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect((await call('GET', `/v1/webhook_subscriptions/${sub.id}`)).body.data).toMatchObject({ status: 'disabled' });
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(hook.got).toHaveLength(3);
		await call('PATCH', `/v1/webhook_subscriptions/${sub.id}`, { status: 'active' });
		await call('POST', '/_sim/contacts', {});
		await sim.sender.idle();
		expect(hook.got).toHaveLength(4);
		await hook.close();
	});

	test('Meta events carry Meta’s raw body and the wamid as event id', async () => {
		const hook = await receiver();
		await subscribe(hook.url);
		const sent = await call('POST', '/_sim/messages/inbound', { from: '+628123', name: 'Sheena', text: 'Halo' });
		await sim.sender.idle();
		const body = JSON.parse(hook.got[0].body);
		expect(hook.got[0].headers).toMatchObject({
			'x-kirim-source': 'meta',
			'x-kirim-event': 'message.received',
			'x-kirim-event-id': sent.body.wamid,
		});
		expect(body.object).toBe('whatsapp_business_account');
		expect(body.entry[0].changes[0].value.messages[0]).toMatchObject({
			id: sent.body.wamid,
			type: 'text',
			text: { body: 'Halo' },
		});
		await hook.close();
	});

	test('unselected events and paused subscriptions get nothing', async () => {
		const hook = await receiver();
		const sub = await subscribe(hook.url, ['contact.updated']);
		await call('POST', '/_sim/contacts', {});
		await call('PATCH', `/v1/webhook_subscriptions/${sub.id}`, { status: 'paused' });
		const c = [...sim.store.contacts.values()][0];
		await call('PATCH', `/_sim/contacts/${c.id}`, { name: 'changed' });
		await sim.sender.idle();
		expect(hook.got).toHaveLength(0);
		await hook.close();
	});
});
