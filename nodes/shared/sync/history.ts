import { parseDateMs } from './dates';
import type { Direction } from './ownership';
import type { FieldChange, PlannedWrite } from './plan';

/**
 * The usual CRM-sync history operations plus skip and conflict, which a sync that never clobbers needs to explain
 * itself; unlink when a deleted or merged-away CRM record's link is dropped.
 */
export type SyncOperation = 'create' | 'update' | 'link' | 'unlink' | 'skip' | 'conflict';

export interface SyncHistory {
	operation: SyncOperation;
	direction: Direction;
	status: 'success' | 'failed';
	changes: FieldChange[];
	rejected: Array<{ field: string; reason: string }>;
	/** Fields not written because the target side owns them (on update, where the target had a value). */
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
	// A skip or a conflict writes nothing, so it lists no changes (what it would have written is not history).
	const written = operation === 'skip' || operation === 'conflict' ? [] : plan.changes;
	return {
		operation,
		direction,
		status,
		changes: written.map((change) => ({ ...change })),
		rejected: plan.rejected.map((entry) => ({ ...entry })),
		skipped: [...plan.skippedOwned],
		...(error ? { error } : {}),
		at,
	};
}

/**
 * Whether the source changed after the target was last synced (last write wins, by timestamp).
 * Times may be ISO strings or epoch seconds / milliseconds. Undefined when either is missing or unreadable:
 * the caller then writes, since refusing would stall a contact that was never stamped.
 */
export function isSourceNewer(sourceUpdatedAt: unknown, targetLastSyncedAt: unknown): boolean | undefined {
	const source = parseDateMs(sourceUpdatedAt);
	const target = parseDateMs(targetLastSyncedAt);
	if (source === undefined || target === undefined) return undefined;
	return source > target;
}
