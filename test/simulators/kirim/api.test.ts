import { ManualClock } from '../../../simulators/common/clock';
import { startKirimSimulator, type KirimSimulator } from '../../../simulators/kirim';
import { api } from './client';

const PHONE = '106540352242922';
let sim: KirimSimulator;
let call: ReturnType<typeof api>;

beforeEach(async () => {
	sim = await startKirimSimulator({ tier: 'pro' });
	call = api(sim);
});
afterEach(async () => sim.close());

describe('Kirim simulator: auth and errors', () => {
	test('/v1/me answers the documented shape with a request id', async () => {
		const r = await call('GET', '/v1/me');
		expect(r.status).toBe(200);
		expect(r.body.data).toMatchObject({
			organization: { object: 'organization' },
			api_key: { object: 'api_key', last4: sim.apiKey.slice(-4) },
			rate_limits: { write_per_minute: 600 },
		});
		expect(r.body.request_id).toBe(r.headers.get('x-request-id'));
	});

	test.each([
		['no key', {}],
		['a wrong key', { authorization: 'Bearer kdv_live_wrongwrongwrongwrongwrong' }],
		['basic auth', { authorization: `Basic ${Buffer.from('x:y').toString('base64')}` }],
	])('%s is refused with 401 authentication_error', async (_name, headers) => {
		const response = await fetch(`${sim.url}/v1/me`, { headers });
		const body = (await response.json()) as { error: { type: string; request_id: string } };
		expect(response.status).toBe(401);
		expect(body.error.type).toBe('authentication_error');
		expect(body.error.request_id).toMatch(/^req_/);
	});

	test('a key in the query string is refused', async () => {
		expect((await fetch(`${sim.url}/v1/me?api_key=${sim.apiKey}`)).status).toBe(401);
	});

	test('an unknown route is a 404 in Kirim’s envelope, never a canned success', async () => {
		const r = await call('GET', '/v1/nothing/here');
		expect(r.status).toBe(404);
		expect(r.body.error?.type).toBe('not_found');
	});

	test('malformed JSON is a 400 with Kirim’s envelope', async () => {
		const r = await call('POST', `/v1/${PHONE}/contacts`, '{"phone_number":');
		expect(r.status).toBe(400);
		expect(r.body.error?.type).toBe('invalid_request_error');
	});

	test('an unknown phone number id in the path is a 404', async () => {
		expect((await call('GET', '/v1/999999999/contacts')).status).toBe(404);
	});
});

