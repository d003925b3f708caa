import { createHmac } from 'node:crypto';

import { ManualClock } from '../../../simulators/common/clock';
import { signV1, signV2, signV3, startHubSpotSimulator, type HubSpotSimulator } from '../../../simulators/hubspot';
import { receiver } from '../kirim/receiver';

let sim: HubSpotSimulator;
let clock: ManualClock;

async function call(method: string, path: string, body?: unknown, token?: string) {
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token ?? sim.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

beforeEach(async () => {
	clock = new ManualClock(Date.UTC(2026, 10, 22, 12));
	sim = await startHubSpotSimulator({ clock, webhookTimeScale: 0.000001 });
	await call('POST', '/crm/v3/properties/contacts', { name: 'kirim_contact_id', label: 'Kirim contact id', type: 'string', fieldType: 'text', groupName: 'contactinformation', hasUniqueValue: true });
});
afterEach(async () => {
	await sim.webhooks.idle();
	await sim.close();
});

describe('HubSpot simulator: signers match every published vector (webhooks-hubspot.md §1.2)', () => {
	const S = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
	const U = 'https://www.example.com/webhook_uri';
	const B = "{'example_field':'example_value'}";
	test.each([
		[signV1(S, '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]'), '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de'],
		[signV1(S, B), '69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750'],
		[signV2(S, 'GET', U, ''), 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e'],
		[signV2(S, 'POST', U, '{"example_field":"example_value"}'), '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900'],
		[signV2(S, 'POST', U, B), '4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383'],
		[signV3(S, 'POST', U, B, '1693657560000'), 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y='],
		[signV3(S, 'POST', U, B, '1700000300000'), 'RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw='],
	])('%s', (actual, expected) => expect(actual).toBe(expected));
});

describe('HubSpot simulator: API', () => {
	test('a wrong token is 401 INVALID_AUTHENTICATION; a missing scope is 403 MISSING_SCOPES naming it', async () => {
		expect((await call('GET', '/crm/v3/objects/contacts', undefined, 'pat-wrong')).body.category).toBe('INVALID_AUTHENTICATION');
		const narrow = await startHubSpotSimulator({ scopes: ['crm.objects.contacts.read'] });
		const r = await fetch(`${narrow.url}/crm/v3/properties/contacts`, { method: 'POST', headers: { authorization: `Bearer ${narrow.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', label: 'x', type: 'string', fieldType: 'text', groupName: 'g' }) });
		const body = (await r.json()) as { category: string; errors: Array<{ context: { requiredGranularScopes: string[] } }> };
		expect(r.status).toBe(403);
		expect(body.category).toBe('MISSING_SCOPES');
		expect(body.errors[0].context.requiredGranularScopes).toEqual(['crm.schemas.contacts.write']);
		await narrow.close();
	});

	test('batch upsert creates and updates by a unique property and says which (new)', async () => {
		const first = await call('POST', '/crm/v3/objects/contacts/batch/upsert', { inputs: [{ id: 'ctc_A', idProperty: 'kirim_contact_id', properties: { firstname: 'A' } }] });
		expect(first.status).toBe(200);
		expect(first.body.results[0]).toMatchObject({ new: true, properties: { firstname: 'A', kirim_contact_id: 'ctc_A' } });
		const second = await call('POST', '/crm/v3/objects/contacts/batch/upsert', { inputs: [{ id: 'ctc_A', idProperty: 'kirim_contact_id', properties: { firstname: 'B' } }] });
		expect(second.body.results[0]).toMatchObject({ new: false, id: first.body.results[0].id, properties: { firstname: 'B' } });
	});

	test('a value error fails only its input: 207 with the objectWriteTraceId in the error context', async () => {
		const r = await call('POST', '/crm/v3/objects/contacts/batch/upsert', {
			inputs: [
				{ id: 'ctc_1', idProperty: 'kirim_contact_id', properties: { email: 'ok@example.com' }, objectWriteTraceId: 't1' },
				{ id: 'ctc_2', idProperty: 'kirim_contact_id', properties: { email: 'not-an-email' }, objectWriteTraceId: 't2' },
			],
		});
		expect(r.status).toBe(207);
		expect(r.body.results).toHaveLength(1);
		expect(r.body.numErrors).toBe(1);
		expect(r.body.errors[0].context.objectWriteTraceId).toEqual(['t2']);
	});

	test('an unknown property rejects the whole batch with 400 (a client must split to find it)', async () => {
		const r = await call('POST', '/crm/v3/objects/contacts/batch/upsert', {
			inputs: [
				{ id: 'ctc_1', idProperty: 'kirim_contact_id', properties: { firstname: 'fine' } },
				{ id: 'ctc_2', idProperty: 'kirim_contact_id', properties: { favourite_colour: 'x' } },
			],
		});
		expect(r.status).toBe(400);
		expect(r.body.errors[0].code).toBe('PROPERTY_DOESNT_EXIST');
		expect(sim.store.objects.contacts.size).toBe(0);
	});

	test('more than 100 inputs is a 400', async () => {
		const inputs = Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, idProperty: 'kirim_contact_id', properties: {} }));
		expect((await call('POST', '/crm/v3/objects/contacts/batch/upsert', { inputs })).status).toBe(400);
	});

	test('idProperty must be a unique-value property', async () => {
		const r = await call('POST', '/crm/v3/objects/contacts/batch/upsert', { inputs: [{ id: 'x', idProperty: 'firstname', properties: {} }] });
		expect(r.status).toBe(400);
	});

	test('list pages by paging.next.after; the last page has no paging', async () => {
		for (let i = 0; i < 5; i++) await call('POST', '/crm/v3/objects/contacts', { properties: { firstname: `P${i}` } });
		const first = await call('GET', '/crm/v3/objects/contacts?limit=3');
		expect(first.body.results).toHaveLength(3);
		const second = await call('GET', `/crm/v3/objects/contacts?limit=3&after=${first.body.paging.next.after}`);
		expect(second.body.results).toHaveLength(2);
		expect(second.body.paging).toBeUndefined();
	});

	test('a duplicate email on create is 409 CONFLICT naming the existing id', async () => {
		const a = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'dup@example.com' } });
		const b = await call('POST', '/crm/v3/objects/contacts', { properties: { email: 'dup@example.com' } });
		expect(b.status).toBe(409);
		expect(b.body.message).toBe(`Contact already exists. Existing ID: ${a.body.id}`);
	});

	test('search filters and sorts; paging past 10 000 results is a 400', async () => {
		for (let i = 0; i < 4; i++) await call('POST', '/crm/v3/objects/contacts', { properties: { firstname: `S${i}`, lifecyclestage: i % 2 ? 'lead' : 'customer' } });
		const r = await call('POST', '/crm/v3/objects/contacts/search', { filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] }], sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }], limit: 10 });
		expect(r.body.results.map((o: { properties: { firstname: string } }) => o.properties.firstname)).toEqual(['S3', 'S1']);
		expect(r.headers.get('x-hubspot-ratelimit-max')).toBeNull();
		const beyond = await call('POST', '/crm/v3/objects/contacts/search', { limit: 200, after: '9900' });
		expect(beyond.status).toBe(400);
	});

	test('search has its own per-second limit: 429 SECONDLY', async () => {
		let last = 0;
		for (let i = 0; i < 6; i++) last = (await call('POST', '/crm/v3/objects/contacts/search', {})).status;
		expect(last).toBe(429);
		expect((await call('POST', '/crm/v3/objects/contacts/search', {})).body.policyName).toBe('SECONDLY');
		clock.advance(1000);
		expect((await call('POST', '/crm/v3/objects/contacts/search', {})).status).toBe(200);
	});

	test('X-HubSpot-RateLimit-* on API answers; an empty 10-second window is 429 TEN_SECONDLY_ROLLING', async () => {
		const ok = await call('GET', '/crm/v3/objects/contacts');
		expect(ok.headers.get('x-hubspot-ratelimit-max')).toBe('100');
		expect(ok.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
		sim.rateLimits.tenSecondly.drain();
		const limited = await call('GET', '/crm/v3/objects/contacts');
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' });
	});

	test('properties: duplicate name 409; tickets, pipelines and owners answer', async () => {
		expect((await call('POST', '/crm/v3/properties/contacts', { name: 'kirim_contact_id', label: 'x', type: 'string', fieldType: 'text', groupName: 'g' })).status).toBe(409);
		expect((await call('GET', '/crm/v3/pipelines/tickets')).body.results[0].stages).toHaveLength(4);
		expect((await call('GET', '/crm/v3/owners?email=agent.one@example.com')).body.results).toHaveLength(1);
		const ticket = await call('POST', '/crm/v3/objects/tickets', { properties: { subject: 'Help', hs_pipeline: '0', hs_pipeline_stage: '1' } });
		expect(ticket.status).toBe(201);
	});
});

describe('HubSpot simulator: webhooks', () => {
	test('a UI edit is delivered as a v3-signed batch with changeSource CRM_UI; an API write names the app', async () => {
		const hook = await receiver();
		await fetch(`${sim.url}/_sim/webhooks/settings`, { method: 'PUT', body: JSON.stringify({ targetUrl: hook.url }) });
		sim.webhooks.subscribe('contact.propertyChange', 'firstname');
		const created = await call('POST', '/crm/v3/objects/contacts', { properties: { firstname: 'By app' } });
		await fetch(`${sim.url}/_sim/contacts/${created.body.id}`, { method: 'PATCH', body: JSON.stringify({ properties: { firstname: 'By person' } }) });
		await sim.webhooks.idle();
		const events = hook.got.flatMap((g) => JSON.parse(g.body));
		expect(events.map((e: Record<string, unknown>) => [e.propertyValue, e.changeSource, e.sourceId])).toEqual([
			['By app', 'INTEGRATION', String(sim.appId)],
			['By person', 'CRM_UI', 'userId:74322246'],
		]);
		const { headers, body } = hook.got[0];
		const expected = createHmac('sha256', sim.clientSecret).update(`POST${hook.url}${body}${headers['x-hubspot-request-timestamp']}`).digest('base64');
		expect(headers['x-hubspot-signature-v3']).toBe(expected);
		await hook.close();
	});

	test('a failed batch is retried with attemptNumber + 1 and a fresh signature', async () => {
		const hook = await receiver([500, 200]);
		await fetch(`${sim.url}/_sim/webhooks/settings`, { method: 'PUT', body: JSON.stringify({ targetUrl: hook.url }) });
		sim.webhooks.subscribe('contact.creation');
		await fetch(`${sim.url}/_sim/contacts`, { method: 'POST', body: JSON.stringify({ properties: {} }) });
		clock.advance(1);
		await sim.webhooks.idle();
		expect(hook.got).toHaveLength(2);
		expect(JSON.parse(hook.got[0].body)[0].attemptNumber).toBe(0);
		expect(JSON.parse(hook.got[1].body)[0].attemptNumber).toBe(1);
		await hook.close();
	});

	test('150 changes go out as batches of at most 100', async () => {
		const hook = await receiver();
		await fetch(`${sim.url}/_sim/webhooks/settings`, { method: 'PUT', body: JSON.stringify({ targetUrl: hook.url }) });
		sim.webhooks.subscribe('contact.creation');
		for (let i = 0; i < 150; i++) sim.store.create('contacts', {}, { changeSource: 'CRM_UI', sourceId: 'userId:1' });
		await sim.webhooks.idle();
		expect(hook.got.map((g) => JSON.parse(g.body).length)).toEqual([100, 50]);
		await hook.close();
	});
});
