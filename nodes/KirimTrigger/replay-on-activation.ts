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
import { loadReplayLedger, nextLedger, saveReplayLedger, sortByLedger } from './replay-ledger';

/** Replays started by activations and not finished yet, by subscription (one at a time per subscription). */
export const replaysInProgress = new Map<string, Promise<void>>();

/**
 * Option "Replay dead-lettered deliveries on activation": after n8n was down long enough for Kirim to give up
 * (8 attempts over ~31 h), activation or n8n's start asks for those deliveries again, each once (replay-ledger.ts).
 * Not for "Listen for test event", whose subscription is new.
 * The dead letters are listed and the ledger written before activation returns: n8n saves the static data of an
 * activation once, when its webhook checks are done (`addWebhooks` in packages/cli/src/active-workflow-manager.ts),
 * and never again from that copy. The replay calls run after activation returns: the route is registered by then,
 * and a big dead-letter queue under Kirim's write rate limit (60/min on the default tier) must not hold activation up.
 */
export async function startReplayAfterDowntime(ctx: IHookFunctions, client: KirimClient, subscriptionId: string, staticData: IDataObject): Promise<void> {
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	if (options.replayDeadLettersOnActivation !== true || ctx.getMode() === 'manual') return;
	if (replaysInProgress.has(subscriptionId)) return;
	const plans: ReplayPlan[] = [];
	const toReplay: DeliveryRow[] = [];
	try {
		const previous = loadReplayLedger(ctx.getNode(), staticData, subscriptionId);
		const lists = await listDeadLetters(client, { subscriptionId });
		for (const { status, rows } of lists) {
			const { replay, done } = sortByLedger(previous, rows);
			plans.push({ status, steps: planReplay(replay, status, BULK_REPLAY_CAP, done), found: replay.length });
			toReplay.push(...replay);
		}
		saveReplayLedger(staticData, nextLedger(subscriptionId, previous, lists.flatMap((list) => list.rows), Date.now()));
	} catch (error) {
		ctx.logger.warn(
			`Kirim Trigger: could not plan the replay of the dead-lettered deliveries of ${subscriptionId} (${(error as Error).message}); none replayed, the next activation tries again`,
		);
		return;
	}
	if (toReplay.length === 0) return;
	const replay = sendPlanned(ctx, client, subscriptionId, plans, toReplay).finally(() => replaysInProgress.delete(subscriptionId));
	replaysInProgress.set(subscriptionId, replay);
}

/** The created_at range of the rows, for a message naming what to replay by hand. */
function createdRange(rows: DeliveryRow[]): string {
	const times = rows.map((row) => row.created_at).sort();
	return `created from ${times[0]} to ${times[times.length - 1]}`;
}

async function sendPlanned(ctx: IHookFunctions, client: KirimClient, subscriptionId: string, plans: ReplayPlan[], rows: DeliveryRow[]): Promise<void> {
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