describe('Kirim simulator: contacts', () => {
	test('create validates E.164 and names the param', async () => {
		const r = await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '0811222333' });
		expect(r.status).toBe(400);
		expect(r.body.error).toMatchObject({ code: 'invalid_phone_number', param: 'phone_number' });
	});

	test('create, get and patch return the documented contact object under both path styles', async () => {
		const created = await call('POST', `/v1/${PHONE}/contacts`, {
			phone_number: '+628111222333',
			name: 'Siti',
			metadata: { crm: 1 },
		});
		expect(created.status).toBe(201);
		const contact = created.body.data as Record<string, unknown>;
		expect(Object.keys(contact).sort()).toEqual(
			[
				'created_at',
				'email',
				'id',
				'metadata',
				'name',
				'object',
				'phone_number',
				'updated_at',
				'whatsapp_account',
			].sort(),
		);
		expect(contact.id).toMatch(/^ctc_[0-9A-HJKMNP-TV-Z]{26}$/);
		expect((await call('GET', `/v1/contacts/${contact.id}`)).body.data).toEqual(contact);
		const patched = await call('PATCH', `/v1/${PHONE}/contacts/${contact.id}`, { email: 'siti@example.com' });
		expect(patched.body.data).toMatchObject({ email: 'siti@example.com', name: 'Siti', metadata: { crm: 1 } });
	});

	test('an unknown field in a PATCH is refused', async () => {
		const c = (await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '+628111222334' })).body.data as {
			id: string;
		};
		expect((await call('PATCH', `/v1/contacts/${c.id}`, { phone_number: '+628' })).body.error).toMatchObject({
			code: 'invalid_field_value',
			param: 'phone_number',
		});
	});

	test('limit outside 1–100 is 400 invalid_limit', async () => {
		for (const limit of ['0', '101', 'abc']) {
			expect((await call('GET', `/v1/${PHONE}/contacts?limit=${limit}`)).body.error?.code).toBe('invalid_limit');
		}
	});

	test('paging walks every contact once, in order, and the last page has no cursor', async () => {
		await call('POST', '/_sim/contacts', { count: 53 });
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const r = await call(
				'GET',
				`/v1/${PHONE}/contacts?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			const data = r.body.data as Array<{ id: string }>;
			seen.push(...data.map((c) => c.id));
			cursor = r.body.next_cursor as string | null;
			expect(r.body.has_more).toBe(cursor !== null);
			pages += 1;
		} while (cursor);
		expect(pages).toBe(3);
		expect(seen).toHaveLength(53);
		expect(new Set(seen).size).toBe(53);
		expect([...seen].sort()).toEqual(seen);
	});

	test('a tampered cursor, or one used with other filters, is 400 invalid_cursor', async () => {
		await call('POST', '/_sim/contacts', { count: 5 });
		const first = await call('GET', `/v1/${PHONE}/contacts?limit=2`);
		const cursor = first.body.next_cursor as string;
		const tampered = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
		expect(
			(await call('GET', `/v1/${PHONE}/contacts?limit=2&cursor=${encodeURIComponent(tampered)}`)).body.error?.code,
		).toBe('invalid_cursor');
		expect(
			(await call('GET', `/v1/${PHONE}/contacts?limit=2&search=Contact&cursor=${encodeURIComponent(cursor)}`)).body
				.error?.code,
		).toBe('invalid_cursor');
	});

	test('filters: exact phone, search on name/email, created_after (shown only in a guide example)', async () => {
		await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '+628111000001', name: 'Budi Santoso' });
		await call('POST', `/v1/${PHONE}/contacts`, {
			phone_number: '+628111000002',
			name: 'Ani',
			email: 'budi.fan@example.com',
		});
		expect((await call('GET', `/v1/${PHONE}/contacts?phone=%2B628111000001`)).body.data).toHaveLength(1);
		expect((await call('GET', `/v1/${PHONE}/contacts?search=budi`)).body.data).toHaveLength(2);
		expect((await call('GET', `/v1/${PHONE}/contacts?phone=0811`)).body.error?.code).toBe('invalid_phone_number');
		expect((await call('GET', `/v1/${PHONE}/contacts?created_after=2999-01-01T00:00:00Z`)).body.data).toHaveLength(0);
	});

	test('created_after can be switched off (a Kirim that ignores the filter); the cursor then ignores it too', async () => {
		await call('POST', '/_sim/contacts', { count: 3 });
		sim.behaviour.contactsCreatedAfter = false;
		const first = await call('GET', `/v1/${PHONE}/contacts?limit=2&created_after=2999-01-01T00:00:00Z`);
		expect(first.body.data).toHaveLength(2);
		const rest = await call(
			'GET',
			`/v1/${PHONE}/contacts?limit=2&cursor=${encodeURIComponent(first.body.next_cursor as string)}`,
		);
		expect(rest.body.data).toHaveLength(1);
		sim.behaviour.contactsCreatedAfter = true;
		expect((await call('GET', `/v1/${PHONE}/contacts?created_after=2999-01-01T00:00:00Z`)).body.data).toHaveLength(0);
	});
});

describe('Kirim simulator: labels and bulk label', () => {
	test('labels: create, duplicate name refused, colours checked, delete cascades', async () => {
		const label = (await call('POST', '/v1/labels', { name: 'VIP', color: 'amber' })).body.data as { id: string };
		expect((await call('POST', '/v1/labels', { name: 'VIP' })).body.error).toMatchObject({
			code: 'invalid_field_value',
			param: 'name',
		});
		expect((await call('POST', '/v1/labels', { name: 'X', color: 'chartreuse' })).body.error?.param).toBe('color');
		const c = (await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '+628111333444' })).body.data as {
			id: string;
		};
		expect((await call('POST', `/v1/contacts/${c.id}/labels`, { label_id: label.id })).body.data).toEqual({
			contact_id: c.id,
			label_id: label.id,
			attached: true,
		});
		expect((await call('DELETE', `/v1/labels/${label.id}`)).body.data).toEqual({
			id: label.id,
			object: 'label',
			deleted: true,
		});
		expect(sim.store.contactLabels.get(c.id)?.size).toBe(0);
	});

	test('bulk_label counts applied, cross-org and team-mismatch skips; over 1000 ids is 400', async () => {
		const label = (await call('POST', '/v1/labels', { name: 'Trial' })).body.data as { id: string };
		const otherTeam = (await call('POST', '/_sim/contacts', { phone_number: '+628111999000', team_id: 'team_b' })).body
			.contact as { id: string };
		const mine = (await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '+628111999001' })).body.data as {
			id: string;
		};
		const r = await call('POST', `/v1/${PHONE}/contacts/bulk_label`, {
			contact_ids: [mine.id, otherTeam.id, 'ctc_01XTHERXRG0000000000000000'],
			label_id: label.id,
			operation: 'attach',
		});
		expect(r.body.data).toEqual({ applied: 1, skipped_cross_org: 1, skipped_team_mismatch: 1 });
		const tooMany = Array.from({ length: 1001 }, () => mine.id);
		expect(
			(await call('POST', '/v1/contacts/bulk_label', { contact_ids: tooMany, label_id: label.id, operation: 'attach' }))
				.body.error?.param,
		).toBe('contact_ids');
	});
});

describe('Kirim simulator: idempotency', () => {
	test('same key and body replays; another body is 422 idempotency_key_reuse', async () => {
		const label = (await call('POST', '/v1/labels', { name: 'L' })).body.data as { id: string };
		const c = (await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '+628111555666' })).body.data as {
			id: string;
		};
		const req = { contact_ids: [c.id], label_id: label.id, operation: 'attach' };
		const first = await call('POST', '/v1/contacts/bulk_label', req, { 'idempotency-key': 'k-1' });
		const again = await call('POST', '/v1/contacts/bulk_label', req, { 'idempotency-key': 'k-1' });
		expect(first.headers.get('idempotent-replayed')).toBe('false');
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.body).toEqual(first.body);
		const reuse = await call(
			'POST',
			'/v1/contacts/bulk_label',
			{ ...req, operation: 'detach' },
			{ 'idempotency-key': 'k-1' },
		);
		expect(reuse.status).toBe(422);
		expect(reuse.body.error?.code).toBe('idempotency_key_reuse');
	});

	test.each([
		['a contact', `/v1/${PHONE}/contacts`, { phone_number: '+628111555699' }],
		['a label', '/v1/labels', { name: 'Created once' }],
		[
			'a webhook subscription',
			'/v1/webhook_subscriptions',
			{ url: 'https://example.com/hook', events: ['contact.created'] },
		],
	])('creating %s twice with one key creates it once (every POST honours the key)', async (_what, path, body) => {
		const first = await call('POST', path, body, { 'idempotency-key': `create-${path}` });
		const again = await call('POST', path, body, { 'idempotency-key': `create-${path}` });
		expect(first.headers.get('idempotent-replayed')).toBe('false');
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect((again.body.data as { id: string }).id).toBe((first.body.data as { id: string }).id);
	});

	test('a request still in flight answers 409 idempotency_in_progress to the same key; afterwards it replays', async () => {
		const label = (await call('POST', '/v1/labels', { name: 'L2' })).body.data as { id: string };
		const c = (await call('POST', `/v1/${PHONE}/contacts`, { phone_number: '+628111555667' })).body.data as {
			id: string;
		};
		const req = { contact_ids: [c.id], label_id: label.id, operation: 'attach' };
		await call('POST', '/_sim/idempotency/hold', { ms: 300 });
		const slow = call('POST', '/v1/contacts/bulk_label', req, { 'idempotency-key': 'k-2' });
		await new Promise((r) => setTimeout(r, 100));
		const meanwhile = await call('POST', '/v1/contacts/bulk_label', req, { 'idempotency-key': 'k-2' });
		expect(meanwhile.status).toBe(409);
		expect(meanwhile.body.error?.code).toBe('idempotency_in_progress');
		expect((await slow).status).toBe(200);
		expect(
			(await call('POST', '/v1/contacts/bulk_label', req, { 'idempotency-key': 'k-2' })).headers.get(
				'idempotent-replayed',
			),
		).toBe('true');
	});
});

describe('Kirim simulator: rate limits and faults', () => {
	test('every answer carries X-RateLimit-*; an empty bucket answers 429 with Retry-After', async () => {
		const r = await call('GET', '/v1/me');
		expect(r.headers.get('x-ratelimit-limit')).toBe('6000');
		expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeLessThan(6000);
		expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
		await call('POST', '/_sim/rate-limits/drain', { class: 'write' });
		const limited = await call('POST', '/v1/labels', { name: 'Z' });
		expect(limited.status).toBe(429);
		expect(limited.body.error?.code).toBe('rate_limit_exceeded');
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect((await call('GET', '/v1/me')).status).toBe(200);
	});

	test('the default tier refills 60 writes per minute on the simulated clock', async () => {
		const clock = new ManualClock(Date.UTC(2026, 0, 1));
		const slow = await startKirimSimulator({ clock });
		const c = api(slow);
		for (let i = 0; i < 60; i++) expect((await c('POST', '/v1/labels', { name: `N${i}` })).status).toBe(201);
		expect((await c('POST', '/v1/labels', { name: 'over' })).status).toBe(429);
		clock.advance(1000);
		expect((await c('POST', '/v1/labels', { name: 'after a second' })).status).toBe(201);
		await slow.close();
	});

	test.each([
		['server-error', { kind: 'server-error', status: 503 }, 503],
		['rate-limit', { kind: 'rate-limit', retryAfterSeconds: 7 }, 429],
	] as const)('a one-shot %s fault hits once, then the happy path answers', async (_name, action, status) => {
		sim.pipeline.faults.add({ match: { path: '/v1/me' }, action });
		expect((await call('GET', '/v1/me')).status).toBe(status);
		expect((await call('GET', '/v1/me')).status).toBe(200);
	});

	test('a dropped connection fault cuts the socket', async () => {
		sim.pipeline.faults.add({ action: { kind: 'drop' } });
		await expect(call('GET', '/v1/me')).rejects.toThrow();
		expect((await call('GET', '/v1/me')).status).toBe(200);
	});

	test('faults can be added over HTTP, and a malformed one is refused', async () => {
		expect((await call('POST', '/_sim/faults', { action: { kind: 'server-error', status: 502 } })).status).toBe(201);
		expect((await call('GET', '/v1/me')).status).toBe(502);
		expect((await call('POST', '/_sim/faults', { action: { kind: 'explode' } })).status).toBe(400);
	});
});

describe('Kirim simulator: conversations and messages', () => {
	test('PATCH needs status or assigned_to; assignment and close fire events', async () => {
		const contact = (await call('POST', '/_sim/contacts', { name: 'Conv' })).body.contact as { id: string };
		const conversation = [...sim.store.conversations.values()].find((c) => c.contact.id === contact.id)!;
		expect((await call('PATCH', `/v1/conversations/${conversation.id}`, {})).body.error?.code).toBe(
			'missing_required_field',
		);
		const assigned = await call('PATCH', `/v1/${PHONE}/conversations/${conversation.id}`, {
			assigned_to: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX',
		});
		expect(assigned.body.data).toMatchObject({ assignee: { id: 'usr_01HXYZABCDEFGHJKMNPQRSTVWX' } });
		const closed = await call('PATCH', `/v1/conversations/${conversation.id}`, { status: 'resolved' });
		expect(closed.body.data).toMatchObject({ status: 'resolved' });
		expect((await call('GET', `/v1/${PHONE}/conversations?status=resolved`)).body.data).toHaveLength(1);
	});

	test('free text outside the 24-hour window is refused with outside_24h_window', async () => {
		const r = await call('POST', `/v1/${PHONE}/messages`, {
			messaging_product: 'whatsapp',
			to: '+628999000111',
			type: 'text',
			text: { body: 'hi' },
		});
		expect(r.body.error?.code).toBe('outside_24h_window');
		const template = await call('POST', `/v1/${PHONE}/messages`, {
			messaging_product: 'whatsapp',
			to: '+628999000111',
			type: 'template',
			template: { name: 'hello', language: { code: 'id' } },
		});
		expect(template.status).toBe(201);
	});
});
