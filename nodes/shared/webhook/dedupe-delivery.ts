import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { DEDUPE_SNAPSHOT, dedupeStore, type Claim, type DedupeStoreOptions } from '../dedupe/store';
import { loadState } from '../state/versioned-state';
import { onAnswered } from './answer-hook';
import { keepChangedUntilAnswered, markWhenAnswerRead } from './respond';

/**
 * The dedupe step of every webhook trigger. The delivery's keys are claimed in the process-wide store and count
 * as seen only once n8n has answered 2xx — for an answer-at-once webhook n8n does that after the run exists in
 * its database (packages/cli/src/webhooks/webhook-helpers.ts: `WorkflowRunner.run` before the response), for an
 * answer-after-the-run webhook after the run succeeded. Any other answer (n8n could not store the run, the run
 * failed) forgets them, so the sender's retry runs. A copy that arrives while the first is unanswered gets
 * `in_flight` for every key (the trigger answers 503). An answer sent after the sender stopped waiting
 * (`senderTimeoutMs`), or after it hung up, makes the keys late: kept through restarts for the sender's whole
 * retry horizon. When n8n answers after the run, it saves the static data after the run but before the answer, so
 * the keys are kept out of the snapshot until that answer (a failed run's key saved as seen would turn the retry
 * after a restart into a "duplicate"). Before the scope's first use in this process, the snapshot is read through the
 * versioned-state rules: one written by a newer package version fails the delivery (a 500, so the sender retries)
 * rather than being overwritten.
 */
export function claimDelivery(
	ctx: IWebhookFunctions,
	scope: string,
	keys: string[],
	staticData: IDataObject,
	options: DedupeStoreOptions & { senderTimeoutMs: number; answeredAfterRun: boolean },
	nowMs: number,
): Claim[] {
	if (!dedupeStore.isRestored(scope)) loadState(ctx.getNode(), staticData, DEDUPE_SNAPSHOT);
	const claims = dedupeStore.claim(scope, keys, staticData, { ...options, holdBack: options.answeredAfterRun }, nowMs);
	const claimed = keys.filter((_, i) => claims[i] === 'new');
	// persistedAt is set to the call's own clock reading only when this call rewrote the snapshot.
	if (dedupeStore.persistedAt(scope) === nowMs) {
		const mark = () => dedupeStore.rewrite(scope, staticData, claimed);
		if (options.answeredAfterRun) keepChangedUntilAnswered(ctx, mark);
		else markWhenAnswerRead(ctx, mark);
	}
	if (claimed.length > 0) {
		onAnswered(ctx.getResponseObject(), ({ status, hungUp, atMs }) => {
			const outcome = { ok: status >= 200 && status < 300, late: hungUp || atMs - nowMs > options.senderTimeoutMs };
			dedupeStore.settle(scope, claimed, outcome, staticData, atMs);
		});
	}
	return claims;
}
