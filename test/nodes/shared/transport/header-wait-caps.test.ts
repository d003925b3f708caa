import { classifyHubSpotFailure } from '../../../../nodes/shared/hubspot/retry-rules';
import { classifyKirimFailure } from '../../../../nodes/shared/kirim/retry-rules';
import { RateBudget } from '../../../../nodes/shared/transport/rate-budget';
import { decideRetry, DEFAULT_RETRY_POLICY, type AttemptOutcome } from '../../../../nodes/shared/transport/retry';
import { TokenBucketMirror } from '../../../../nodes/shared/transport/token-bucket-mirror';

/**
 * Every wait taken from a response header has an upper bound: a broken or hostile server must not put a node to
 * sleep for hours. Retry waits go through decideRetry (refused past maxServerWaitMs); the pacers cap their own.
 */
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const DAY_MS = 24 * 3_600_000;
const response = (status: number, headers: Record<string, string>, body: unknown = {}): AttemptOutcome => ({
	kind: 'response',
	status,
	headers,
	body,
});

describe('retry waits asked for by a header', () => {
	test.each<[string, FailureSource]>([
		[
			'Kirim Retry-After of a day',
			() => classifyKirimFailure(response(429, { 'retry-after': String(DAY_MS / 1000) }), NOW),
		],
		[
			'Kirim X-RateLimit-Reset a day away',
			() => classifyKirimFailure(response(429, { 'x-ratelimit-reset': String((NOW + DAY_MS) / 1000) }), NOW),
		],
		[
			'Kirim 503 with a Retry-After date a day away',
			() => classifyKirimFailure(response(503, { 'retry-after': new Date(NOW + DAY_MS).toUTCString() }), NOW),
		],
		[
			'HubSpot interval header of a day',
			() =>
				classifyHubSpotFailure(
					response(
						429,
						{ 'x-hubspot-ratelimit-interval-milliseconds': String(DAY_MS) },
						{ message: 'limit', policyName: 'TEN_SECONDLY_ROLLING' },
					),
					NOW,
				),
		],
		[
			'HubSpot Retry-After of a day',
			() =>
				classifyHubSpotFailure(
					response(429, { 'retry-after': String(DAY_MS / 1000) }, { message: 'limit', policyName: 'SECONDLY' }),
					NOW,
				),
		],
	])('%s is reported, not waited out', (_name, classify) => {
		const decision = decideRetry(classify(), 1, DEFAULT_RETRY_POLICY);
		expect(decision.retry).toBe(false);
		expect(decision.reason).toContain('the server asked to wait 86400 s, longer than allowed');
	});
});
type FailureSource = () => ReturnType<typeof classifyKirimFailure>;

describe('TokenBucketMirror: waits derived from X-RateLimit-Limit', () => {
	function mirror(maxWaitMs?: number) {
		const waits: number[] = [];
		const m = new TokenBucketMirror({
			windowMs: 60_000,
			limitHeader: 'x-ratelimit-limit',
			remainingHeader: 'x-ratelimit-remaining',
			now: () => 0,
			sleep: async (ms) => {
				waits.push(ms);
			},
			maxWaitMs,
		});
		return { m, waits };
	}

	test('a limit of 1 a minute with many requests queued never makes one wait longer than a window', async () => {
		const { m, waits } = mirror();
		await m.acquire();
		m.observe({ 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0' });
		await Promise.all(Array.from({ length: 300 }, () => m.acquire()));
		expect(waits).toHaveLength(300);
		// Uncapped the 300th would sleep 300 minutes.
		expect(Math.max(...waits)).toBe(60_000);
		expect(waits[0]).toBe(60_000);
	});

	test('the cap can be set lower', async () => {
		const { m, waits } = mirror(5_000);
		await m.acquire();
		m.observe({ 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0' });
		await m.acquire();
		expect(waits).toEqual([5_000]);
	});

	test.each([['0.0001'], ['1e-9'], ['0'], ['-5'], ['NaN']])(
		'a limit of %s is ignored, not turned into days between requests',
		async (limit) => {
			const { m, waits } = mirror(Number.MAX_SAFE_INTEGER);
			await m.acquire();
			m.observe({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': '0' });
			for (let i = 0; i < 3; i++) await m.acquire();
			expect(waits).toEqual([]);
		},
	);
});

describe('RateBudget: waits shaped by X-HubSpot-RateLimit-Max / -Remaining', () => {
	function budget() {
		let now = 1_000_000;
		const waits: number[] = [];
		const b = new RateBudget({
			limit: 100,
			intervalMs: 10_000,
			remainingHeader: 'x-hubspot-ratelimit-remaining',
			maxHeader: 'x-hubspot-ratelimit-max',
			now: () => now,
			sleep: async (ms) => {
				waits.push(ms);
				now += ms;
			},
		});
		return { b, waits, setClock: (ms: number) => (now = ms) };
	}

	test('a hostile "max 1, remaining 0" slows to one request a window, and no wait is longer than one window', async () => {
		const { b, waits } = budget();
		await b.acquire();
		b.observe({ 'x-hubspot-ratelimit-max': '1', 'x-hubspot-ratelimit-remaining': '0' });
		for (let i = 0; i < 5; i++) await b.acquire();
		expect(waits).toHaveLength(5);
		expect(Math.max(...waits)).toBeLessThanOrEqual(10_500);
	});

	test('a clock set back an hour does not turn the next wait into an hour', async () => {
		const { b, waits, setClock } = budget();
		for (let i = 0; i < 100; i++) await b.acquire();
		setClock(1_000_000 - 3_600_000);
		await b.acquire();
		expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(10_500);
	});
});
