import type { IDataObject } from 'n8n-workflow';

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
	/**
	 * Poll triggers: when the previous successful poll ended (kept in their state; null on the first). Action nodes,
	 * which keep no state: this run, when it succeeded.
	 */
	lastSuccessfulRunAt: string | null;
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
	 * The summary of a run that keeps nothing between runs (an action node): the last successful run is this one
	 * when it succeeded, else unknown. Action nodes must not write static data: n8n saves a run's copy of the whole
	 * workflow's static data when the run ends, which would put a poll trigger's cursor back to where it was
	 * before the poll that started the run (README, Kirim Poll Trigger "where it ends").
	 */
	ofStatelessRun(succeeded: boolean): RunHealth {
		const health = this.summary(null);
		return succeeded ? { ...health, lastSuccessfulRunAt: health.runAt } : health;
	}
}

/** Puts the run's figures on every output item under one key, so an IF node can read them from any item. */
export function withHealth<T extends { json: IDataObject }>(items: T[], health: RunHealth): T[] {
	const figures = health as unknown as IDataObject;
	for (const item of items) item.json.syncHealth = { ...figures };
	return items;
}
