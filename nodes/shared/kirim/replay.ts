import { createHash, randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { collect } from '../transport/pagination';
import { canonicalJson } from '../transport/idempotency';
import type { KirimClient } from './client';

/**
 * bulk_replay re-sends at most this many deliveries per call
 * (https://developers.kirim.chat/api/operations/webhook_deliveriesbulk_replay/).
 */
export const BULK_REPLAY_CAP = 1000;

/**
 * Both names the docs use for the dead-letter state: `dead` (https://kirim-dev.pages.dev/webhooks/retry/) and
 * `failed` (https://developers.kirim.chat/webhooks/retry/).
 */
export const DEAD_LETTER_STATUSES = ['dead', 'failed'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export interface DeliveryRow {
	id: string;
	created_at: string;
	status?: string;
	event_type?: string;
}

/** One call: a bulk replay of a time window that holds at most the cap, or one delivery replayed alone. */
export type ReplayStep =
	| { kind: 'window'; status: DeadLetterStatus; createdAfter: string; createdBefore: string; expected: number }
	| { kind: 'single'; deliveryId: string };

/**
 * Splits dead deliveries into windows of at most `cap`, before any call: a window that came back capped can
 * never be sent again (its first `cap` deliveries would be replayed twice), so it must not be capped at all.
 * Bounds sit 1 ms outside the window's first and last delivery, so windows do not share a delivery whichever way
 * Kirim treats the bounds (undocumented), unless two deliveries are exactly 1 ms apart at a cut. Deliveries sharing
 * one millisecond beyond the cap cannot be told apart by time and are replayed one by one.
 * `keep`: dead deliveries of the same status that must not be replayed (already replayed: Kirim keeps the original
 * row dead). bulk_replay takes every dead delivery of its window, so no window reaches within 1 ms of one of them;
 * deliveries that close to one are replayed one by one.
 */
export function planReplay(
	rows: DeliveryRow[],
	status: DeadLetterStatus,
	cap = BULK_REPLAY_CAP,
	keep: readonly DeliveryRow[] = [],
): ReplayStep[] {
	const keptTimes = keep.map((row) => Date.parse(row.created_at));
	// A kept delivery without a readable time could sit in any window: then only single replays are safe.
	if (keptTimes.some((t) => Number.isNaN(t))) return rows.map((row) => ({ kind: 'single', deliveryId: row.id }));
	keptTimes.sort((a, b) => a - b);
	const keptWithin = (from: number, to: number) => {
		let low = 0;
		let high = keptTimes.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (keptTimes[mid] < from) low = mid + 1;
			else high = mid;
		}
		return low < keptTimes.length && keptTimes[low] <= to;
	};
	const byTime = new Map<number, DeliveryRow[]>();
	for (const row of rows) {
		const t = Date.parse(row.created_at);
		if (Number.isNaN(t)) continue;
		const group = byTime.get(t) ?? [];
		group.push(row);
		byTime.set(t, group);
	}
	const steps: ReplayStep[] = [];
	let open: { first: number; last: number; count: number } | undefined;
	const close = () => {
		if (!open) return;
		steps.push({
			kind: 'window',
			status,
			createdAfter: new Date(open.first - 1).toISOString(),
			createdBefore: new Date(open.last + 1).toISOString(),
			expected: open.count,
		});
		open = undefined;
	};
	for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
		const group = byTime.get(t)!;
		if (group.length > cap || keptWithin(t - 1, t + 1)) {
			close();
			for (const row of group) steps.push({ kind: 'single', deliveryId: row.id });
			continue;
		}
		// Growing the window from [first − 1, last + 1] to [first − 1, t + 1] adds (last + 1, t + 1].
		if (open && (open.count + group.length > cap || keptWithin(open.last + 2, t + 1))) close();
		if (!open) open = { first: t, last: t, count: 0 };
		open.last = t;
		open.count += group.length;
	}
	close();
	// Rows without a readable time cannot be placed in a window.
	for (const row of rows)
		if (Number.isNaN(Date.parse(row.created_at))) steps.push({ kind: 'single', deliveryId: row.id });
	return steps;
}

export interface ReplayFilter {
	subscriptionId: string;
	eventType?: string;
	createdAfter?: string;
	createdBefore?: string;
}

