import { createHash } from 'crypto';
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { triggeringItem } from '../node/triggering-event';

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

/** JSON with object keys sorted, so the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
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

/**
 * Where item `itemIndex`'s calls belong: the triggering event (workflow, trigger and the trigger item's signed
 * content) in a production run started by this package's webhook trigger, else the execution.
 */
function originOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const event = triggeringItem(ctx, itemIndex);
	if (event === undefined) return `execution:${ctx.getExecutionId() ?? 'no-execution'}`;
	return `event:${ctx.getWorkflow().id ?? ''}:${event.trigger}\n${canonicalJson(event.signed)}`;
}

/**
 * The Idempotency-Key for item `itemIndex` of this node run: the user's own key when given (checked), else
 * one derived from the origin (see `originOf`), node, item and payload. n8n's "Retry On Fail" re-runs a node
 * inside the same execution, so it reuses the key; a second run of the same Kirim or HubSpot event (a
 * redelivery that reached another webhook process, a retried failed execution) reuses it too, within Kirim's
 * 24 h. A run with no triggering event (schedule, manual) gets a key of its own execution.
 */
export function idempotencyKeyFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	method: string,
	path: string,
	body: unknown,
	userKey?: string,
): string {
	if (userKey !== undefined && userKey !== '') {
		const problem = validateUserKey(userKey);
		if (problem) throw new NodeOperationError(ctx.getNode(), problem, { itemIndex });
		return userKey.trim();
	}
	const scope = { origin: originOf(ctx, itemIndex), nodeId: ctx.getNode().id, itemIndex };
	return deriveIdempotencyKey(scope, method, path, body);
}
