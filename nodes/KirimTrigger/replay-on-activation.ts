import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import type { KirimClient } from '../shared/kirim/client';
import {
	BULK_REPLAY_CAP,
	expectedReplays,
	listDeadLetters,
	planReplay,
	sendReplays,
	type DeliveryRow,
	type ReplayPlan,
} from '../shared/kirim/replay';
import type { TriggerOptions } from './description';
import { loadReplayLedger, nextLedger, saveReplayLedger, sortByLedger, type ReplayLedger } from './replay-ledger';

/** Replays started by activations and not finished yet, by subscription (one at a time per subscription). */
export const replaysInProgress = new Map<string, Promise<void>>();

/** Which listed dead letters to replay now (the rest stay dead), and the ledger to keep once they are. */
interface ReplaySelection {
	pick: (previous: ReplayLedger | undefined, rows: DeliveryRow[]) => { replay: DeliveryRow[]; done: DeliveryRow[] };
	ledger: (previous: ReplayLedger | undefined, listed: DeliveryRow[], replayed: DeliveryRow[]) => ReplayLedger;
}

/**
 * Lists the subscription's dead letters, picks what to replay and writes the ledger before activation returns:
 * n8n saves the static data of an activation once, when its webhook checks are done (`addWebhooks` in
 * packages/cli/src/active-workflow-manager.ts), and never again from that copy. The replay calls run after
 * activation returns: the route is registered by then, and a big dead-letter queue under Kirim's write rate limit
 * (60/min on the default tier) must not hold activation up.
 */
async function startReplay(
	ctx: IHookFunctions,
	client: KirimClient,
	subscriptionId: string,
	staticData: IDataObject,
	selection: ReplaySelection,
): Promise<void> {
	if (replaysInProgress.has(subscriptionId)) return;
	const plans: ReplayPlan[] = [];
	const toReplay: DeliveryRow[] = [];
	try {
		const previous = loadReplayLedger(ctx.getNode(), staticData, subscriptionId);
		const lists = await listDeadLetters(client, { subscriptionId });
		for (const { status, rows } of lists) {
			const { replay, done } = selection.pick(previous, rows);
			plans.push({ status, steps: planReplay(replay, status, BULK_REPLAY_CAP, done), found: replay.length });
			toReplay.push(...replay);
		}
		saveReplayLedger(
			staticData,
			selection.ledger(
				previous,
				lists.flatMap((list) => list.rows),
				toReplay,
			),
		);
	} catch (error) {
		ctx.logger.warn(
			`Kirim Trigger: could not plan the replay of the dead-lettered deliveries of ${subscriptionId} (${(error as Error).message}); none replayed, the next activation tries again`,
		);
		return;
	}
	if (toReplay.length === 0) return;
	const replay = sendPlanned(ctx, client, subscriptionId, plans, toReplay).finally(() =>
		replaysInProgress.delete(subscriptionId),
	);
	replaysInProgress.set(subscriptionId, replay);
}

function replayOnActivation(ctx: IHookFunctions): boolean {
	return (
		(ctx.getNodeParameter('options', {}) as TriggerOptions).replayDeadLettersOnActivation === true &&
		ctx.getMode() !== 'manual'
	);
}

/**
 * Option "Replay dead-lettered deliveries on activation": after n8n was down long enough for Kirim to give up
 * (8 attempts over ~31 h), activation or n8n's start asks for those deliveries again, each once (replay-ledger.ts).
 * Not for "Listen for test event", whose subscription is new.
 */
export async function startReplayAfterDowntime(
	ctx: IHookFunctions,
	client: KirimClient,
	subscriptionId: string,
	staticData: IDataObject,
): Promise<void> {
	if (!replayOnActivation(ctx)) return;
	await startReplay(ctx, client, subscriptionId, staticData, {
		pick: sortByLedger,
		ledger: (previous, listed) => nextLedger(subscriptionId, previous, listed, Date.now()),
	});
}