export interface ReplaySummary extends IDataObject {
	subscriptionId: string;
	found: number;
	enqueued: number;
	bulkCalls: number;
	singleReplays: number;
	/** Windows Kirim still reported as capped (deliveries died between listing and replay): not re-sent. */
	cappedWindows: IDataObject[];
}

/** Same key on every transport retry of one replay run; a new run gets new keys. */
function keyFor(run: string, body: unknown): string {
	return `n8n-replay-${createHash('sha256').update(run).update(canonicalJson(body)).digest('hex').slice(0, 40)}`;
}

/** The dead letters of one status, as listed. */
export interface DeadLetters {
	status: DeadLetterStatus;
	rows: DeliveryRow[];
}

/** Lists the subscription's dead-lettered deliveries, both statuses, checked against the filter. */
export async function listDeadLetters(
	client: KirimClient,
	filter: ReplayFilter,
	itemIndex?: number,
): Promise<DeadLetters[]> {
	const after = filter.createdAfter ? Date.parse(filter.createdAfter) : -Infinity;
	const before = filter.createdBefore ? Date.parse(filter.createdBefore) : Infinity;
	const lists: DeadLetters[] = [];
	for (const status of DEAD_LETTER_STATUSES) {
		const qs: IDataObject = { subscription_id: filter.subscriptionId, status };
		if (filter.eventType) qs.event_type = filter.eventType;
		const rows = (await collect(client.listPages<DeliveryRow>('/v1/webhook_deliveries', qs, 100, itemIndex))).filter(
			(row) => {
				// The list's filters are undocumented: check again what came back.
				const t = Date.parse(row.created_at);
				return (
					(row.status ?? status) === status &&
					(!filter.eventType || row.event_type === filter.eventType) &&
					t > after &&
					t < before
				);
			},
		);
		lists.push({ status, rows });
	}
	return lists;
}

/** The calls planned for one status, and how many dead letters they cover. */
export interface ReplayPlan {
	status: DeadLetterStatus;
	steps: ReplayStep[];
	found: number;
}

/** How many deliveries the steps should re-send (a capped or larger `enqueued` means more died meanwhile). */
export function expectedReplays(plans: readonly ReplayPlan[]): number {
	return plans.reduce(
		(sum, plan) => sum + plan.steps.reduce((n, step) => n + (step.kind === 'single' ? 1 : step.expected), 0),
		0,
	);
}

/** Makes the planned calls, in order; a failed call throws (what was sent before it stays sent). */
export async function sendReplays(
	client: KirimClient,
	filter: ReplayFilter,
	plans: readonly ReplayPlan[],
	itemIndex?: number,
): Promise<ReplaySummary> {
	const run = randomUUID();
	const summary: ReplaySummary = {
		subscriptionId: filter.subscriptionId,
		found: 0,
		enqueued: 0,
		bulkCalls: 0,
		singleReplays: 0,
		cappedWindows: [],
	};
	for (const { status, steps, found } of plans) {
		summary.found += found;
		for (const step of steps) {
			if (step.kind === 'single') {
				const path = `/v1/webhook_deliveries/${step.deliveryId}/replay`;
				await client.send({ method: 'POST', path, idempotencyKey: keyFor(run, path) }, itemIndex);
				summary.singleReplays += 1;
				summary.enqueued += 1;
				continue;
			}
			const body: IDataObject = {
				subscription_id: filter.subscriptionId,
				status,
				created_after: step.createdAfter,
				created_before: step.createdBefore,
			};
			if (filter.eventType) body.event_type = filter.eventType;
			const result = await client.data<{ enqueued?: number; capped?: boolean }>(
				{ method: 'POST', path: '/v1/webhook_deliveries/bulk_replay', body, idempotencyKey: keyFor(run, body) },
				itemIndex,
			);
			summary.bulkCalls += 1;
			summary.enqueued += Number(result?.enqueued ?? 0);
			if (result?.capped === true) summary.cappedWindows.push({ ...body, expected: step.expected });
		}
	}
	return summary;
}

/** Lists the subscription's dead-lettered deliveries and replays them all, window by window. */
export async function replayDeadLetters(
	client: KirimClient,
	filter: ReplayFilter,
	itemIndex?: number,
): Promise<ReplaySummary> {
	const lists = await listDeadLetters(client, filter, itemIndex);
	const plans = lists.map(({ status, rows }) => ({ status, steps: planReplay(rows, status), found: rows.length }));
	return await sendReplays(client, filter, plans, itemIndex);
}
