import { hasHeader } from './headers';
import type { FailureVerdict } from './retry';

/**
 * Whether a request may go out again after an attempt whose outcome is unknown (a timeout, a dropped
 * connection, a 5xx: the server may have carried it out before failing to answer).
 * - `repeatable`: doing it twice has the effect of doing it once — reads, PUT/PATCH/DELETE of one resource,
 *   upserts by a unique property — or the API dedupes it by the Idempotency-Key it carries;
 * - `read-back`: not repeatable, but the caller can look up whether it happened;
 * - `once`: repeating it could do it twice (a create without a key): the unknown outcome is reported instead.
 */
export type RepeatSafety = 'repeatable' | 'read-back' | 'once';

/**
 * RFC 9110 section 9.2.2 names GET, HEAD, OPTIONS, PUT and DELETE idempotent. PATCH is not in general, but every
 * PATCH these nodes send sets fields of one resource by id (Kirim: "PATCH and DELETE work by primary key",
 * https://developers.kirim.chat/concepts/idempotency/), so sending it twice leaves the same state.
 */
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

export interface RepeatDeclaration {
	/** The caller's word: true for a POST that is a read or an upsert, false to forbid repeating anything. */
	idempotent?: boolean;
	/** The caller can read back whether the request happened. */
	canReadBack?: boolean;
	/** The header the API dedupes writes by (Kirim: Idempotency-Key); undefined when it has none. */
	dedupeHeader?: string;
}

export function repeatSafety(
	request: { method?: string; headers?: object },
	declared: RepeatDeclaration = {},
): RepeatSafety {
	const byMethod = REPEATABLE_METHODS.has((request.method ?? 'GET').toUpperCase());
	const repeatable = declared.idempotent ?? (byMethod || hasHeader(request.headers, declared.dedupeHeader));
	if (repeatable) return 'repeatable';
	return declared.canReadBack ? 'read-back' : 'once';
}

/** What to do after a failed attempt, before the usual retry decision (attempts left, backoff, server waits). */
export type UnknownOutcomeStep =
	/** Go on to decideRetry: the failure is not retryable, or the server did nothing, or repeating is safe. */
	| { action: 'proceed' }
	/** Read back whether it happened; return that if so, else go on to decideRetry. */
	| { action: 'read-back' }
	/** Do not send it again: report that the outcome is unknown. */
	| { action: 'refuse'; reason: string };

export function gateUnknownOutcome(verdict: FailureVerdict, safety: RepeatSafety): UnknownOutcomeStep {
	if (!verdict.retry || !verdict.outcomeUnknown || safety === 'repeatable') return { action: 'proceed' };
	if (safety === 'read-back') return { action: 'read-back' };
	return {
		action: 'refuse',
		reason: `${verdict.reason}; the outcome is unknown, and the request was not sent again because repeating it could do it twice`,
	};
}
