import { KirimSyncApi } from '../../../../credentials/KirimSyncApi.credentials';
import { KirimProbe, probeSendOptions } from '../../../harness/probe-nodes';
import { runNode } from '../../../harness/run-node';
import { ScriptedServer } from '../../../harness/scripted-server';

const API_KEY = 'kdv_live_TavbPKwIuqOr69ALEKLNennZ';
const kirimError = (status: number, type: string, code: string, message: string) => ({
	status,
	headers: { 'x-request-id': 'req_1' },
	body: { error: { type, code, message, request_id: 'req_1' } },
});

let server: ScriptedServer;
let slept: number[];

beforeEach(async () => {
	server = await ScriptedServer.start();
	slept = [];
	probeSendOptions.sleep = async (ms) => {
		slept.push(ms);
	};
	probeSendOptions.random = () => 0.5;
});

afterEach(async () => {
	expect(server.unexpected).toBe(0);
	await server.close();
});

function probe(
	parameters: Record<string, unknown>,
	credentials: Record<string, unknown> = {},
	input?: object[],
	executionId?: string,
) {
	return runNode({
		executionId,
		node: new KirimProbe(),
		parameters: { method: 'GET', ...parameters } as never,
		credentialTypes: { kirimSyncApi: new KirimSyncApi() },
		credentials: {
			kirimSyncApi: { apiKey: API_KEY, baseUrl: server.url, phoneNumberId: '106540352242922', ...credentials },
		},
		input: input as never,
	});
}

describe('Kirim client through n8n-core', () => {
	test('sends the API key as a Bearer token, as the credential authenticate block says', async () => {
		server.reply({ status: 200, body: { data: { organization: { id: 'org_1' } }, request_id: 'req_1' } });
		const result = await probe({ path: '/v1/me' });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(server.requests[0].path).toBe('/v1/me');
		expect(result.items[0].json).toMatchObject({ status: 200 });
	});
});

