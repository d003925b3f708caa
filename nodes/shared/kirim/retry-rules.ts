import {
	retryAfterMs,
	classifyNetworkFailure,
	classifyTransientStatus,
	type AttemptOutcome,
	type FailureVerdict,
} from '../transport/retry';
import { headerValue } from '../transport/headers';
import { kirimErrorOf } from './errors';

/**
 * Kirim's retry rules (https://developers.kirim.chat/concepts/rate-limits/ and
 * https://developers.kirim.chat/concepts/idempotency/):
 * - 429: wait `Retry-After` seconds (or until `X-RateLimit-Reset`), then retry — the server refused it, nothing happened;
 * - 409 idempotency_in_progress: the first call with this key is still running — retry with the same key;
 * - 408, 500, 502, 503, 504 and dropped connections: retry with backoff, but the outcome is unknown, so only a
 *   request that is safe to repeat (a read, a PATCH or DELETE by id, a POST with an Idempotency-Key) goes again;
 * - anything else (422 idempotency_key_reuse, 400s, 401, 404 …) says the request itself is wrong: never retried.
 * A server-given wait longer than the policy allows is refused by decideRetry, never slept.
 */
export function classifyKirimFailure(outcome: AttemptOutcome, nowMs: number): FailureVerdict {
	if (outcome.kind === 'network') return classifyNetworkFailure(outcome.code);
	const { status, headers } = outcome;
	const code = kirimErrorOf(outcome.body)?.code;
	if (status === 429) {
		const reset = Number(headerValue(headers, 'x-ratelimit-reset'));
		const untilReset = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - nowMs) : undefined;
		return { retry: true, reason: 'rate limited (429)', waitMs: retryAfterMs(headers, nowMs) ?? untilReset };
	}
	if (status === 409 && code === 'idempotency_in_progress') {
		return { retry: true, reason: 'the same request is still in progress (409 idempotency_in_progress)' };
	}
	const transient = classifyTransientStatus('Kirim', status, headers, nowMs);
	if (transient) return transient;
	return { retry: false, reason: `Kirim answered ${status}${code ? ` ${code}` : ''}` };
}
