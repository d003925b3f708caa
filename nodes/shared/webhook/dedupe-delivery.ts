import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { DEDUPE_SNAPSHOT, dedupeStore, type DedupeStoreOptions } from '../dedupe/store';
import { loadState } from '../state/versioned-state';
import { keepChangedUntilAnswered } from './respond';

/**
 * The dedupe step of every webhook trigger: check-and-record the delivery's keys in the process-wide store and,
 * when that rewrote the restart snapshot, make sure n8n actually saves it (see `keepChangedUntilAnswered`).
 * Returns which keys were new. Before the scope's first use in this process, the snapshot is read through the
 * versioned-state rules: one written by a newer package version fails the delivery (a 500, so the sender retries)
 * rather than being overwritten.
 */
export function dedupeDelivery(
	ctx: IWebhookFunctions,
	scope: string,
	keys: string[],
	staticData: IDataObject,
	options: DedupeStoreOptions,
	nowMs: number,
): boolean[] {
	if (!dedupeStore.isRestored(scope)) loadState(ctx.getNode(), staticData, DEDUPE_SNAPSHOT);
	const fresh = dedupeStore.checkAndRecord(scope, keys, staticData, options, nowMs);
	// persistedAt is set to the call's own clock reading only when this call rewrote the snapshot.
	if (dedupeStore.persistedAt(scope) === nowMs) keepChangedUntilAnswered(ctx, () => dedupeStore.rewrite(scope, staticData));
	return fresh;
}
