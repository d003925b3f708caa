import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { dedupeStore, type DedupeStoreOptions } from '../dedupe/store';
import { keepChangedUntilAnswered } from './respond';

/**
 * The dedupe step of every webhook trigger: check-and-record the delivery's keys in the process-wide store and,
 * when that rewrote the restart snapshot, make sure n8n actually saves it (see `keepChangedUntilAnswered`).
 * Returns which keys were new.
 */
export function dedupeDelivery(
	ctx: IWebhookFunctions,
	scope: string,
	keys: string[],
	staticData: IDataObject,
	options: DedupeStoreOptions,
	nowMs: number,
): boolean[] {
	const fresh = dedupeStore.checkAndRecord(scope, keys, staticData, options, nowMs);
	// persistedAt is set to the call's own clock reading only when this call rewrote the snapshot.
	if (dedupeStore.persistedAt(scope) === nowMs) keepChangedUntilAnswered(ctx, () => dedupeStore.rewrite(scope, staticData));
	return fresh;
}
