import type { IDataObject, INode } from 'n8n-workflow';

import { loadState, writeState, type StateSchema } from '../state/versioned-state';
import { parseDateMs } from '../sync/dates';

/**
 * The figures a poll or a sync run puts on its output (seed 003 "monitoring"): how much was read, written,
 * rejected and skipped, how far behind the source the run is, and when the last successful run ended.
 * Alerting is left to the workflow (an IF on `syncHealth.lagSeconds`, or an Error Trigger).
 */
export interface RunHealth {
	read: number;
	written: number;
	rejected: number;
	skipped: number;
	/** Now minus the newest source `updated_at` seen in this run; null when the run saw no dated record. */
	lagSeconds: number | null;
	newestSourceUpdatedAt: string | null;
	/** When the previous successful run of this node ended; null on the first run (and in manual runs, whose static data n8n does not save). */
	lastSuccessfulRunAt: string | null;
	runAt: string;
}

/**
 * Where the end of the last successful run is kept in static data. Format 1: `{ v: 1, lastSuccessfulRunAt }` under
 * `runHealth`; format 0 (before versions): a flat `lastSuccessfulRunAt` string.
 */
export const RUN_HEALTH_STATE: StateSchema<{ lastSuccessfulRunAt: string }> = {
	key: 'runHealth',
	label: 'run health record',
	version: 1,
	legacy: {
		read: (data) => (typeof data.lastSuccessfulRunAt === 'string' ? { lastSuccessfulRunAt: data.lastSuccessfulRunAt } : undefined),
		keys: ['lastSuccessfulRunAt'],
	},
	upgrades: { 0: (record) => ({ lastSuccessfulRunAt: record.lastSuccessfulRunAt }) },
	decode: (record) => (typeof record.lastSuccessfulRunAt === 'string' ? { lastSuccessfulRunAt: record.lastSuccessfulRunAt } : undefined),
};

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

	summary(lastSuccessfulRunAt: string | null): RunHealth {
		const newest = this.newestMs;
		return {
			...this.counts,
			lagSeconds: newest === undefined ? null : Math.max(0, Math.round((this.nowMs - newest) / 1000)),
			newestSourceUpdatedAt: newest === undefined ? null : new Date(newest).toISOString(),
			lastSuccessfulRunAt,
			runAt: new Date(this.nowMs).toISOString(),
		};
	}

	/**
	 * The summary for this run, reading the previous successful run from static data and recording this one
	 * there when `succeeded` (a run in which every record failed is not a success). `node` names the node in the
	 * error thrown when a newer package version wrote the record.
	 */
	finish(staticData: IDataObject, succeeded: boolean, node: INode): RunHealth {
		const previous = loadState(node, staticData, RUN_HEALTH_STATE);
		const health = this.summary(previous?.lastSuccessfulRunAt ?? null);
		if (succeeded) writeState(staticData, RUN_HEALTH_STATE, { lastSuccessfulRunAt: health.runAt });
		return health;
	}
}

/** Puts the run's figures on every output item under one key, so an IF node can read them from any item. */
export function withHealth<T extends { json: IDataObject }>(items: T[], health: RunHealth): T[] {
	const figures = health as unknown as IDataObject;
	for (const item of items) item.json.syncHealth = { ...figures };
	return items;
}
