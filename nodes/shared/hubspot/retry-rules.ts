import {
	retryAfterMs,
	classifyNetworkFailure,
	classifyTransientStatus,
	type AttemptOutcome,
	type FailureVerdict,
} from '../transport/retry';
import { headerValue } from '../transport/headers';
import { hubSpotErrorOf } from './errors';

/**
 * HubSpot's rolling burst window (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines);
 * the header gives it when present, and a header asking for more than the retry policy's longest server wait is
 * refused by decideRetry, never slept.
 */
const TEN_SECONDLY_MS = 10_000;
/** Search has its own per-second limit and sends no rate-limit headers (https://developers.hubspot.com/docs/api-reference/search/guide). */
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
	const transient = classifyTransientStatus('HubSpot', status, headers, nowMs);
	if (transient) return transient;
	return { retry: false, reason: `HubSpot answered ${status}${error?.category ? ` ${error.category}` : ''}` };
}

/**
 * HubSpot POSTs that are safe to send twice, since HubSpot takes no Idempotency-Key: search and batch read only
 * read; batch upsert matches by a unique-value property and batch update by id, so a second send sets the same
 * values; associating a pair that is already associated changes nothing; creating a property whose name exists is
 * refused with 409 (https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide). Every other POST
 * (batch create, single create, merge) could make a second record: undefined leaves it to the method rule.
 */
const REPEATABLE_POSTS = [
	/\/search$/,
	/\/batch\/(read|upsert|update)$/,
	/^\/crm\/associations\/[^/]+\/[^/]+\/[^/]+\/batch\/associate\/default$/,
	/^\/crm\/properties\/[^/]+\/[^/]+$/,
];

export function hubSpotPostIsRepeatable(method: string, path: string): true | undefined {
	if (method.toUpperCase() !== 'POST') return undefined;
	return REPEATABLE_POSTS.some((pattern) => pattern.test(path)) ? true : undefined;
}