/**
 * Deliveries may have been created up to this long before `delete()` ran and still met the gap: with the
 * publication service n8n removes the route just before it calls `delete()`, and Kirim's clock is not n8n's.
 */
export const GAP_MARGIN_MS = 60_000;

/**
 * How long the check of an edit waits before it lists dead letters: a 404 n8n sent just before the route came back
 * may reach Kirim's records a moment after the check began (the route is back by then, nothing else waits).
 */
export const GAP_SETTLE_MS = 2_000;

/**
 * An edit of the trigger in an active workflow: between n8n's `delete()` for the old version and the check for the
 * new one, the webhook is not registered and n8n answers 404, which Kirim dead-letters at once
 * (https://developers.kirim.chat/webhooks/retry/). The dead letters created since then are replayed, each once.
 * With "Replay dead-lettered deliveries on activation" on, the replay of every dead letter covers them instead.
 */
export async function startGapReplay(
	ctx: IHookFunctions,
	client: KirimClient,
	subscriptionId: string,
	staticData: IDataObject,
	gapStart: number,
): Promise<void> {
	if (replayOnActivation(ctx)) return;
	const inGap = (row: DeliveryRow) => !(Date.parse(row.created_at) < gapStart - GAP_MARGIN_MS);
	await startReplay(ctx, client, subscriptionId, staticData, {
		pick: (previous, rows) => {
			const { replay } = sortByLedger(previous, rows);
			const picked = new Set(replay.filter(inGap));
			return { replay: [...picked], done: rows.filter((row) => !picked.has(row)) };
		},
		// Nothing before the gap counts as handled: the option, turned on later, still replays older dead letters.
		ledger: (previous, listed, replayed) => {
			const stillListed = new Set(listed.map((row) => row.id));
			const kept = (previous?.replayed ?? []).filter((id) => stillListed.has(id));
			return {
				subscriptionId,
				handledBefore: previous?.handledBefore ?? new Date(0).toISOString(),
				replayed: [...new Set([...kept, ...replayed.map((row) => row.id)])],
			};
		},
	});
}

/** The created_at range of the rows, for a message naming what to replay by hand. */
function createdRange(rows: DeliveryRow[]): string {
	const times = rows.map((row) => row.created_at).sort();
	return `created from ${times[0]} to ${times[times.length - 1]}`;
}

async function sendPlanned(
	ctx: IHookFunctions,
	client: KirimClient,
	subscriptionId: string,
	plans: ReplayPlan[],
	rows: DeliveryRow[],
): Promise<void> {
	const expected = expectedReplays(plans);
	try {
		const summary = await sendReplays(client, { subscriptionId }, plans);
		ctx.logger.info(
			`Kirim Trigger: asked Kirim to replay ${summary.enqueued} of ${summary.found} dead-lettered deliveries of ${subscriptionId} (${summary.bulkCalls} bulk calls, ${summary.singleReplays} single)`,
		);
		if (summary.cappedWindows.length > 0) {
			ctx.logger.warn(
				`Kirim Trigger: ${summary.cappedWindows.length} replay window(s) of ${subscriptionId} came back capped (deliveries died while replaying); some dead letters ${createdRange(rows)} may not have been replayed: check them with the Kirim Admin node (Delivery → Bulk Replay)`,
			);
		} else if (summary.enqueued > expected) {
			ctx.logger.info(
				`Kirim Trigger: ${summary.enqueued - expected} deliveries of ${subscriptionId} died while replaying and were replayed too; the next activation may replay them once more (the trigger's dedupe drops a repeated event)`,
			);
		}
	} catch (error) {
		ctx.logger.error(
			`Kirim Trigger: could not replay all dead-lettered deliveries of ${subscriptionId} (${(error as Error).message}). They stay in Kirim's dead-letter queue but count as replayed, so no later activation replays them: replay those ${createdRange(rows)} with the Kirim Admin node (Delivery → Bulk Replay)`,
		);
	}
}
