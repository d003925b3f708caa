import { createHash } from 'crypto';

/**
 * An Idempotency-Key that is the same for every transport retry of one call and for a re-run of the
 * same step, yet differs per item and per payload — so a retried send never doubles and two
 * different sends never share a key (Kirim replays a key for 24 h: https://developers.kirim.chat/concepts/idempotency/).
 * `origin` is what the call belongs to: the event that started the run when one of this package's webhook
 * triggers did (so a redelivered event run again — in another n8n process, in queue mode — reuses the key), else
 * the execution.
 */
export interface IdempotencyScope {
	origin: string;
	nodeId: string;
	itemIndex: number;
}

/**
 * JSON with object keys sorted, so the same payload always hashes (and compares) the same. A Date is written as
 * JSON.stringify writes it (its ISO time), not as an object with no keys.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function deriveIdempotencyKey(scope: IdempotencyScope, method: string, path: string, body: unknown): string {
	const digest = createHash('sha256')
		.update([scope.origin, scope.nodeId, String(scope.itemIndex), method.toUpperCase(), path].join('\n'))
		.update('\n')
		.update(canonicalJson(body ?? null))
		.digest('hex');
	return `n8n-${digest.slice(0, 48)}`;
}

/** Kirim accepts free-form keys of at most 255 characters. */
export function validateUserKey(key: string): string | undefined {
	const trimmed = key.trim();
	if (!trimmed) return 'The idempotency key is empty';
	if (trimmed.length > 255) return `The idempotency key has ${trimmed.length} characters; Kirim accepts at most 255`;
	return undefined;
}
