import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { canonicalJson, deriveIdempotencyKey, validateUserKey } from '../transport/idempotency';
import { triggeringItem } from './triggering-event';

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
