import type { IDataObject, INode } from 'n8n-workflow';

import type { DeliveryRow } from '../shared/kirim/replay';
import { loadState, writeState, type StateSchema } from '../shared/state/versioned-state';

/**
 * Which dead letters the option "Replay dead-lettered deliveries on activation" has already replayed, kept in the
 * node's static data. A replay makes Kirim send a new delivery row while the original stays dead (for 30 days,
 * https://developers.kirim.chat/api/operations/webhook_deliveriesidreplay/), so without this every later activation
 * (an edit, deactivate/activate, a restart of n8n) would replay the same outage again.
 *
 * Kept small: every dead letter created before `handledBefore` was replayed, since a delivery that old had finished
 * Kirim's retries by the time of that replay (it was listed dead then, or it was delivered); only the ids replayed
 * at or after it are listed, about 33 bytes of static data each (a `wbd_` id and its quotes and comma).
 */
export interface ReplayLedger {
	/** The subscription the ledger is about: a new subscription starts with none. */
	subscriptionId: string;
	/** ISO instant; every dead letter created before it has been replayed. */
	handledBefore: string;
	/** Dead letters created at or after `handledBefore` (or at no readable time) that have been replayed. */
	replayed: string[];
}

/**
 * How long after its creation a delivery may still be retrying: Kirim waits 0 s, 10 s, 30 s, 2 min, 10 min, 1 h,
 * 6 h and 24 h before its 8 attempts, each delay ±20 % (https://developers.kirim.chat/webhooks/retry/), and each
 * attempt may take its 10 s timeout: 37 h 28 min at most. One hour more covers Kirim's queue and a clock difference
 * between Kirim and n8n. Too long only keeps more ids in the ledger; too short would skip a dead letter.
 */
const RETRY_DELAYS_S = [0, 10, 30, 120, 600, 3_600, 21_600, 86_400];
const ATTEMPT_TIMEOUT_S = 10;
const JITTER = 0.2;
const MARGIN_MS = 3_600_000;
export const RETRY_HORIZON_MS =
	Math.ceil(RETRY_DELAYS_S.reduce((sum, s) => sum + s, 0) * (1 + JITTER) + RETRY_DELAYS_S.length * ATTEMPT_TIMEOUT_S) *
		1000 +
	MARGIN_MS;

/** Format 1: `{ v: 1, subscriptionId, handledBefore, replayed }` under `replayLedger`. */
export const REPLAY_LEDGER_STATE: StateSchema<ReplayLedger> = {
	key: 'replayLedger',
	label: 'Kirim dead-letter replay ledger',
	version: 1,
	upgrades: {},
	decode: (record) => {
		const { subscriptionId, handledBefore, replayed } = record;
		if (
			typeof subscriptionId !== 'string' ||
			typeof handledBefore !== 'string' ||
			Number.isNaN(Date.parse(handledBefore))
		)
			return undefined;
		if (!Array.isArray(replayed) || !replayed.every((id) => typeof id === 'string')) return undefined;
		return { subscriptionId, handledBefore, replayed: replayed as string[] };
	},
};

export function loadReplayLedger(
	node: INode,
	staticData: IDataObject,
	subscriptionId: string,
): ReplayLedger | undefined {
	const ledger = loadState(node, staticData, REPLAY_LEDGER_STATE);
	return ledger?.subscriptionId === subscriptionId ? ledger : undefined;
}

export function saveReplayLedger(staticData: IDataObject, ledger: ReplayLedger): void {
	writeState(staticData, REPLAY_LEDGER_STATE, ledger);
}

/** Splits listed dead letters into those to replay now and those already replayed (still dead in Kirim). */
export function sortByLedger(
	ledger: ReplayLedger | undefined,
	rows: DeliveryRow[],
): { replay: DeliveryRow[]; done: DeliveryRow[] } {
	if (!ledger) return { replay: rows, done: [] };
	const before = Date.parse(ledger.handledBefore);
	const replayed = new Set(ledger.replayed);
	const replay: DeliveryRow[] = [];
	const done: DeliveryRow[] = [];
	for (const row of rows) (Date.parse(row.created_at) < before || replayed.has(row.id) ? done : replay).push(row);
	return { replay, done };
}

/**
 * The ledger once `listed` (every dead letter Kirim listed now) is handled: the ones listed done and the ones
 * replayed now. Ids below the new `handledBefore` are dropped, as are ids Kirim no longer lists (purged).
 */
export function nextLedger(
	subscriptionId: string,
	previous: ReplayLedger | undefined,
	listed: DeliveryRow[],
	nowMs: number,
): ReplayLedger {
	const horizon = nowMs - RETRY_HORIZON_MS;
	const before = Math.max(horizon, previous ? Date.parse(previous.handledBefore) : -Infinity);
	const replayed = listed.filter((row) => !(Date.parse(row.created_at) < before)).map((row) => row.id);
	return { subscriptionId, handledBefore: new Date(before).toISOString(), replayed };
}