describe('Kirim retries', () => {
	test('429 waits exactly the Retry-After seconds, then succeeds', async () => {
		server.reply(
			{
				...kirimError(429, 'rate_limit_error', 'rate_limit_exceeded', 'Too many requests'),
				headers: { 'retry-after': '7' },
			},
			{ status: 200, body: { data: { ok: true } } },
		);
		const result = await probe({ path: '/v1/me' });
		expect(result.error).toBeUndefined();
		expect(slept).toEqual([7000]);
		expect(server.requests).toHaveLength(2);
	});

	test('429 without Retry-After waits until X-RateLimit-Reset', async () => {
		const resetAt = Math.floor(Date.now() / 1000) + 3;
		server.reply(
			{
				...kirimError(429, 'rate_limit_error', 'rate_limit_exceeded', 'Too many'),
				headers: { 'x-ratelimit-reset': String(resetAt) },
			},
			{ status: 200, body: { data: {} } },
		);
		await probe({ path: '/v1/me' });
		expect(slept).toHaveLength(1);
		expect(slept[0]).toBeGreaterThan(1000);
		expect(slept[0]).toBeLessThanOrEqual(3000);
	});

	test('502, 503 and 504 are retried with growing backoff', async () => {
		server.reply(
			{ status: 502, body: 'bad gateway' },
			{ status: 503, body: '' },
			{ status: 504, body: '' },
			{ status: 200, body: { data: {} } },
		);
		const result = await probe({ path: '/v1/me' });
		expect(result.error).toBeUndefined();
		expect(slept).toEqual([500, 1000, 2000]);
	});

	test('a dropped connection is retried', async () => {
		server.reply({ drop: 'before-response' }, { status: 200, body: { data: { ok: 1 } } });
		const result = await probe({ path: '/v1/me' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(slept).toHaveLength(1);
	});

	test('409 idempotency_in_progress is retried with the same Idempotency-Key', async () => {
		server.reply(kirimError(409, 'conflict', 'idempotency_in_progress', 'still processing'), {
			status: 200,
			body: { data: { applied: 1 } },
		});
		const result = await probe({
			method: 'POST',
			path: '/v1/labels',
			body: '{"name":"VIP"}',
			idempotencyKey: 'key-123',
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['key-123', 'key-123']);
		expect(server.requests[1].body).toBe(server.requests[0].body);
	});

	test('422 idempotency_key_reuse is not retried and says why', async () => {
		server.reply(
			kirimError(422, 'invalid_request_error', 'idempotency_key_reuse', 'Key reused with a different body.'),
		);
		const result = await probe({ method: 'POST', path: '/v1/labels', body: '{"name":"x"}', idempotencyKey: 'k' });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe('Kirim: Key reused with a different body. [idempotency_key_reuse]');
		expect(result.error?.description).toContain('different request body');
		expect(result.error?.description).toContain('req_1');
	});

	test.each([
		[400, 'invalid_request_error', 'invalid_phone_number', 'Phone must be E.164'],
		[401, 'authentication_error', 'expired_api_key', 'This API key has expired.'],
		[404, 'not_found', 'resource_not_found', 'No such contact'],
	])('%i %s is reported with Kirim’s words and never retried', async (status, type, code, message) => {
		server.reply(kirimError(status, type, code, message));
		const result = await probe({ path: '/v1/me' });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe(`Kirim: ${message} [${code}]`);
		expect(result.error?.httpCode).toBe(String(status));
		expect(JSON.stringify(result.error)).not.toContain(API_KEY);
	});

	test('gives up after the configured attempts with a clear error', async () => {
		for (let i = 0; i < 5; i++)
			server.reply({
				status: 503,
				body: { error: { type: 'api_error', code: 'unavailable', message: 'down', request_id: 'req_9' } },
			});
		const result = await probe({ path: '/v1/me' });
		expect(server.requests).toHaveLength(5);
		expect(slept).toHaveLength(4);
		expect(result.error?.description).toContain('gave up after 5 attempts');
	});

	test('the item index of the failing item is on the error', async () => {
		server.reply({ status: 200, body: { data: {} } }, kirimError(404, 'not_found', 'resource_not_found', 'gone'));
		const result = await probe({ path: '/v1/me' }, {}, [{ a: 1 }, { a: 2 }]);
		expect(result.error?.context?.itemIndex).toBe(1);
	});
});

describe('Kirim paths and paging', () => {
	test('phone-scoped style puts the phone number id in the path; a node value overrides the credential', async () => {
		server.reply({ status: 200, body: { data: {} } }, { status: 200, body: { data: {} } });
		await probe({ scopedResource: 'contacts', path: '/ctc_1' });
		await probe({ scopedResource: 'contacts', path: '/ctc_1', phoneNumberId: '999999999' });
		expect(server.requests.map((r) => r.path)).toEqual([
			'/v1/106540352242922/contacts/ctc_1',
			'/v1/999999999/contacts/ctc_1',
		]);
	});

	test('org-level style uses /v1/<resource>', async () => {
		server.reply({ status: 200, body: { data: {} } });
		await probe({ scopedResource: 'contacts', path: '' }, { pathStyle: 'orgLevel', phoneNumberId: '' });
		expect(server.requests[0].path).toBe('/v1/contacts');
	});

	test('a missing or malformed phone number id is a clear error, nothing sent', async () => {
		const result = await probe({ scopedResource: 'contacts', path: '' }, { phoneNumberId: '+62 811' });
		expect(server.requests).toHaveLength(0);
		expect(result.error?.message).toContain('is not a WhatsApp phone number ID');
	});

	test('Return All follows next_cursor across pages until has_more is false', async () => {
		server.reply(
			{ status: 200, body: { data: [{ id: 'a' }, { id: 'b' }], has_more: true, next_cursor: 'c1' } },
			{ status: 200, body: { data: [{ id: 'c' }, { id: 'd' }], has_more: true, next_cursor: 'c2' } },
			{ status: 200, body: { data: [{ id: 'e' }], has_more: false, next_cursor: null } },
		);
		const result = await probe({ path: '/v1/labels', list: true, pageSize: 2 });
		expect(result.items.map((i) => i.json.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(server.requests.map((r) => r.query)).toEqual([
			{ limit: '2' },
			{ limit: '2', cursor: 'c1' },
			{ limit: '2', cursor: 'c2' },
		]);
	});

	test('Limit stops fetching as soon as enough items are in', async () => {
		server.reply({ status: 200, body: { data: [{ id: 'a' }, { id: 'b' }], has_more: true, next_cursor: 'c1' } });
		const result = await probe({ path: '/v1/labels', list: true, pageSize: 2, limit: 2 });
		expect(result.items).toHaveLength(2);
		expect(server.requests).toHaveLength(1);
	});

	test('a 429 in the middle of Return All waits and resumes at the same cursor', async () => {
		server.reply(
			{ status: 200, body: { data: [{ id: 'a' }], has_more: true, next_cursor: 'c1' } },
			{ ...kirimError(429, 'rate_limit_error', 'rate_limit_exceeded', 'slow down'), headers: { 'retry-after': '2' } },
			{ status: 200, body: { data: [{ id: 'b' }], has_more: false, next_cursor: null } },
		);
		const result = await probe({ path: '/v1/labels', list: true, pageSize: 1 });
		expect(result.items.map((i) => i.json.id)).toEqual(['a', 'b']);
		expect(server.requests[1].query.cursor).toBe('c1');
		expect(server.requests[2].query.cursor).toBe('c1');
		expect(slept).toEqual([2000]);
	});

	test('a page size outside 1–100 is refused before sending', async () => {
		const result = await probe({ path: '/v1/labels', list: true, pageSize: 101 });
		expect(server.requests).toHaveLength(0);
		expect(result.error?.message).toContain("outside Kirim's 1–100");
	});
});

describe('Kirim idempotency keys in a real execution', () => {
	const ok = { status: 200, body: { data: { applied: 1 } } };
	const post = { method: 'POST', path: '/v1/contacts/bulk_label', body: '{"label_id":"lbl_1"}', deriveKey: true };

	test('each item gets its own derived key; the same execution and item give the same key again', async () => {
		server.reply(ok, ok, ok);
		await probe(post, {}, [{ a: 1 }, { a: 2 }], 'exec-7');
		await probe(post, {}, [{ a: 1 }], 'exec-7');
		const keys = server.requests.map((r) => r.headers['idempotency-key']);
		expect(keys[0]).toMatch(/^n8n-[0-9a-f]{48}$/);
		expect(keys[1]).not.toBe(keys[0]);
		expect(keys[2]).toBe(keys[0]);
	});

	test('another execution derives another key', async () => {
		server.reply(ok, ok);
		await probe(post, {}, [{}], 'exec-8');
		await probe(post, {}, [{}], 'exec-9');
		expect(server.requests[0].headers['idempotency-key']).not.toBe(server.requests[1].headers['idempotency-key']);
	});

	test('a user key is used as given, and a bad one is refused before sending', async () => {
		server.reply(ok);
		await probe({ ...post, idempotencyKey: ' order-42 ' });
		expect(server.requests[0].headers['idempotency-key']).toBe('order-42');
		const result = await probe({ ...post, idempotencyKey: 'x'.repeat(300) });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toContain('at most 255');
	});
});
