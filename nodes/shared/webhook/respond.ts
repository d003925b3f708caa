import { sleep, type IDataObject, type INodeExecutionData, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import type { RejectionReason } from '../signatures/verdict';

/** Answers the request ourselves (a refusal or an acknowledgement that starts no run). */
export function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body).end();
	return { noWebhookResponse: true };
}

/**
 * Acknowledges a delivery ourselves, then hands its items to the run.
 *
 * Why not `webhookResponse`: n8n 2.41 saves a trigger's static data in the callback that sends the answer, and
 * when n8n sends the answer itself it first creates the run, whose setup wraps the same static-data object in a
 * new Workflow and so clears its "changed" flag (WorkflowRunner.establishContextForPersistence): the dedupe
 * snapshot written by webhook() would never reach the database. Answering here runs that callback before the run
 * is created.
 */
export function acknowledgeAndRun(
	ctx: IWebhookFunctions,
	body: IDataObject,
	items: INodeExecutionData[],
): IWebhookResponseData {
	ctx.getResponseObject().status(200).json(body).end();
	return { noWebhookResponse: true, workflowData: [items] };
}

/** How long `keepChangedUntilAnswered` keeps marking; far past the senders' own timeouts (Kirim: 10 s). */
const MARK_AT_MOST_MS = 10 * 60_000;
const MARK_EVERY_MS = 5;

/**
 * For a webhook that n8n answers after the run: the flag reset described at `acknowledgeAndRun` happens after
 * webhook() returns, and static data is saved just before the answer goes out, so `mark` (a rewrite of the node's
 * static data) is repeated until the answer has been sent.
 */
export function keepChangedUntilAnswered(ctx: IWebhookFunctions, mark: () => void): void {
	const res = ctx.getResponseObject();
	const until = Date.now() + MARK_AT_MOST_MS;
	const loop = async () => {
		while (!res.headersSent && !res.writableEnded && !res.destroyed && Date.now() < until) {
			await sleep(MARK_EVERY_MS);
			mark();
		}
	};
	void loop();
}

/** Refusals per reason, per trigger node, since this n8n process started (shown on every emitted item). */
export class RejectionCounter {
	private readonly counts = new Map<string, Partial<Record<RejectionReason, number>>>();

	static keyOf(ctx: IWebhookFunctions): string {
		return `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
	}

	count(key: string, reason: RejectionReason): void {
		const counts = this.counts.get(key) ?? {};
		counts[reason] = (counts[reason] ?? 0) + 1;
		this.counts.set(key, counts);
	}

	snapshot(key: string): Partial<Record<RejectionReason, number>> {
		return { ...(this.counts.get(key) ?? {}) };
	}
}
