import { classifyHubSpotFailure } from '../../../../nodes/shared/hubspot/retry-rules';
import { classifyKirimFailure } from '../../../../nodes/shared/kirim/retry-rules';
import {
	backoffDelay,
	decideRetry,
	DEFAULT_RETRY_POLICY,
	retryAfterMs,
	type AttemptOutcome,
} from '../../../../nodes/shared/transport/retry';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const response = (status: number, body: unknown = {}, headers: Record<string, string> = {}): AttemptOutcome => ({
	kind: 'response',
	status,
	headers,
	body,
});
const kirim = (code: string) => ({ error: { type: 'x', code, message: code, request_id: 'req_1' } });

describe('Kirim: which failures are retried', () => {
	test.each<[string, AttemptOutcome, boolean, number | undefined]>([
		['429 with Retry-After', response(429, kirim('rate_limit_exceeded'), { 'Retry-After': '12' }), true, 12000],
		['429 with only X-RateLimit-Reset', response(429, {}, { 'x-ratelimit-reset': String(NOW / 1000 + 5) }), true, 5000],
		['409 idempotency_in_progress', response(409, kirim('idempotency_in_progress')), true, undefined],
		['408', response(408), true, undefined],
		['502', response(502), true, undefined],
		['503 with Retry-After', response(503, {}, { 'retry-after': '3' }), true, 3000],
		['504', response(504), true, undefined],
		['connection reset', { kind: 'network', code: 'ECONNRESET' }, true, undefined],
		['timeout', { kind: 'network', code: 'ETIMEDOUT' }, true, undefined],
		['unknown host', { kind: 'network', code: 'ENOTFOUND' }, false, undefined],
		['500', response(500), true, undefined],
		['400 invalid_limit', response(400, kirim('invalid_limit')), false, undefined],
		['401', response(401, kirim('expired_api_key')), false, undefined],
		['404', response(404, kirim('resource_not_found')), false, undefined],
		['409 other conflict', response(409, kirim('template_already_exists')), false, undefined],
		['422 idempotency_key_reuse', response(422, kirim('idempotency_key_reuse')), false, undefined],
	])('%s → retry %s', (_name, outcome, retry, waitMs) => {
		const verdict = classifyKirimFailure(outcome, NOW);
		expect(verdict.retry).toBe(retry);
		if (verdict.retry) expect(verdict.waitMs).toBe(waitMs);
	});
});

describe('HubSpot: which failures are retried', () => {
	const limited = (policyName: string, message = 'limit') => ({ status: 'error', message, policyName });
	test.each<[string, AttemptOutcome, boolean, number | undefined]>([
		['TEN_SECONDLY_ROLLING, no headers', response(429, limited('TEN_SECONDLY_ROLLING')), true, 10000],
		[
			'TEN_SECONDLY_ROLLING, interval header',
			response(429, limited('TEN_SECONDLY_ROLLING'), { 'X-HubSpot-RateLimit-Interval-Milliseconds': '2000' }),
			true,
			2000,
		],
		['SECONDLY (search)', response(429, limited('SECONDLY')), true, 1000],
		['secondly by message only', response(429, { message: 'You have reached your secondly limit.' }), true, 1000],
		['Retry-After wins', response(429, limited('TEN_SECONDLY_ROLLING'), { 'retry-after': '4' }), true, 4000],
		['DAILY', response(429, limited('DAILY')), false, undefined],
		['503', response(503), true, undefined],
		['400 VALIDATION_ERROR', response(400, { message: 'bad', category: 'VALIDATION_ERROR' }), false, undefined],
		['403 MISSING_SCOPES', response(403, { message: 'scopes', category: 'MISSING_SCOPES' }), false, undefined],
	])('%s → retry %s', (_name, outcome, retry, waitMs) => {
		const verdict = classifyHubSpotFailure(outcome, NOW);
		expect(verdict.retry).toBe(retry);
		if (verdict.retry) expect(verdict.waitMs).toBe(waitMs);
	});
});

describe('retry decision and delays', () => {
	const policy = {
		...DEFAULT_RETRY_POLICY,
		maxAttempts: 3,
		baseDelayMs: 100,
		maxDelayMs: 1000,
		maxServerWaitMs: 60000,
	};

	test('backoff doubles per attempt, is jittered ±25 % and capped', () => {
		expect(backoffDelay(1, policy, () => 0.5)).toBe(100);
		expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
		expect(backoffDelay(3, policy, () => 0)).toBe(300);
		expect(backoffDelay(3, policy, () => 1)).toBe(500);
		expect(backoffDelay(20, policy, () => 1)).toBe(1250);
	});

	test('a server wait is honoured as given, without jitter', () => {
		expect(decideRetry({ retry: true, reason: 'x', waitMs: 7000 }, 1, policy, () => 0)).toEqual({
			retry: true,
			reason: 'x',
			delayMs: 7000,
		});
	});

	test('a server wait longer than allowed is reported instead of waited', () => {
		const decision = decideRetry({ retry: true, reason: 'rate limited', waitMs: 3_600_000 }, 1, policy);
		expect(decision).toEqual({
			retry: false,
			reason: 'rate limited; the server asked to wait 3600 s, longer than allowed',
		});
	});

	test('the last attempt is never followed by another', () => {
		expect(decideRetry({ retry: true, reason: 'busy' }, 3, policy)).toEqual({
			retry: false,
			reason: 'busy; gave up after 3 attempts',
		});
		expect(decideRetry({ retry: true, reason: 'busy' }, 2, policy, () => 0.5).retry).toBe(true);
	});

	test('a non-retryable verdict passes through', () => {
		expect(decideRetry({ retry: false, reason: 'bad request' }, 1, policy)).toEqual({
			retry: false,
			reason: 'bad request',
		});
	});

	test.each([
		['seconds', { 'retry-after': '30' }, 30000],
		['fraction', { 'Retry-After': '1.5' }, 1500],
		['HTTP date', { 'retry-after': new Date(NOW + 4000).toUTCString() }, 4000],
		['date in the past', { 'retry-after': new Date(NOW - 4000).toUTCString() }, 0],
		['garbage', { 'retry-after': 'soon' }, undefined],
		['absent', {}, undefined],
	])('Retry-After as %s', (_name, headers, expected) => {
		expect(retryAfterMs(headers, NOW)).toBe(expected);
	});
});
