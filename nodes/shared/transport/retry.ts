import { headerValue } from './headers';

/**
 * When to try a request again, and how long to wait first — pure functions, so every rule is
 * table-tested without sleeping: a pure decision plus a delay that honours Retry-After.
 */

export interface RetryPolicy {
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** First backoff step; doubles per attempt. */
	baseDelayMs: number;
	/** No backoff step is longer than this. */
	maxDelayMs: number;
	/** A server-requested wait (Retry-After, window reset) longer than this is not waited out: the error is reported. */
	maxServerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxServerWaitMs: 120_000,
};

/** What one attempt came back with, as far as retrying is concerned. */
export type AttemptOutcome =
	| { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body: unknown }
	| { kind: 'network'; code: string };

/** An API's reading of one failed attempt (each API module supplies its own, e.g. kirim/retry-rules.ts). */
export type FailureVerdict =
	| { retry: false; reason: string }
	/**
	 * `waitMs` when the server said how long to wait; otherwise exponential backoff applies.
	 * `outcomeUnknown`: the server may have carried the request out (timeout, dropped connection, 5xx), so only a
	 * request that is safe to repeat goes out again (repeat-safety.ts).
	 */
	| { retry: true; reason: string; waitMs?: number; outcomeUnknown?: boolean };

export type RetryDecision = { retry: false; reason: string } | { retry: true; reason: string; delayMs: number };

/** Connection-level failures worth another try (timeouts, resets, refused while restarting). */
export const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

/**
 * Failures where nothing reached the server: the connection was refused, or the host name did not resolve yet.
 * Every other code can come after the request was written (a reset or timeout while waiting for the answer).
 */
const NOTHING_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

/** Connection failures mean the same for every API: retried when transient, reported otherwise. */
export function classifyNetworkFailure(code: string): FailureVerdict {
	const reason = `connection failed (${code})`;
	if (!RETRYABLE_NETWORK_CODES.has(code)) return { retry: false, reason };
	return NOTHING_SENT_CODES.has(code) ? { retry: true, reason } : { retry: true, reason, outcomeUnknown: true };
}

/**
 * 408 and the transient 5xx (500, 502, 503, 504) are worth another try — Kirim's SDK retries 5xx
 * (https://developers.kirim.chat/concepts/errors/) and so does HubSpot's (hubspot-api-nodejs
 * `src/services/decorators/RetryDecorator.ts`) — but the server may have done the work before failing, so the
 * outcome is unknown. Other statuses are left to the API's own rules (undefined).
 */
export function classifyTransientStatus(
	service: string,
	status: number,
	headers: Record<string, string | string[] | undefined>,
	nowMs: number,
): FailureVerdict | undefined {
	if (status !== 408 && (status < 500 || status > 504 || status === 501)) return undefined;
	return {
		retry: true,
		reason: `${service} answered ${status}`,
		waitMs: retryAfterMs(headers, nowMs),
		outcomeUnknown: true,
	};
}

/** Exponential step with ±25 % jitter (Kirim's own example jitters 0.75–1.25, https://developers.kirim.chat/concepts/rate-limits/). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(step * (0.75 + random() * 0.5));
}

/**
 * Decides after attempt number `attempt` (1-based) failed as `verdict` says.
 * A server-requested wait is honoured as given (never shortened by jitter), unless it exceeds maxServerWaitMs.
 */
export function decideRetry(
	verdict: FailureVerdict,
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): RetryDecision {
	if (!verdict.retry) return verdict;
	if (attempt >= policy.maxAttempts) {
		return { retry: false, reason: `${verdict.reason}; gave up after ${attempt} attempts` };
	}
	if (verdict.waitMs !== undefined) {
		if (verdict.waitMs > policy.maxServerWaitMs) {
			const seconds = Math.ceil(verdict.waitMs / 1000);
			return { retry: false, reason: `${verdict.reason}; the server asked to wait ${seconds} s, longer than allowed` };
		}
		return { retry: true, reason: verdict.reason, delayMs: Math.max(0, verdict.waitMs) };
	}
	return { retry: true, reason: verdict.reason, delayMs: backoffDelay(attempt, policy, random) };
}

/** `Retry-After` as delta-seconds or an HTTP date (RFC 9110 section 10.2.3), in ms from `nowMs`. */
export function retryAfterMs(
	headers: Record<string, string | string[] | undefined>,
	nowMs: number,
): number | undefined {
	const raw = headerValue(headers, 'retry-after')?.trim();
	if (!raw) return undefined;
	if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
