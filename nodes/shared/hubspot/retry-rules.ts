import {
	headerValue,
	retryAfterMs,
	classifyNetworkFailure,
	type AttemptOutcome,
	type FailureVerdict,
} from '../transport/retry';
import { hubSpotErrorOf } from './errors';

/** HubSpot's rolling burst window (webhooks-hubspot.md §2.4); the header gives it when present. */
const TEN_SECONDLY_MS = 10_000;
/** Search has its own per-second limit and sends no rate-limit headers (webhooks-hubspot.md §2.3). */
const SECONDLY_MS = 1_000;

/**
 * HubSpot's 429s differ by `policyName`: the 10-second window and search's per-second limit pass, the daily
 * limit does not (it resets at midnight in the account's time zone), so that one is reported, not waited out.
 */
export function classifyHubSpotFailure(outcome: AttemptOutcome, nowMs: number): FailureVerdict {
	if (outcome.kind === 'network') return classifyNetworkFailure(outcome.code);
	const { status, headers } = outcome;
	const error = hubSpotErrorOf(outcome.body);
	if (status === 429) {
		const policy = (error?.policyName ?? '').toUpperCase();
		if (policy === 'DAILY') return { retry: false, reason: 'HubSpot’s daily API limit is used up (429 DAILY)' };
		const given = retryAfterMs(headers, nowMs);
		if (policy === 'SECONDLY' || /secondly limit/i.test(error?.message ?? '')) {
			return { retry: true, reason: 'search rate limited (429 SECONDLY)', waitMs: given ?? SECONDLY_MS };
		}
		const interval = Number(headerValue(headers, 'x-hubspot-ratelimit-interval-milliseconds'));
		const windowMs = Number.isFinite(interval) && interval > 0 ? interval : TEN_SECONDLY_MS;
		return { retry: true, reason: `rate limited (429 ${policy || 'TEN_SECONDLY_ROLLING'})`, waitMs: given ?? windowMs };
	}
	if (status === 408 || status === 502 || status === 503 || status === 504) {
		return { retry: true, reason: `HubSpot answered ${status}`, waitMs: retryAfterMs(headers, nowMs) };
	}
	return { retry: false, reason: `HubSpot answered ${status}${error?.category ? ` ${error.category}` : ''}` };
}
