import type { Direction } from './ownership';
import type { FieldChange, PlannedWrite } from './plan';

/** Seed 004 "Sync History" plus skip and conflict, which a sync that never clobbers needs to explain itself. */
export type SyncOperation = 'create' | 'update' | 'link' | 'skip' | 'conflict';

export interface SyncHistory {
	operation: SyncOperation;
	direction: Direction;
	status: 'success' | 'failed';
	changes: FieldChange[];
	rejected: Array<{ field: string; reason: string }>;
	/** Fields not written because the other side owns them. */
	skipped: string[];
	error?: string;
	at: string;
}

export function historyFor(
	plan: PlannedWrite,
	operation: SyncOperation,
	direction: Direction,
	status: 'success' | 'failed',
	at: string,
	error?: string,
): SyncHistory {
	const written = operation === 'skip' || operation === 'conflict' ? [] : plan.changes;
	return {
		operation,
		direction,
		status,
		changes: written,
		rejected: plan.rejected,
		skipped: plan.skippedOwned,
		...(error ? { error } : {}),
		at,
	};
}

function toMs(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
	return Number.isFinite(ms) ? ms : undefined;
}

/** Whether the source changed after the target was last synced; undefined when either time is unknown (then write). */
export function isSourceNewer(sourceUpdatedAt: unknown, targetLastSyncedAt: unknown): boolean | undefined {
	const source = toMs(sourceUpdatedAt);
	const target = toMs(targetLastSyncedAt);
	if (source === undefined || target === undefined) return undefined;
	return source > target;
}
