import type { IDataObject } from 'n8n-workflow';

import { parseDateMs } from '../sync/dates';

/**
 * The figures a poll or a sync run puts on its output, for monitoring: how much was read, written, rejected and
 * skipped, how far behind the source the run is, and how long ago the last successful run was.
 * Alerting is left to the workflow (an IF on `syncHealth.lagSeconds` or `secondsSinceLastSuccess`, and an Error
 * Trigger workflow for runs that fail outright).
 */
export interface RunHealth {
	read: number;
	written: number;
	rejected: number;
	skipped: number;
	/** Now minus the newest source `updated_at` seen in this run; null when the run saw no dated record. */
	lagSeconds: number | null;
	newestSourceUpdatedAt: string | null;
	/**
	 * The `runAt` of the last successful run before this one, from state that failed runs do not touch: poll
	 * triggers keep it in their cursor record, HubSpot Sync in a record of its own where it may keep one
	 * (last-success.ts). Null when none is known: the first run, or a node that keeps no record.
	 */
	lastSuccessfulRunAt: string | null;
	/** Whole seconds from `lastSuccessfulRunAt` to `runAt`; null when `lastSuccessfulRunAt` is. */
	secondsSinceLastSuccess: number | null;
	runAt: string;
}

export class HealthTally {
	private counts = { read: 0, written: 0, rejected: 0, skipped: 0 };
	private newestMs: number | undefined;

	constructor(private readonly nowMs: number = Date.now()) {}

	read(count = 1): void {
		this.counts.read += count;
	}

	written(count = 1): void {
		this.counts.written += count;
	}

	rejected(count = 1): void {
		this.counts.rejected += count;
	}

	skipped(count = 1): void {
		this.counts.skipped += count;
	}

	/** Remembers the newest source time seen (ISO 8601 or epoch s/ms); unreadable values are ignored. */
	sawSourceUpdatedAt(value: unknown): void {
		const ms = parseDateMs(value);
		if (ms !== undefined && (this.newestMs === undefined || ms > this.newestMs)) this.newestMs = ms;
	}

	/** The run's figures, given the last successful run before it (null when none is known). */
	summary(lastSuccessfulRunAt: string | null): RunHealth {
		const newest = this.newestMs;
		const lastMs = lastSuccessfulRunAt === null ? undefined : parseDateMs(lastSuccessfulRunAt);
		return {
			...this.counts,
			lagSeconds: newest === undefined ? null : secondsBetween(newest, this.nowMs),
			newestSourceUpdatedAt: newest === undefined ? null : new Date(newest).toISOString(),
			lastSuccessfulRunAt,
			secondsSinceLastSuccess: lastMs === undefined ? null : secondsBetween(lastMs, this.nowMs),
			runAt: new Date(this.nowMs).toISOString(),
		};
	}
}

/** Whole seconds from `fromMs` to `toMs`, never negative (clocks of two systems may disagree a little). */
function secondsBetween(fromMs: number, toMs: number): number {
	return Math.max(0, Math.round((toMs - fromMs) / 1000));
}

/** Puts the run's figures on every output item under one key, so an IF node can read them from any item. */
export function withHealth<T extends { json: IDataObject }>(items: T[], health: RunHealth): T[] {
	const figures = health as unknown as IDataObject;
	for (const item of items) item.json.syncHealth = { ...figures };
	return items;
}
